package io.grapevine.digest.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.grapevine.digest.delivery.FakeChatWebhook;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.digest.IntegrationTestSupport;
import io.grapevine.digest.TestUsers;
import io.grapevine.localstack.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(LocalStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=digest-service", "grapevine.digest.schedule.enabled=false",
				"grapevine.digest.delivery.attempts=2", "grapevine.digest.delivery.first-backoff=100ms",
				"grapevine.digest.delivery.max-backoff=200ms", "grapevine.alerts.min-count=5",
				"grapevine.alerts.update-every=1s", "grapevine.alerts.tick=300ms",
				"grapevine.alerts.high-reach=1000000" })
class AlertIntegrationTests {

	private static final String OPS = "ops-duty@harborcity-transit.example";

	private static final String CONTROLLER = "controller@harborcity-transit.example";

	private static final String FINANCE = "finance@harborcity-transit.example";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(IntegrationTestSupport.smtpSetup())
		.withPerMethodLifecycle(false);

	static final FakeChatWebhook slack = FakeChatWebhook.slack();

	/** Signed in as an administrator, who may also run digests and mute alerts. */
	WebTestClient web;

	WebTestClient member;

	WebTestClient anonymous;

	@Autowired
	AlertArchive archive;

	@Autowired
	ElasticsearchClient elasticsearch;

	@Autowired
	void signIn(WebTestClient client) {
		this.anonymous = client;
		this.member = TestUsers.asMember(client);
		this.web = TestUsers.asAdmin(client);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		createMentionsTopic();
		IntegrationTestSupport.register(registry, smtp);
		registry.add("grapevine.kafka.bootstrap-servers", () -> LocalStackExtension.stack().kafkaBootstrapServers());
		registry.add("grapevine.organization-file", AlertIntegrationTests::organizationFile);
		registry.add("OPS_SLACK_WEBHOOK", () -> slack.url().toString());
	}

	@AfterAll
	static void stopFake() {
		slack.close();
	}

	@Test
	void mutingAlertsNeedsAnAdministrator() {
		this.member.post()
			.uri("/api/alerts/mute")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"topic\": \"delays\", \"for\": \"PT1H\"}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.member.delete().uri("/api/alerts/mutes/delays").exchange().expectStatus().isForbidden();
		this.member.get().uri("/api/alerts").exchange().expectStatus().isOk();
		this.anonymous.get().uri("/api/alerts").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aBurstOfNegativeMentionsAlertsTheListeningDepartmentsOnceThenUpdatesAndAMutedTopicRaisesNothing()
			throws Exception {
		this.web.post()
			.uri("/api/alerts/mute")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"topic\": \"fares\", \"for\": \"PT1H\"}")
			.exchange()
			.expectStatus()
			.isOk();
		this.web.post()
			.uri("/api/alerts/mute")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"topic\": \"nowhere\", \"for\": \"PT1H\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("'nowhere'"));

		Instant now = Instant.now();
		publish(burst("delays", "d", 5, now));

		// Operations owns delays (two members, Slack); Finance follows it (one member).
		await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length >= 3);
		await().atMost(Duration.ofSeconds(30)).until(() -> slack.delivered().size() >= 1);
		MimeMessage[] opened = smtp.getReceivedMessages();
		assertThat(opened).hasSize(3);
		assertThat(Arrays.stream(opened).map(AlertIntegrationTests::subject))
			.containsOnly("Alert · Delays and disruption · negative spike · 5 mentions in the last hour"
				.replace("negative", "mention"));
		// GreenMail keeps one copy per recipient: three copies are one email per member.
		assertThat(Arrays.stream(opened).flatMap(AlertIntegrationTests::recipients).distinct())
			.containsExactlyInAnyOrder(OPS, CONTROLLER, FINANCE);
		JsonNode post = slack.delivered().get(0);
		assertThat(post.path("text").asText())
			.isEqualTo("Alert · Delays and disruption · mention spike · 5 mentions in the last hour");
		assertThat(post.path("blocks").get(0).path("text").path("text").asText())
			.contains("5 mentions in the last hour against 0.0 expected")
			.contains("100% negative");

