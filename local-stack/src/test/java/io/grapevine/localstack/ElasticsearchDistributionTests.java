package io.grapevine.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link ElasticsearchDistribution}.
 */
class ElasticsearchDistributionTests {

	@TempDir
	Path folder;

	@Test
	void unzippingDropsTheTopFolderAndMakesTheScriptsExecutable() throws IOException {
		Path zip = zip("elasticsearch-1.2.3/", "elasticsearch-1.2.3/bin/elasticsearch",
				"elasticsearch-1.2.3/lib/server.jar", "elasticsearch-1.2.3/config/jvm.options");
		Path target = Files.createDirectory(this.folder.resolve("target"));
		ElasticsearchDistribution.unzip(zip, target);
		assertThat(target.resolve("bin/elasticsearch")).hasContent("bin/elasticsearch");
		assertThat(Files.getPosixFilePermissions(target.resolve("bin/elasticsearch")))
			.contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
		assertThat(Files.getPosixFilePermissions(target.resolve("lib/server.jar")))
			.contains(PosixFilePermission.OTHERS_READ)
			.doesNotContain(PosixFilePermission.OWNER_EXECUTE);
		assertThat(Files.getPosixFilePermissions(target.resolve("config")))
			.contains(PosixFilePermission.OTHERS_EXECUTE);
	}

	@Test
	void unzippingRefusesEntriesThatPointOutsideTheTarget() throws IOException {
		Path zip = zip("elasticsearch-1.2.3/../../evil");
		Path target = Files.createDirectory(this.folder.resolve("target"));
		assertThatIOException().isThrownBy(() -> ElasticsearchDistribution.unzip(zip, target))
			.withMessageContaining("outside");
	}

	@Test
	void aCompleteCopyInTheCacheIsReusedAndAnIncompleteOneReplaced() throws IOException {
		Path zip = zip("elasticsearch-1.2.3/bin/elasticsearch");
		Path cache = this.folder.resolve("cache");
		Path home = ElasticsearchDistribution.unpacked(zip, cache);
		assertThat(home.resolve(ElasticsearchDistribution.COMPLETE_MARKER)).exists();
		assertThat(home.getFileName().toString()).endsWith("elasticsearch-1.2.3");
		Files.writeString(home.resolve("bin/elasticsearch"), "kept");
		assertThat(ElasticsearchDistribution.unpacked(zip, cache)).isEqualTo(home);
		assertThat(home.resolve("bin/elasticsearch")).hasContent("kept");
		Files.delete(home.resolve(ElasticsearchDistribution.COMPLETE_MARKER));
		assertThat(ElasticsearchDistribution.unpacked(zip, cache)).isEqualTo(home);
		assertThat(home.resolve("bin/elasticsearch")).hasContent("bin/elasticsearch");
		try (var siblings = Files.list(cache)) {
			assertThat(siblings).containsExactly(home);
		}
	}

	@Test
	void theDistributionZipIsInTheLocalRepository() {
		assertThat(ElasticsearchDistribution.zip()).isRegularFile().hasFileName("elasticsearch-8.19.21.zip");
	}

	private Path zip(String... names) throws IOException {
		Path zip = this.folder.resolve("elasticsearch-1.2.3.zip");
		try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
			for (String name : names) {
				out.putNextEntry(new ZipEntry(name));
				if (!name.endsWith("/")) {
					out.write(name.substring(name.indexOf('/') + 1).getBytes(StandardCharsets.UTF_8));
				}
				out.closeEntry();
			}
		}
		return zip;
	}

}
