package io.grapevine.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.localstack.LocalStackExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the indexer logs about a record carries the trace its producer sent in the
 * record's {@code traceparent} header and the record's mention id, on a terminal and as
 * the JSON lines of a deployed service, so that one mention is followed from the ingest
 * service into the indexer's log lines and its dead letters.
 */
@ExtendWith({ LocalStackExtension.class, OutputCaptureExtension.class })
class IndexerLogsIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private ConfigurableApplicationContext service;

	@AfterEach
	void stop() {
		if (this.service != null) {
			this.service.close();
		}
		// Spring Boot hands the format to Logback in a system property it sets only when
		// absent: the deployed format must not outlive its service in this JVM.
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
	}

	@Test
	void onATerminalTheIndexingAndDeadLetterLinesNameTheRecordsTraceAndMentionId(CapturedOutput output) {
		this.service = start(SearchServiceApplication.application(), settings());
		Mention mention = mention("Ferry to the islands late again");
		String traceId = traceId();
		send(mention.id(), MentionJson.write(mention), traceId);
		String broken = "x:broken-" + UUID.randomUUID();
		String brokenTraceId = traceId();
		send(broken, "{ not a mention", brokenTraceId);

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
			assertThat(lines(output, "Indexed mention " + mention.id() + " from"))
				.anySatisfy((line) -> assertThat(line).containsPattern("\\[" + traceId + "-[0-9a-f]{16}\\] "));
			assertThat(lines(output, "Dead letter from indexer: record", broken))
				.anySatisfy((line) -> assertThat(line).containsPattern("\\[" + brokenTraceId + "-[0-9a-f]{16}\\] "));
		});
	}

	@Test
	void deployedTheIndexingAndDeadLetterLinesCarryTheRecordsTraceAndMentionIdAsFields(CapturedOutput output) {
		Map<String, Object> deployed = settings();
		deployed.put("GRAPEVINE_MANAGEMENT_PORT", "0");
		this.service = start(SearchServiceApplication.application().profiles("deployed"), deployed);
		Mention mention = mention("Ticket machines down at Central");
		String traceId = traceId();
		send(mention.id(), MentionJson.write(mention), traceId);
		String broken = "x:broken-" + UUID.randomUUID();
		String brokenTraceId = traceId();
		send(broken, "{ not a mention", brokenTraceId);

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
			assertThat(lines(output, "Indexed mention " + mention.id() + " from"))
				.map(IndexerLogsIntegrationTests::json)
				.anySatisfy((indexed) -> {
					assertThat(indexed.path("log").path("level").asText()).isEqualTo("DEBUG");
					assertThat(indexed.path("traceId").asText()).isEqualTo(traceId);
					assertThat(indexed.path("spanId").asText()).matches("[0-9a-f]{16}");
					assertThat(indexed.path("mentionId").asText()).isEqualTo(mention.id());
				});
			assertThat(lines(output, "Dead letter from indexer: record", broken)).map(IndexerLogsIntegrationTests::json)
				.anySatisfy((deadLetter) -> {
					assertThat(deadLetter.path("log").path("level").asText()).isEqualTo("WARN");
					assertThat(deadLetter.path("traceId").asText()).isEqualTo(brokenTraceId);
					assertThat(deadLetter.path("spanId").asText()).matches("[0-9a-f]{16}");
					assertThat(deadLetter.path("mentionId").asText()).isEqualTo(broken);
				});
		});
	}

	private static Map<String, Object> settings() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("server.port", "0");
		settings.put("management.server.port", "0");
		settings.put("grapevine.kafka.bootstrap-servers", LocalStackExtension.stack().kafkaBootstrapServers());
		settings.put("spring.elasticsearch.uris", LocalStackExtension.stack().elasticsearchUri().toString());
		settings.put("grapevine.organization-file", "../config/organization.yml");
		settings.put("grapevine.security.users[0].username", TestUsers.ADMIN);
		settings.put("grapevine.security.users[0].password-hash", TestUsers.ADMIN_PASSWORD_HASH);
		settings.put("grapevine.security.users[0].roles", "ADMIN");
		// A group of its own, so it reads every record whatever the other test classes'
		// services (kept running by Spring's context cache) read.
		settings.put("grapevine.search.indexer.group-id", "search-indexer-logs");
		settings.put("grapevine.search.indexer.batch-timeout", "100ms");
		// A line for every mention indexed is for following one on purpose.
		settings.put("logging.level.io.grapevine.search.indexing.MentionIndexer", "debug");
		return settings;
	}

	private ConfigurableApplicationContext start(SpringApplicationBuilder application, Map<String, Object> settings) {
		// One logging system serves the JVM, and the services of other test classes, kept
		// running by Spring's context cache, configured it: this service configures it
		// afresh, as it does in a JVM of its own.
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
		// As command-line arguments, above the service's own configuration file.
		return application.run(settings.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new));
	}

	private static Mention mention(String text) {
		return TestMentions.mention("x", IndexerIntegrationTests.uniqueId(), text,
				Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
	}

	private static String traceId() {
		byte[] id = new byte[16];
		ThreadLocalRandom.current().nextBytes(id);
		return HexFormat.of().formatHex(id);
	}

	/** Publishes a record as a traced producer does, with a W3C traceparent header. */
	private static void send(String key, String value, String traceId) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				LocalStackExtension.stack().kafkaBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			ProducerRecord<String, String> record = new ProducerRecord<>(KafkaTopicNames.MENTIONS, key, value);
			String traceparent = "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
			record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
			producer.send(record).get();
		}
		catch (Exception ex) {
			throw new AssertionError("The record of " + key + " was not published", ex);
		}
	}

	/**
	 * The lines logged with all the given parts: the indexers of other test classes'
	 * services may log about the same record, without traces.
	 */
	private static List<String> lines(CapturedOutput output, String... parts) {
		List<String> lines = output.getOut()
			.lines()
			.filter((line) -> List.of(parts).stream().allMatch(line::contains))
			.toList();
		assertThat(lines).as("lines with " + List.of(parts)).isNotEmpty();
		return lines;
	}

	private static JsonNode json(String line) {
		try {
			return JSON.readTree(line);
		}
		catch (IOException ex) {
			throw new AssertionError("Not a JSON log line: " + line, ex);
		}
	}

}