		publish(burst("delays", "e", 3, Instant.now()));
		await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length >= 6);
		await().atMost(Duration.ofSeconds(30)).until(() -> slack.delivered().size() >= 2);
		// The first of the three may already make an update; the rest follow within the
		// update interval.
		assertThat(slack.delivered().get(1).path("text").asText())
			.matches("Alert · Delays and disruption · spike update · [678] mentions in the last hour");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> slack.delivered()
				.get(slack.delivered().size() - 1)
				.path("text")
				.asText()
				.contains("· 8 mentions"));

		// Mutes are honoured in order: the mention of high reach after the muted burst
		// is the last to be read from the one partition they share.
		publish(burst("fares", "f", 12, Instant.now()));
		Mention famous = AlertMentions.mention("famous-1", "delays", Sentiment.NEUTRAL, Instant.now(), 3_000_000);
		publish(List.of(famous));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> slack.delivered()
				.stream()
				.anyMatch((message) -> message.path("text").asText().contains("@rider_famous-1")));
		assertThat(slack.delivered()).noneMatch((message) -> message.path("text").asText().contains("Fares"));
		assertThat(Arrays.stream(smtp.getReceivedMessages()).map(AlertIntegrationTests::subject))
			.noneMatch((subject) -> subject.contains("Fares"));

		// The alerts index is searched in near real time.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<Map<String, Object>> alerts = IntegrationTestSupport.list(this.web, "/api/alerts");
			assertThat(alerts).extracting((alert) -> alert.get("id"))
				.contains("reach-" + famous.id())
				.anyMatch((id) -> ((String) id).startsWith("delays-"))
				.noneMatch((id) -> ((String) id).startsWith("fares-"));
			// The mention of high reach is about delays too: nine in the storm.
			assertThat(alerts).filteredOn((alert) -> ((String) alert.get("id")).startsWith("delays-"))
				.singleElement()
				.satisfies((alert) -> assertThat(alert).containsEntry("state", "UPDATED").containsEntry("count", 9));
		});
	}

	@Test
	void theMuteApiNamesTheFieldToFixAndAMuteCanBeLifted() {
		badMute("[1, 2]", "body");
		badMute("not json", "body");
		badMute("{\"for\": \"PT1H\"}", "topic");
		badMute("{\"topic\": 42, \"for\": \"PT1H\"}", "topic");
		badMute("{\"topic\": \"nowhere\", \"for\": \"PT1H\"}", "topic");
		badMute("{\"topic\": \"budget\"}", "for");
		badMute("{\"topic\": \"budget\", \"for\": \"PT1H\", \"until\": \"2099-01-01T00:00:00Z\"}", "until");
		badMute("{\"topic\": \"budget\", \"until\": \"tomorrow\"}", "until");
		badMute("{\"topic\": \"budget\", \"until\": \"2020-01-01T00:00:00Z\"}", "until");
		badMute("{\"topic\": \"budget\", \"for\": \"two hours\"}", "for");
		badMute("{\"topic\": \"budget\", \"for\": \"P365D\"}", "for");

		String until = Instant.now()
			.plus(Duration.ofHours(2))
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
			.toString();
		this.web.post()
			.uri("/api/alerts/mute")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"topic\": \"budget\", \"until\": \"" + until + "\"}")
			.exchange()
			.expectStatus()
			.isOk();
		this.web.get()
			.uri("/api/alerts/mutes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.topic == 'budget')].until")
			.isEqualTo(until);

		this.web.delete()
			.uri("/api/alerts/mutes/budget")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.wasMuted")
			.isEqualTo(true);
		this.web.get().uri("/api/alerts/mutes").exchange().expectBody().jsonPath("$[?(@.topic == 'budget')]").isEmpty();
		this.web.delete()
			.uri("/api/alerts/mutes/nowhere")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("topic");
	}

	@Test
	void theAlertsPageListsEachDepartmentsAlertsWithTheirFiguresUpdatesAndMutedTopicsEscaped() throws Exception {
		Instant at = Instant.parse("2026-11-21T08:05:00Z");
		this.archive
			.save(new Alert("budget-20261121T0745", Alert.Kind.NEGATIVE, Alert.State.UPDATED, 2, "budget", 42, 30, 3.5,
					0.1, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), at))
			.block();
		this.archive
			.save(new Alert("reach-x:page-1", Alert.Kind.REACH, Alert.State.OPENED, 0, "delays", 1, 0, 0, 0,
					Optional.of("x:page-1"), Optional.of("mayor<b>"), Optional.of(2_500_000.0),
					Optional.of("Buses <script>alert(1)</script> & trams late"), at.plusSeconds(60)))
			.block();
		this.elasticsearch.indices().refresh((refresh) -> refresh.index(AlertArchive.INDEX));
		this.web.post()
			.uri("/api/alerts/mute")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"topic\": \"budget\", \"for\": \"PT3H\"}")
			.exchange()
			.expectStatus()
			.isOk();

		String html = this.web.get()
			.uri("/alerts")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		this.web.delete().uri("/api/alerts/mutes/budget").exchange().expectStatus().isOk();

		assertThat(html).contains("Signed in as <strong>" + TestUsers.ADMIN + "</strong>")
			.contains("<form method=\"post\" action=\"/logout\">");
		String finance = html.substring(html.indexOf("id=\"department-finance\""));
		String operations = html.substring(html.indexOf("id=\"department-operations\""),
				html.indexOf("id=\"department-finance\""));
		assertThat(finance).contains("data-alert=\"budget-20261121T0745\"")
			.contains("Negative spike")
			.contains("<td>Budget</td>")
			.contains("42 mentions in the hour against 3.5 expected; 71% negative against 10% usually")
			.contains("2 updates")
			.contains("Sat 21 Nov 2026, 08:05")
			.contains("<strong>Budget</strong> muted")
			// Finance follows delays: the reach alert is on its list too.
			.contains("data-alert=\"reach-x:page-1\"");
		assertThat(operations).contains("data-alert=\"reach-x:page-1\"")
			.contains("High-reach author")
			.contains("@mayor&lt;b&gt;")
			.contains("reach 2,500,000")
			.contains("Buses &lt;script&gt;alert(1)&lt;/script&gt; &amp; trams late")
			.doesNotContain("budget-20261121T0745")
			.doesNotContain("<strong>Budget</strong> muted");
		assertThat(html).doesNotContain("<script>").contains("<a href=\"/digests\">");

		assertThat(IntegrationTestSupport.page(this.web, "/digests")).contains("<a href=\"/alerts\">Alerts</a>");
	}

	private void badMute(String body, String field) {
		this.web.post()
			.uri("/api/alerts/mute")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo(field)
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).as(body).contains(field));
	}

	private static List<Mention> burst(String topic, String prefix, int count, Instant at) {
		return java.util.stream.IntStream.range(0, count)
			.mapToObj((i) -> AlertMentions.mention(prefix + i + "-" + at.toEpochMilli(), topic, Sentiment.NEGATIVE,
					at.minusSeconds(i), 10))
			.toList();
	}

	private static void publish(List<Mention> mentions) throws ExecutionException, InterruptedException {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.stack().kafkaBootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			for (Mention mention : mentions) {
				producer
					.send(new ProducerRecord<>(KafkaTopicNames.MENTIONS, 0, mention.id(), MentionJson.write(mention)))
					.get();
			}
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

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static java.util.stream.Stream<String> recipients(MimeMessage message) {
		try {
			return Arrays.stream(message.getRecipients(MimeMessage.RecipientType.TO)).map(Address::toString);
		}
		catch (jakarta.mail.MessagingException ex) {
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
				    members: [%s, %s]
				    slackWebhook: ${OPS_SLACK_WEBHOOK}
				    topics:
				      - id: delays
				        name: Delays and disruption
				        keywords: [delay, late]
				      - id: fares
				        name: Fares
				        keywords: [fare, ticket]
				  - id: finance
				    name: Finance
				    timeZone: Europe/London
				    digestTime: "08:00"
				    members: [%s]
				    follows: [delays]
				    topics:
				      - id: budget
				        name: Budget
				        keywords: [budget]
				""".formatted(OPS, CONTROLLER, FINANCE));
	}

}
