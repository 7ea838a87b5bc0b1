package io.grapevine.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard as a person sees it: Debian's Chromium renders the page served by the
 * running service over mentions indexed in the real Elasticsearch.
 */
@TestInstance(Lifecycle.PER_CLASS)
class DashboardPageTests extends LiveStackTestSupport {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private final String word = "dash" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private final Mention latest = judged(
			TestMentions.mention("bluesky", "dash-1", "The new " + this.word + " timetable on line 7 works great",
					this.now.minus(10, ChronoUnit.MINUTES), Author.of("rider_amy", "Amy", 1234),
					new Engagement(3, 1, 0), "en", List.of("delays"), List.of("operations")),
			Sentiment.POSITIVE, 0.75);

	private final Mention hostile = judged(TestMentions.mention("x", "dash-2",
			"<img src=x onerror=alert(1)> " + this.word + " ticket machine broken", this.now.minus(2, ChronoUnit.DAYS),
			Author.of("mallory"), Engagement.NONE, "en", List.of("fares"), List.of("communications")),
			Sentiment.NEGATIVE, -0.5);

	private final Mention older = TestMentions.mention("reddit", "dash-3", "Quiet ride home on the ferry",
			this.now.minus(4, ChronoUnit.DAYS), Author.of("bob", "Bob", 10), Engagement.NONE, "en", List.of(),
			List.of());

	private static Mention judged(Mention mention, Sentiment label, double score) {
		return mention.withEnrichment(mention.language(), Optional.of(new SentimentScore(score, label)),
				Optional.empty(), Optional.empty());
	}

	@BeforeAll
	void indexRecentMentions() {
		publish(this.latest, this.hostile, this.older);
		awaitIndexed(this.latest, this.hostile, this.older);
	}

	@Test
	void theDashboardDrawsTheVolumeChartTheSourcesAndTheLatestMentions() throws Exception {
		String dom = render("/");
		Matcher bars = Pattern.compile("<rect class=\"bar\"[^>]*data-count=\"(\\d+)\"").matcher(dom);
		List<Integer> counts = new ArrayList<>();
		while (bars.find()) {
			counts.add(Integer.parseInt(bars.group(1)));
		}
		assertThat(counts).hasSizeBetween(7, 8);
		assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(3);
		assertThat(dom).contains("id=\"volume-chart\"")
			.contains("Harbor City Transit")
			.contains(this.latest.text())
			.contains("bluesky")
			.contains("%</span>");
		assertThat(dom).contains("&lt;img src=x onerror=alert(1)&gt; " + this.word).doesNotContain("<img src=\"x\"");
	}

	@Test
	void theSearchBoxShowsMatchesWithTheirHighlightsAndKeepsMentionTextAsText() throws Exception {
		String dom = render("/?q=" + this.word);
		assertThat(dom).contains("2 mentions match")
			.contains("<mark>" + this.word + "</mark> timetable")
			.contains("&lt;img src=x onerror=alert(1)&gt; <mark>" + this.word + "</mark>")
			.doesNotContain("<img src=\"x\"");
	}

	@Test
	void aQueryInTheLanguageFiltersTheSearchAndTheAnalytics() throws Exception {
		String dom = render("/?q=" + this.word + "%20-broken");
		assertThat(dom).contains("1 mention matches")
			.contains("1 mentions matching the query")
			.contains("<mark>" + this.word + "</mark> timetable");
	}

	@Test
	void theSentimentCardSplitsTheJudgedMentionsAndShowsTheirAverageScore() throws Exception {
		String dom = render("/?q=" + this.word);
		assertThat(dom).containsPattern("Positive</span>.*50%</span>")
			.containsPattern("Negative</span>.*50%</span>")
			.contains("Average score +0.13 over 2 judged mentions");
		assertThat(render("/?q=" + this.word + "%20-broken")).contains("Average score +0.75 over 1 judged mentions")
			.doesNotContain("Negative</span>");
	}

	@Test
	void aQueryThatCannotBeParsedShowsWhatIsWrongAndWhere() throws Exception {
		String dom = render("/?q=" + this.word + "%20AND");
		int position = this.word.length() + 4;
		assertThat(dom).contains("This query cannot be run: expected a term or '(' after AND at position " + position)
			.contains("(position " + position + ")")
			.contains(this.word + " AND\n" + " ".repeat(position) + "^")
			.contains("All words must appear");
	}

	@Test
	void aScreenshotOfTheDashboardIsTaken() throws Exception {
		Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
		Files.deleteIfExists(screenshot);
		chromium("--screenshot=" + screenshot, "--window-size=1280,900", url("/?q=" + this.word));
		assertThat(screenshot).exists();
		assertThat(Files.size(screenshot)).isGreaterThan(10_000);
	}

	private String render(String path) throws Exception {
		return chromium("--dump-dom", url(path));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private String chromium(String... arguments) throws IOException, InterruptedException {
		assumeTrue(Files.isExecutable(CHROMIUM),
				"Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)");
		Path profile = Files.createTempDirectory("grapevine-chromium");
		List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
				"--virtual-time-budget=10000"));
		command.addAll(List.of(arguments));
		Path output = Files.createTempFile("grapevine-chromium", ".out");
		Process process = new ProcessBuilder(command).redirectErrorStream(false)
			.redirectOutput(output.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished within 60s").isTrue();
			return Files.readString(output, StandardCharsets.UTF_8);
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(output);
			deleteRecursively(profile);
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (var paths = Files.walk(directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
