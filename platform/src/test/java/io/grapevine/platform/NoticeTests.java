package io.grapevine.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NOTICE names every third-party data set and lexicon the repository bundles, and
 * nothing that is not there.
 */
class NoticeTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	// A data file of our own opens with a comment that says what it is; third-party
	// files are kept unchanged, so they do not (or they live in a third-party folder).
	private static final Pattern OWN_HEADER = Pattern.compile("^(#|//).*");

	private static final Pattern NAMED_PATH = Pattern.compile("[a-z-]+/src/(main|test)/resources/\\S+");

	@Test
	void everyBundledThirdPartyDataFileIsNamedInTheNotice() throws IOException {
		String notice = Files.readString(ROOT.resolve("NOTICE"), StandardCharsets.UTF_8);

		List<String> thirdParty = dataFiles().filter(NoticeTests::isThirdParty)
			.map((file) -> ROOT.relativize(file).toString().replace('\\', '/'))
			.toList();

		assertThat(thirdParty).as("third-party data files").isNotEmpty();
		assertThat(thirdParty).allSatisfy((path) -> assertThat(notice).as("NOTICE").contains(path));
	}

	@Test
	void everyFileTheNoticeNamesIsInTheRepository() throws IOException {
		Matcher named = NAMED_PATH.matcher(Files.readString(ROOT.resolve("NOTICE"), StandardCharsets.UTF_8));
		int count = 0;
		while (named.find()) {
			count++;
			assertThat(ROOT.resolve(named.group())).as("a file NOTICE names").isRegularFile();
		}
		assertThat(count).isPositive();
	}

	private static Stream<Path> dataFiles() throws IOException {
		return Files.walk(ROOT).filter(Files::isRegularFile).filter((file) -> {
			String path = file.toString().replace('\\', '/');
			// Golden files are the platform's own rendered output, kept to compare a
			// change against.
			return path.matches(".*/src/(main|test)/resources/.*\\.(txt|tsv|csv)") && !path.contains("/target/")
					&& !path.contains("/node_modules/") && !path.contains("/golden/");
		});
	}

	private static boolean isThirdParty(Path file) {
		if (file.toString().replace('\\', '/').contains("/third-party/")) {
			return true;
		}
		try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
			return lines.findFirst().map((first) -> !OWN_HEADER.matcher(first).matches()).orElse(false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
