package io.grapevine.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LocalStackExtension}.
 */
class LocalStackExtensionTests {

	@Test
	void bothEnvironmentVariablesNameARunningStack() {
		assertThat(LocalStackExtension.ExternalStack.fromEnvironment("kafka:9092", "http://es:9200"))
			.hasValue(new LocalStackExtension.ExternalStack("kafka:9092", URI.create("http://es:9200")));
	}

	@Test
	void noEnvironmentVariableMeansAStackIsStarted() {
		assertThat(LocalStackExtension.ExternalStack.fromEnvironment(null, " ")).isEmpty();
	}

	@Test
	void onlyOneEnvironmentVariableIsAMistake() {
		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> LocalStackExtension.ExternalStack.fromEnvironment("kafka:9092", null))
			.withMessageContaining("Set both GRAPEVINE_KAFKA_BOOTSTRAP_SERVERS and GRAPEVINE_ELASTICSEARCH_URI");
	}

	@Nested
	@ExtendWith(LocalStackExtension.class)
	class WhenRegistered {

		@Test
		void testsReceiveTheStackOfTheirJvm(RunningStack stack) throws Exception {
			assertThat(stack).isSameAs(LocalStackExtension.stack());
			Properties config = new Properties();
			config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
			try (Admin admin = Admin.create(config)) {
				assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
			}
			HttpRequest health = HttpRequest.newBuilder(stack.elasticsearchUri().resolve("/_cluster/health")).build();
			assertThat(HttpClient.newHttpClient().send(health, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		}

	}

}
