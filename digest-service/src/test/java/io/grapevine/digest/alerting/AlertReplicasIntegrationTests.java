package io.grapevine.digest.alerting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.grapevine.digest.DigestApplication;
import io.grapevine.digest.delivery.FakeChatWebhook;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.digest.TestUsers;
import io.grapevine.localstack.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two digest-service replicas, each its own application context, on the real Kafka and
 * Elasticsearch, alerting one department's Slack channel.
 */
@ExtendWith(LocalStackExtension.class)
class AlertReplicasIntegrationTests {

	private static final Pattern SLACK_TEXT = Pattern
		.compile("Alert · (?:Strike action|Outages) · (mention spike|spike update) · (\\d+) mentions in the last hour");

	private final FakeChatWebhook slack = FakeChatWebhook.slack();

	private final Path organizationFile = organizationFile();

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	@AfterEach
	void stop() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
		this.slack.close();
	}

	@Test
	void twoReplicasRaiseAStormSplitAcrossPartitionsOnceAndSendEachUpdateOnceThroughARestart() throws Exception {
		createMentionsTopic();
		ConfigurableApplicationContext first = replica();
		ConfigurableApplicationContext second = replica();
		String run = Long.toString(System.currentTimeMillis(), 36);

		// Six mentions, the minimum of a storm, keyed to land on different partitions:
		// a replica reading only some partitions would count fewer.
		Set<Integer> partitions = publish(mentions(run + "-a", 0, 6));
		assertThat(partitions).hasSizeGreaterThan(1);
		await().atMost(Duration.ofSeconds(60)).until(() -> !this.slack.delivered().isEmpty());
		assertThat(texts()).containsExactly("Alert · Strike action · mention spike · 6 mentions in the last hour");
		String storm = stormId(this.slack.delivered().get(0));
		// Both replicas hold the storm at its opening: the one that did not raise it
		// followed the archive.
		awaitReplicasAt(storm + "#0", first, second);

		publish(mentions(run + "-b", 6, 2));
		await().atMost(Duration.ofSeconds(60)).until(() -> lastCount() == 8);
		awaitReplicasAt(storm + "#" + (this.slack.delivered().size() - 1), first, second);

		// One replica stops mid-storm; the other goes on alone. (Replicas in one JVM
		// share reactor-netty's global event loops, which closing a whole context would
		// shut down under the other: a replica stops by stopping its alert reader.)
		stopAlerts(first);
		publish(mentions(run + "-c", 8, 1));
		await().atMost(Duration.ofSeconds(60)).until(() -> lastCount() == 9);

		// It comes back, reads the last hour again, and takes the storm over from the
		// archive instead of opening a second alert; then the other stops.
		ConfigurableApplicationContext restarted = replica();
		awaitReplicasAt(storm + "#" + (this.slack.delivered().size() - 1), restarted, second);
		stopAlerts(second);
		publish(mentions(run + "-d", 9, 2));
		await().atMost(Duration.ofSeconds(60)).until(() -> lastCount() == 11);
		awaitReplicasAt(storm + "#" + (this.slack.delivered().size() - 1), restarted);
		stopAlerts(restarted);

		List<String> texts = texts();
		assertThat(texts).first().isEqualTo("Alert · Strike action · mention spike · 6 mentions in the last hour");
		assertThat(texts.subList(1, texts.size())).allMatch((text) -> text.contains("spike update"));
		List<Integer> counts = texts.stream().map(AlertReplicasIntegrationTests::count).toList();
		assertThat(counts).isSorted().doesNotHaveDuplicates().contains(6, 8, 9, 11);
		assertThat(this.slack.delivered()).allMatch((message) -> stormId(message).equals(storm));
	}

	@Test
	void aMuteMadeOnOneReplicaHoldsOnTheOtherAndAnUnmuteOnTheOtherLiftsItOnBoth() throws Exception {
		createMentionsTopic();
		ConfigurableApplicationContext first = replica();
		ConfigurableApplicationContext second = replica();
		String run = Long.toString(System.currentTimeMillis(), 36);
		api(first).post()
			.uri("/api/alerts/mute")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"topic\": \"outage\", \"for\": \"PT1H\"}")
			.exchange()
			.expectStatus()
			.isOk();
		api(second).get()
			.uri("/api/alerts/mutes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.topic == 'outage')]")
			.isNotEmpty();

		// Enough for a storm, while muted: both replicas count them and raise nothing.
		publish(mentions(run + "-m", "outage", 0, 6));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			for (ConfigurableApplicationContext replica : List.of(first, second)) {
				StormDetector detector = replica.getBean(StormDetector.class);
				synchronized (detector) {
					assertThat(detector.counted("outage")).isEqualTo(6);
					assertThat(detector.openStorms()).doesNotContainKey("outage");
				}
			}
		});
		assertThat(texts()).isEmpty();

		api(second).delete().uri("/api/alerts/mutes/outage").exchange().expectStatus().isOk();
		api(first).get()
			.uri("/api/alerts/mutes")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.topic == 'outage')]")
			.isEmpty();
		// The next mention opens the storm, once, with the seven the window holds.
		publish(mentions(run + "-n", "outage", 6, 1));
		await().atMost(Duration.ofSeconds(60)).until(() -> !this.slack.delivered().isEmpty());
		awaitReplicasAt(stormId(this.slack.delivered().get(0)) + "#0", "outage", first, second);
		assertThat(texts()).containsExactly("Alert · Outages · mention spike · 7 mentions in the last hour");
	}

	private static WebTestClient api(ConfigurableApplicationContext replica) {
		return TestUsers.asAdmin(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + replica.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(30))
			.build());
	}

	private ConfigurableApplicationContext replica() {
		ConfigurableApplicationContext context = DigestApplication.application()
			.properties("server.port=0", "spring.elasticsearch.uris=" + LocalStackExtension.stack().elasticsearchUri(),
					"grapevine.kafka.bootstrap-servers=" + LocalStackExtension.stack().kafkaBootstrapServers(),
					"grapevine.organization-file=" + this.organizationFile, "STRIKE_SLACK_WEBHOOK=" + this.slack.url(),
					"grapevine.digest.schedule.enabled=false", "grapevine.digest.delivery.attempts=2",
					"grapevine.digest.delivery.first-backoff=100ms", "grapevine.alerts.min-count=6",
					"grapevine.alerts.update-every=1s", "grapevine.alerts.tick=300ms",
					"grapevine.alerts.high-reach=1000000000")
			.properties(TestUsers.properties())
			.run();
		this.replicas.add(context);
		return context;
	}

	private static void stopAlerts(ConfigurableApplicationContext replica) {
		replica.getBean(MentionAlertConsumer.class).stop();
	}

	private static void awaitReplicasAt(String messageId, ConfigurableApplicationContext... replicas) {
		awaitReplicasAt(messageId, "strike", replicas);
	}

	private static void awaitReplicasAt(String messageId, String topic, ConfigurableApplicationContext... replicas) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			for (ConfigurableApplicationContext replica : replicas) {
				StormDetector detector = replica.getBean(StormDetector.class);
				synchronized (detector) {
					assertThat(detector.openStorms()).containsEntry(topic, messageId);
				}
			}
		});
	}

	private List<String> texts() {
		return this.slack.delivered().stream().map((message) -> message.path("text").asText()).toList();
	}

	private int lastCount() {
		List<String> texts = texts();
		return texts.isEmpty() ? 0 : count(texts.get(texts.size() - 1));
	}

	private static int count(String text) {
		Matcher matcher = SLACK_TEXT.matcher(text);
		assertThat(matcher.matches()).as(text).isTrue();
		return Integer.parseInt(matcher.group(2));
	}

	private static String stormId(JsonNode message) {
		Matcher matcher = Pattern.compile("Alert ((strike|outage)-\\S+)")
			.matcher(message.path("blocks").get(0).path("text").path("text").asText());
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static List<Mention> mentions(String prefix, int from, int count) {
		return mentions(prefix, "strike", from, count);
	}

	private static List<Mention> mentions(String prefix, String topic, int from, int count) {
		Instant now = Instant.now();
		return IntStream.range(from, from + count)
			.mapToObj(
					(i) -> AlertMentions.mention(prefix + "-" + i, topic, Sentiment.NEGATIVE, now.minusSeconds(i), 10))
			.toList();
	}

	private static Set<Integer> publish(List<Mention> mentions) throws ExecutionException, InterruptedException {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.stack().kafkaBootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		Set<Integer> partitions = new HashSet<>();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			for (Mention mention : mentions) {
				partitions.add(producer
					.send(new ProducerRecord<>(KafkaTopicNames.MENTIONS, mention.id(), MentionJson.write(mention)))
					.get()
					.partition());
			}
		}
		return partitions;
	}

	private static void createMentionsTopic() throws InterruptedException {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				LocalStackExtension.stack().kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(KafkaTopicNames.MENTIONS, 3, (short) 1))).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException(ex);
			}
		}
	}

	private static Path organizationFile() {
		try {
			Path file = Files.createTempFile("organization", ".yml");
			file.toFile().deleteOnExit();
			Files.writeString(file, """
					name: Harbor City Transit
					departments:
					  - id: operations
					    name: Operations
					    timeZone: Europe/London
					    digestTime: "07:30"
					    slackWebhook: ${STRIKE_SLACK_WEBHOOK}
					    topics:
					      - id: strike
					        name: Strike action
					        keywords: [strike, walkout]
					      - id: outage
					        name: Outages
					        keywords: [outage]
					""");
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
