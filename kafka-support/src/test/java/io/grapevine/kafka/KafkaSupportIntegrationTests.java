package io.grapevine.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.localstack.LocalStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
	void aPayloadTooLargeToPublishWholeIsKeptAsAnExcerptWithItsSizeAndHash() {
		this.contextRunner.run((context) -> {
			// Quotes double when escaped: a value just under Kafka's 1 MiB limit becomes
			// a
			// letter of twice that.
			String marker = UUID.randomUUID().toString();
			String payload = marker + "\"".repeat(1_000_000);
			StepVerifier
				.create(context.getBean(DeadLetterPublisher.class)
					.publish(DeadLetter.now("indexer", "record mentions-0@7 is not valid Mention JSON", payload)))
				.verifyComplete();
			ConsumerRecord<String, String> record = deadLetterRecord(marker);
			DeadLetter letter = MentionJson.readDeadLetter(record.value());
			String sha256 = HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8)));
			assertThat(letter.payload()).startsWith(marker).hasSize(DeadLetterPublisher.EXCERPT_CHARS);
			assertThat(letter.reason()).startsWith("record mentions-0@7 is not valid Mention JSON")
				.contains("payload of " + payload.length() + " bytes")
				.contains(sha256);
			assertThat(new String(record.headers().lastHeader(DeadLetterPublisher.PAYLOAD_SHA256_HEADER).value(),
					StandardCharsets.US_ASCII))
				.isEqualTo(sha256);
		});
	}

	@Test
	void aDeadLetterKafkaRefusesForGoodIsCountedAndSkippedSoTheStreamGoesOn() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			// Past even the excerpt: a source name of 2 MB cannot be cut.
			DeadLetter refused = DeadLetter.now("s".repeat(2_000_000), "too large in every part", "x");
			StepVerifier.create(context.getBean(DeadLetterPublisher.class).publish(refused)).verifyComplete();
			assertThat(
					context.getBean(SimpleMeterRegistry.class).get(DeadLetterPublisher.LOST_METRIC).counter().count())
				.isEqualTo(1.0);
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

	private static ConsumerRecord<String, String> deadLetterRecord(String marker) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(KafkaTopicNames.DEAD_LETTERS));
			long deadline = System.currentTimeMillis() + 15_000;
			while (System.currentTimeMillis() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.value().contains(marker)) {
						return record;
					}
				}
			}
			throw new AssertionError("No dead letter holds " + marker);
		}
	}

	private static String bootstrapServers() {
		return LocalStackExtension.stack().kafkaBootstrapServers();
	}

}
