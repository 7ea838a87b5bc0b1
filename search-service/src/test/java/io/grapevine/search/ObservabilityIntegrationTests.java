package io.grapevine.search;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.Mention;
import io.grapevine.localstack.LocalStackExtension;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import reactor.kafka.receiver.observation.KafkaRecordReceiverContext;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as deployed is observed: Prometheus scrapes the pipeline's meters from the
 * management port without signing in, and a mention's trace, carried in its Kafka record
 * headers, continues in the indexer.
 */
// Meters exported and traces made, as deployed (tests turn both off by default).
@AutoConfigureObservability
// An indexer group of its own: the services of the other test classes, kept running by
// Spring's context cache, would otherwise share the partitions of `mentions` with it.
@TestPropertySource(
		properties = { "management.server.port=0", "grapevine.search.indexer.group-id=search-indexer-observed" })
@Import(ObservabilityIntegrationTests.ReceivedTraces.class)
class ObservabilityIntegrationTests extends LiveStackTestSupport {

	@LocalManagementPort
	int managementPort;

	@Autowired
	ReceivedTraces received;

	@Test
	void prometheusScrapesTheIndexersMetersFromTheManagementPortWithoutSigningIn() {
		Mention mention = TestMentions.mention("x", IndexerIntegrationTests.uniqueId(), "The 7 bus is late again",
				"2021-06-10T08:00:00Z");
		publish(mention);
		awaitIndexed(mention);
		publishRaw("x:broken-" + UUID.randomUUID(), "{ not a mention");
		awaitDeadLetter((letter) -> "indexer".equals(letter.source()));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String scrape = scrape();
			assertThat(scrape).contains("grapevine_indexer_documents_total", "grapevine_indexer_waiting_mentions",
					"grapevine_indexer_stalled_seconds", "grapevine_indexer_last_progress_age_seconds",
					"grapevine_dead_letters_published_total{", "source=\"indexer\"",
					"kafka_consumer_fetch_manager_records_lag_max");
			assertThat(sample(scrape, "grapevine_indexer_documents_total")).isGreaterThanOrEqualTo(1);
			assertThat(sample(scrape, "grapevine_indexer_last_progress_age_seconds")).isLessThan(60);
		});
	}

	@Test
	void theServicePortDoesNotServeTheMetrics() {
		this.web.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
	}

	@Test
	void theTraceOfAPublishedMentionContinuesWhereTheIndexerReceivesIt() {
		Mention mention = TestMentions.mention("x", IndexerIntegrationTests.uniqueId(), "Ferry cancelled at noon",
				"2021-06-11T08:00:00Z");
		publish(mention);
		awaitIndexed(mention);

		String traceparent = traceparentOf(mention.id());
		String traceId = traceparent.split("-")[1];
		assertThat(traceId).hasSize(32).isNotEqualTo("0".repeat(32));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.received.traceIds(mention.id())).contains(traceId));
	}

	private String scrape() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
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

	private static double sample(String scrape, String name) {
		return scrape.lines()
			.filter((line) -> line.startsWith(name + " ") || line.startsWith(name + "{"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static String traceparentOf(String key) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				LocalStackExtension.stack().kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
				"trace-tests-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(KafkaTopicNames.MENTIONS));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (key.equals(record.key())) {
						Header header = record.headers().lastHeader("traceparent");
						assertThat(header).as("the traceparent header of the record of " + key).isNotNull();
						return new String(header.value(), StandardCharsets.US_ASCII);
					}
				}
			}
		}
		throw new AssertionError("No record of " + key + " on " + KafkaTopicNames.MENTIONS + " within 60s");
	}

	/** Notes the trace of every record the indexer's receiver observed, by key. */
	static class ReceivedTraces implements ObservationHandler<KafkaRecordReceiverContext> {

		private final Map<String, Set<String>> traceIds = new ConcurrentHashMap<>();

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof KafkaRecordReceiverContext;
		}

		@Override
		public void onStop(KafkaRecordReceiverContext context) {
			String key = String.valueOf(context.getCarrier().key());
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			if (tracing != null && tracing.getSpan() != null) {
				this.traceIds.computeIfAbsent(key, (k) -> ConcurrentHashMap.newKeySet())
					.add(tracing.getSpan().context().traceId());
			}
		}

		Set<String> traceIds(String key) {
			return this.traceIds.getOrDefault(key, Set.of());
		}

	}

}
