package io.grapevine.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LocalStackOptions}.
 */
class LocalStackOptionsTests {

	@Test
	void defaultsUseTheUsualPorts() {
		LocalStackOptions options = LocalStackOptions.defaults(Path.of(".local-stack"));
		assertThat(options.kafkaPort()).isEqualTo(9092);
		assertThat(options.elasticsearchPort()).isEqualTo(9200);
		assertThat(options.dataDirectory()).isAbsolute().endsWithRaw(Path.of(".local-stack"));
	}

	@Test
	void forTestsCreatesAFreshFolderAndAsksForFreePorts() {
		LocalStackOptions first = LocalStackOptions.forTests();
		LocalStackOptions second = LocalStackOptions.forTests();
		assertThat(first.dataDirectory()).isDirectory().isNotEqualTo(second.dataDirectory());
		assertThat(first.kafkaPort()).isZero();
		assertThat(first.elasticsearchPort()).isZero();
	}

	@Test
	void forTestsFoldersAreReachableByOtherUsers() throws Exception {
		Path folder = LocalStackOptions.forTests().dataDirectory();
		assertThat(Files.getPosixFilePermissions(folder))
			.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
	}

	@Test
	void aPortOutsideTheValidRangeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LocalStackOptions(Path.of("x"), -1, 0))
			.withMessageContaining("kafkaPort");
		assertThatIllegalArgumentException().isThrownBy(() -> new LocalStackOptions(Path.of("x"), 0, 65536))
			.withMessageContaining("elasticsearchPort");
	}

	@Test
	void theSamePortForBothServersIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LocalStackOptions(Path.of("x"), 9200, 9200))
			.withMessageContaining("must differ");
	}

	@Test
	void bothPortsMayBeZero() {
		assertThat(new LocalStackOptions(Path.of("x"), 0, 0).kafkaPort()).isZero();
	}

	@Test
	void aMissingDataFolderIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LocalStackOptions(null, 0, 0))
			.withMessageContaining("dataDirectory");
	}

}
