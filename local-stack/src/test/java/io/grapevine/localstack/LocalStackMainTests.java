package io.grapevine.localstack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the command line of {@link LocalStackMain}.
 */
class LocalStackMainTests {

	@Test
	void withoutArgumentsTheStackUsesDotLocalStackAndTheUsualPorts() {
		assertThat(LocalStackMain.parse()).isEqualTo(LocalStackOptions.defaults(Path.of(".local-stack")));
	}

	@Test
	void theDataFolderAndPortsCanBeChosen() {
		assertThat(LocalStackMain.parse("--data", "/tmp/stack", "--kafka-port", "19092", "--elasticsearch-port", "0"))
			.isEqualTo(new LocalStackOptions(Path.of("/tmp/stack"), 19092, 0));
	}

	@Test
	void anUnknownOptionIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.parse("--verbose", "yes"))
			.withMessage("Unknown option --verbose");
	}

	@Test
	void anOptionWithoutAValueIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.parse("--data"))
			.withMessage("Missing a value after --data");
	}

	@Test
	void aPortThatIsNotANumberIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.parse("--kafka-port", "ninety"))
			.withMessageContaining("port number");
	}

}
