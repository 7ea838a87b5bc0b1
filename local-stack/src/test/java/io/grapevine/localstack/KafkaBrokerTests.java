package io.grapevine.localstack;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration of {@link KafkaBroker}.
 */
class KafkaBrokerTests {

	@Test
	void serverPropertiesDescribeACombinedBrokerAndControllerOnTheLoopbackAddress() {
		String properties = KafkaBroker.serverProperties(Path.of("/data/kafka/data"), 9092, 40001);
		assertThat(properties.lines()).contains("process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:40001",
				"listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:40001",
				"advertised.listeners=PLAINTEXT://127.0.0.1:9092", "controller.listener.names=CONTROLLER",
				"log.dirs=/data/kafka/data", "offsets.topic.replication.factor=1",
				"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
				"group.initial.rebalance.delay.ms=0");
	}

	@Test
	void serverPropertiesLeaveTopicAutoCreationAtKafkasDefault() {
		assertThat(KafkaBroker.serverProperties(Path.of("/d"), 1, 2)).doesNotContain("auto.create.topics.enable");
	}

	@Test
	void clusterIdsAreSixteenRandomBytesInUrlSafeBase64() {
		String id = KafkaBroker.newClusterId();
		assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+");
		assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
		assertThat(KafkaBroker.newClusterId()).isNotEqualTo(id);
	}

	@Test
	void noClusterIdStartsWithADashWhichTheStorageToolWouldReadAsAnOption() {
		// One id in 64 would start with '-' if nothing prevented it.
		for (int i = 0; i < 5_000; i++) {
			assertThat(KafkaBroker.newClusterId()).doesNotStartWith("-");
		}
	}

	@Test
	void theBrokerClasspathNamesTheBrokerJarsInTheLocalRepository() {
		String classpath = KafkaBroker.brokerClasspath();
		assertThat(Arrays.stream(classpath.split(File.pathSeparator))
			.map((entry) -> Path.of(entry).getFileName().toString()))
			.contains("kafka_2.13-3.9.2.jar", "kafka-clients-3.9.2.jar")
			.anyMatch((jar) -> jar.startsWith("slf4j-simple"))
			.anyMatch((jar) -> jar.startsWith("zstd-jni"))
			.noneMatch((jar) -> jar.startsWith("junit") || jar.startsWith("assertj"));
	}

}
