package io.grapevine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.x.FakeXApi;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.localstack.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingest service as deployed is observed: Prometheus scrapes every source instance's
 * meters from the management port, and every mention goes to Kafka with the trace it was
 * published in.
 */
@ExtendWith({ LocalStackExtension.class, OutputCaptureExtension.class })
class ObservabilityIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String TOKEN = "observability-bearer-token";

	private final FakeXApi api = FakeXApi.start(TOKEN);

	private final long base = (Instant.now().getEpochSecond() % 100_000) * 1_000_000L + 900_000L;

	private final String instance = "x:observed-" + this.base;

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.api.close();
	}

	@Test
	void prometheusScrapesEverySourceInstancesMetersFromTheManagementPort() {
		FakeXApi.User amy = FakeXApi.user("2244994945", "rider_amy", "Amy Rider", 1234);
		this.api.post(FakeXApi.tweet(String.valueOf(this.base + 1), "Bus delayed at Central", amy),
				FakeXApi.tweet(String.valueOf(this.base + 2), "Bus delayed at Pier Street", amy));
		this.context = IngestApplication.application().properties(settings()).run();
		String tag = "source_instance=\"" + this.instance + "\"";

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
			String scrape = scrape();
			assertThat(sample(scrape, "grapevine_ingest_mentions_published_total", tag)).isEqualTo(2);
			assertThat(sample(scrape, "grapevine_ingest_dead_letters_total", tag)).isZero();
			assertThat(sample(scrape, "grapevine_ingest_source_up", tag)).isEqualTo(1);
			assertThat(sample(scrape, "grapevine_ingest_last_success_age_seconds", tag)).isBetween(0.0, 30.0);
			assertThat(sample(scrape, "grapevine_ingest_cursor_age_seconds", tag)).isBetween(0.0, 30.0);
			assertThat(scrape).contains("kafka_producer_record_send_total");
		});
	}

	@Test
	void everyPublishedMentionCarriesItsTraceInAKafkaHeader() {
		FakeXApi.User sam = FakeXApi.user("783214", "sam_commutes", "Sam", 87);
		String id = String.valueOf(this.base + 3);
		this.api.post(FakeXApi.tweet(id, "Our driver was lovely", sam));
		this.context = IngestApplication.application().properties(settings()).run();

		ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> KafkaTopics.read(LocalStackExtension.stack().kafkaBootstrapServers(), KafkaTopicNames.MENTIONS)
				.stream()
				.filter((each) -> ("x:" + id).equals(each.key()))
				.findFirst()
				.orElse(null), (found) -> found != null);

		Header traceparent = record.headers().lastHeader("traceparent");
		assertThat(traceparent).as("the W3C traceparent header of x:" + id).isNotNull();
		assertThat(new String(traceparent.value(), StandardCharsets.US_ASCII))
			.matches("00-(?!0{32})[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
	}

	@Test
	void deployedItLogsJsonLinesThatNameTheSourceInstanceOfADeadLetter(CapturedOutput output) throws IOException {
		this.api.answerOnce(200, "application/json",
				Files.readString(Path.of("src/test/resources/x/page-with-unmappable-tweets.json")));
		Map<String, Object> deployed = new LinkedHashMap<>(settings());
		deployed.put("GRAPEVINE_MANAGEMENT_PORT", "0");
		this.context = IngestApplication.application().profiles("deployed").properties(deployed).run();

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> output.getOut().contains("Dead letter from " + this.instance));

		JsonNode deadLetter = output.getOut()
			.lines()
			.filter((line) -> line.contains("Dead letter from " + this.instance))
			.map(ObservabilityIntegrationTests::json)
			.findFirst()
			.orElseThrow();
		assertThat(deadLetter.path("ecs").path("version").asText()).isNotEmpty();
		assertThat(deadLetter.path("service").path("name").asText()).isEqualTo("ingest-service");
		assertThat(deadLetter.path("log").path("level").asText()).isEqualTo("WARN");
		assertThat(deadLetter.path("sourceInstance").asText()).isEqualTo(this.instance);
	}

	private static JsonNode json(String line) {
		try {
			return JSON.readTree(line);
		}
		catch (IOException ex) {
			throw new AssertionError("Not a JSON log line: " + line, ex);
		}
	}

	private Map<String, Object> settings() {
		Map<String, Object> settings = new LinkedHashMap<>(Map.of("server.port", "0", "management.server.port", "0",
				"grapevine.kafka.bootstrap-servers", LocalStackExtension.stack().kafkaBootstrapServers(),
				"grapevine.organization-file", organizationFile().toString(), "GRAPEVINE_TEST_X_TOKEN", TOKEN));
		// The service needs people who can sign in; the scraper on the management port
		// does not.
		settings.putAll(TestUsers.settings());
		return settings;
	}

	private Path organizationFile() {
		try {
			String yaml = Files.readString(Path.of("src/test/resources/organization.yml"), StandardCharsets.UTF_8)
					+ "\nsources:\n  - type: x\n    name: '" + this.instance.substring("x:".length())
					+ "'\n    settings:\n      base-url: '" + this.api.baseUrl()
					+ "'\n      bearer-token: '${GRAPEVINE_TEST_X_TOKEN}'\n      poll-interval: 300ms\n";
			Path file = Files.createTempFile("organization-", ".yml");
			file.toFile().deleteOnExit();
			return Files.writeString(file, yaml, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String scrape() {
		String port = this.context.getEnvironment().getProperty("local.management.port");
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.build()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static double sample(String scrape, String name, String tag) {
		List<String> lines = scrape.lines()
			.filter((line) -> line.startsWith(name + "{") && line.contains(tag))
			.toList();
		assertThat(lines).as(name + "{" + tag + "}").hasSize(1);
		String line = lines.get(0);
		return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

}
