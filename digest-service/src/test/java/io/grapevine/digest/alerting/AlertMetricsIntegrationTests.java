package io.grapevine.digest.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.grapevine.digest.IntegrationTestSupport;
import io.grapevine.digest.TestUsers;
import io.grapevine.digest.delivery.FakeChatWebhook;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.localstack.LocalStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The digest service as deployed is observed: Prometheus scrapes, from the management
 * port and without signing in, how long alerts took and how each delivery went.
 */
// Meters exported and traces made, as deployed (tests turn both off by default).
@AutoConfigureObservability
@ExtendWith(LocalStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=digest-service", "management.server.port=0",
				"grapevine.digest.schedule.enabled=false", "grapevine.digest.delivery.attempts=2",
				"grapevine.digest.delivery.first-backoff=100ms", "grapevine.digest.delivery.max-backoff=200ms",
				"grapevine.alerts.high-reach=1000000" })
class AlertMetricsIntegrationTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(IntegrationTestSupport.smtpSetup())
		.withPerMethodLifecycle(false);

	static final FakeChatWebhook slack = FakeChatWebhook.slack();

	@LocalManagementPort
	int managementPort;

	WebTestClient member;

	@Autowired
	void signIn(WebTestClient client) {
		this.member = TestUsers.asMember(client);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		createMentionsTopic();
		IntegrationTestSupport.register(registry, smtp);
		registry.add("grapevine.kafka.bootstrap-servers", () -> LocalStackExtension.stack().kafkaBootstrapServers());
		registry.add("grapevine.organization-file", AlertMetricsIntegrationTests::organizationFile);
		registry.add("METRICS_SLACK_WEBHOOK", () -> slack.url().toString());
	}

	@AfterAll
	static void stopFake() {
		slack.close();
	}

	@Test
	void aReachAlertIsTimedAndItsDeliveriesAreCountedByChannelAndOutcome() throws Exception {
		// Slack refuses both tries; the email goes out.
		slack.thenAnswer(500, "internal_error", null).thenAnswer(500, "internal_error", null);
		Mention famous = AlertMentions.mention("metrics-" + System.nanoTime(), "delays", Sentiment.NEUTRAL,
				Instant.now(), 3_000_000);
		publish(famous);

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
			String scrape = scrape();
			assertThat(sample(scrape, "grapevine_digest_deliveries_total",
					"channel=\"email\",kind=\"alert\",outcome=\"sent\""))
				.isGreaterThanOrEqualTo(1);
			assertThat(sample(scrape, "grapevine_digest_deliveries_total",
					"channel=\"slack\",kind=\"alert\",outcome=\"failed\""))
				.isGreaterThanOrEqualTo(1);
			assertThat(sample(scrape, "grapevine_alerts_latency_seconds_count", "kind=\"reach\""))
				.isGreaterThanOrEqualTo(1);
			assertThat(scrape).contains("grapevine_alerts_latency_seconds_bucket{");
		});
	}

	@Test
	void theServicePortDoesNotServeTheMetrics() {
		this.member.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
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

	private static double sample(String scrape, String name, String tags) {
		return scrape.lines()
			.filter((line) -> line.startsWith(name + "{") && line.contains(tags))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static void publish(Mention mention) throws ExecutionException, InterruptedException {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.stack().kafkaBootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			producer.send(new ProducerRecord<>(KafkaTopicNames.MENTIONS, mention.id(), MentionJson.write(mention)))
				.get();
		}
	}

	private static void createMentionsTopic() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				LocalStackExtension.stack().kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(KafkaTopicNames.MENTIONS, 3, (short) 1))).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException(ex);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String organizationFile() {
		return IntegrationTestSupport.organizationFile("""
				name: Harbor City Transit
				departments:
				  - id: operations
				    name: Operations
				    timeZone: Europe/London
				    digestTime: "07:30"
				    members: [ops-duty@harborcity-transit.example]
				    slackWebhook: ${METRICS_SLACK_WEBHOOK}
				    topics:
				      - id: delays
				        name: Delays and disruption
				        keywords: [delay, late]
				""");
	}

}
