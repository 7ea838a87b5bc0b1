package io.grapevine.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.localstack.LocalStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalStackExtension.class)
class KafkaSupportIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GrapevineKafkaAutoConfiguration.class))
		.withPropertyValues("grapevine.kafka.bootstrap-servers=" + bootstrapServers());

	@Test
	void startingAServiceCreatesTheMissingTopicsWithTheirLayout() throws Exception {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(DeadLetterPublisher.class);
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
				Map<String, TopicDescription> topics = admin
					.describeTopics(
							List.of(KafkaTopicNames.MENTIONS, KafkaTopicNames.DEAD_LETTERS, KafkaTopicNames.CURSORS))
					.allTopicNames()
					.get();
				assertThat(topics.get(KafkaTopicNames.MENTIONS).partitions()).hasSize(3);
				ConfigResource cursors = new ConfigResource(ConfigResource.Type.TOPIC, KafkaTopicNames.CURSORS);
				assertThat(
						admin.describeConfigs(List.of(cursors)).all().get().get(cursors).get("cleanup.policy").value())
					.isEqualTo("compact");
			}
		});
		// A second service finds the topics there and starts all the same.
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aDeadLetterReachesTheDeadLetterTopicWithItsSourceReasonAndRawPayload() {
		this.contextRunner.run((context) -> {
			String payload = "<html><body>502 Bad Gateway " + UUID.randomUUID() + "</body></html>";
			StepVerifier
				.create(context.getBean(DeadLetterPublisher.class)
					.publish(DeadLetter.now("x:recent-search", "X answered an HTML page", payload)))
				.verifyComplete();
			assertThat(deadLetters()).anySatisfy((letter) -> {
				assertThat(letter.payload()).isEqualTo(payload);
				assertThat(letter.source()).isEqualTo("x:recent-search");
				assertThat(letter.reason()).isEqualTo("X answered an HTML page");
			});
		});
	}

	@Test
	void anUnreachableBrokerStopsStartUpNamingTheSetting() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GrapevineKafkaAutoConfiguration.class))
			.withPropertyValues("grapevine.kafka.bootstrap-servers=127.0.0.1:1", "grapevine.kafka.startup-timeout=2s")
			.run((context) -> assertThat(context.getStartupFailure()).isNotNull()
				.hasStackTraceContaining(KafkaUnavailableException.class.getName())
				.hasStackTraceContaining("check grapevine.kafka.bootstrap-servers"));
	}

	private static List<DeadLetter> deadLetters() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(KafkaTopicNames.DEAD_LETTERS));
			List<DeadLetter> letters = new java.util.ArrayList<>();
			long deadline = System.currentTimeMillis() + 10_000;
			while (letters.isEmpty() && System.currentTimeMillis() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					letters.add(MentionJson.readDeadLetter(record.value()));
				}
			}
			return letters;
		}
	}

	private static String bootstrapServers() {
		return LocalStackExtension.stack().kafkaBootstrapServers();
	}

}
