package io.grapevine.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration of {@link ElasticsearchNode}.
 */
class ElasticsearchNodeTests {

	@Test
	void elasticsearchYmlDescribesASingleNodeOnTheLoopbackAddressWithoutSecurity() {
		String yml = ElasticsearchNode.elasticsearchYml(Path.of("/data/elasticsearch"), 9200, 40002);
		assertThat(yml.lines()).contains("path.data: \"/data/elasticsearch/data\"",
				"path.logs: \"/data/elasticsearch/logs\"", "network.host: 127.0.0.1", "http.port: 9200",
				"transport.port: 40002", "discovery.type: single-node",
				"cluster.routing.allocation.disk.threshold_enabled: false", "xpack.security.enabled: false");
	}

	@Test
	void elasticsearchYmlQuotesPathsWithSpecialCharacters() {
		String yml = ElasticsearchNode.elasticsearchYml(Path.of("/data/a \"b\": c"), 9200, 9300);
		assertThat(yml.lines()).contains("path.data: \"/data/a \\\"b\\\": c/data\"");
	}

	@Test
	void theNodeKeepsItsFilesInTheDataFolderWhenNotRoot(@TempDir Path data) {
		assertThat(ElasticsearchNode.homeFor(data, false)).isEqualTo(data.resolve("elasticsearch"));
	}

	@Test
	void asRootTheNodeKeepsItsFilesInTheDataFolderWhenEveryoneCanReachIt(@TempDir Path parent) throws Exception {
		Path data = Files.createDirectory(parent.resolve("data"));
		Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
		assertThat(ElasticsearchNode.homeFor(data, true)).isEqualTo(data.resolve("elasticsearch"));
	}

	@Test
	void asRootTheNodeMovesToATemporaryFolderWhenTheDataFolderIsPrivate(@TempDir Path parent) throws Exception {
		Path data = Files.createDirectory(parent.resolve("data"));
		Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
		Path home = ElasticsearchNode.homeFor(data, true);
		assertThat(home).isNotEqualTo(data.resolve("elasticsearch"))
			.hasParentRaw(Path.of(System.getProperty("java.io.tmpdir")));
		assertThat(home.getFileName().toString()).startsWith("grapevine-es-");
		assertThat(ElasticsearchNode.homeFor(data, true)).isEqualTo(home);
	}

}
