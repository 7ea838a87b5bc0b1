package io.grapevine.ingest.source.webhook.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.grapevine.ingest.IngestApplication;
import io.grapevine.ingest.TestUsers;
import io.grapevine.ingest.KafkaTopics;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.localstack.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Runs the ingest service with declared webhook instances against the real Kafka broker
 * and posts to them over HTTP.
 */
@ExtendWith({ LocalStackExtension.class, OutputCaptureExtension.class })
class WebhookIntegrationTests {

	private static final String SECRET = "whsec-" + UUID.randomUUID();

	private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

	private static final String CRM = "crm-" + RUN;

	private static final String FORMS = "forms-" + RUN;

	private static final String SMALL = "small-" + RUN;

	private static final String OFF = "off-" + RUN;

	@TempDir
	static Path folder;

	private static ConfigurableApplicationContext context;

	private static WebTestClient client;

	@BeforeAll
	static void start() throws IOException {
		context = start(organization("""
				  - type: webhook
				    name: %s
				    settings:
				      secret: ${WEBHOOK_TEST_SECRET}
				  - type: webhook
				    name: %s
				    settings:
				      secret: ${WEBHOOK_TEST_SECRET}
				      replay-window: 1m
				      defaults:
				        language: en
				        author-handle: contact-form
				        url-template: https://forms.example.org/answers/{id}
				  - type: webhook
				    name: %s
				    settings:
				      secret: ${WEBHOOK_TEST_SECRET}
				      max-body-size: 2KB
				  - type: webhook
				    name: %s
				    enabled: false
				    settings:
				      secret: ${WEBHOOK_TEST_SECRET}
				""".formatted(CRM, FORMS, SMALL, OFF)));
		client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void publishesASignedMentionTaggedAndKeyedByWebhookNameAndId() {
		String body = """
				{"id": "case-1", "url": "https://crm.example.org/cases/1", "text": "Bus delayed again at Central",
				 "author": {"handle": "@rider_amy", "displayName": "Amy Rider", "followers": 1234},
				 "publishedAt": "2026-11-21T09:30:00Z", "language": "en",
				 "engagement": {"likes": 3, "shares": 1, "replies": 2}}
				""";

		post(CRM, body, null).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.instance")
			.isEqualTo("webhook:" + CRM)
			.jsonPath("$.accepted")
			.isEqualTo(List.of("webhook:" + CRM + ":case-1"));

		Mention mention = MentionJson.readMention(single(mentions("webhook:" + CRM + ":case-1")).value());
		assertThat(mention.source()).isEqualTo("webhook");
		assertThat(mention.nativeId()).isEqualTo(CRM + ":case-1");
		assertThat(mention.url()).hasToString("https://crm.example.org/cases/1");
		assertThat(mention.text()).isEqualTo("Bus delayed again at Central");
		assertThat(mention.author().handle()).isEqualTo("rider_amy");
		assertThat(mention.author().displayName()).contains("Amy Rider");
		assertThat(mention.author().followers()).contains(1234L);
		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-21T09:30:00Z"));
		assertThat(mention.language()).contains("en");
		assertThat(mention.engagement()).isEqualTo(new Engagement(3, 1, 2));
		assertThat(mention.topics()).containsExactly("delays");
		assertThat(mention.departments()).containsExactly("operations");
		assertThat(mention.matchedBy()).contains("webhook:" + CRM);
	}

	@Test
	void publishesAnArrayOfMentionsFillingLeftOutFieldsFromTheDefaults() {
		String body = """
				[{"id": 17, "text": "The driver on line 4 was so kind", "publishedAt": "2026-11-21T10:00:00+01:00"},
				 {"id": "a b", "text": "x", "publishedAt": "2026-11-21T10:00:00Z"}]
				""";
		post(FORMS, body, null).expectStatus().isBadRequest();

		post(FORMS, """
				[{"id": 17, "text": "The driver on line 4 was so kind", "publishedAt": "2026-11-21T10:00:00+01:00"},
				 {"id": "18", "text": "Are you hiring?", "publishedAt": "2026-11-21T10:05:00Z", "language": "ES",
				  "author": {"handle": "jo"}}]
				""", null).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.accepted")
			.isEqualTo(List.of("webhook:" + FORMS + ":17", "webhook:" + FORMS + ":18"));

		Mention kind = MentionJson.readMention(single(mentions("webhook:" + FORMS + ":17")).value());
		assertThat(kind.url()).hasToString("https://forms.example.org/answers/17");
		assertThat(kind.author().handle()).isEqualTo("contact-form");
		assertThat(kind.language()).contains("en");
		assertThat(kind.publishedAt()).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
		assertThat(kind.topics()).containsExactly("staff-praise");
		Mention hiring = MentionJson.readMention(single(mentions("webhook:" + FORMS + ":18")).value());
		assertThat(hiring.author().handle()).isEqualTo("jo");
		assertThat(hiring.language()).contains("es");
		assertThat(hiring.topics()).containsExactly("jobs");
	}

	@Test
	void publishesTheOrganizationsReplyOwnedByItsDepartmentAndNamingTheMentionItAnswers() {
		String body = """
				[{"id": "case-2001", "url": "https://crm.example.org/cases/2001", "text": "Bus 4 was late again",
				  "author": {"handle": "rider_amy"}, "publishedAt": "2026-11-21T09:30:00Z"},
				 {"id": "case-2001-r1", "url": "https://crm.example.org/cases/2001#r1", "inReplyTo": "case-2001",
				  "text": "Sorry Amy, a bus broke down at Kingsbridge; we have refunded your fare.",
				  "author": {"handle": "Care-Desk", "displayName": "HCT Customer Care"},
				  "publishedAt": "2026-11-21T09:42:00Z"}]
				""";

		post(CRM, body, null).expectStatus().isAccepted();

		Mention complaint = MentionJson.readMention(single(mentions("webhook:" + CRM + ":case-2001")).value());
		Mention reply = MentionJson.readMention(single(mentions("webhook:" + CRM + ":case-2001-r1")).value());
		assertThat(complaint.owned()).isFalse();
		assertThat(reply.owned()).isTrue();
		assertThat(reply.ownedBy()).contains("customer-service");
		assertThat(reply.parentId()).contains(complaint.id());
	}

	@Test
	void refusesUnsignedWronglySignedAndStaleRequestsWith401AndPublishesNothing() {
		String body = mention("unsigned-1", "Bus delayed");
		long now = Instant.now().getEpochSecond();

		client.post()
			.uri("/api/ingest/{name}", CRM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("X-Grapevine-Timestamp"));
		send(CRM, body, String.valueOf(now), "sha256=" + sign("not-the-secret", now + "." + body), null).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("signature does not match"));
		send(CRM, body, String.valueOf(now), "sha256=zz", null).expectStatus().isUnauthorized();
		send(CRM, body + " ", String.valueOf(now), "sha256=" + sign(SECRET, now + "." + body), null).expectStatus()
			.isUnauthorized();
		long stale = now - 301;
		send(CRM, body, String.valueOf(stale), "sha256=" + sign(SECRET, stale + "." + body), null).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("replay window"));
		long future = now + 400;
		send(CRM, body, String.valueOf(future), "sha256=" + sign(SECRET, future + "." + body), null).expectStatus()
			.isUnauthorized();

		assertThat(mentions("webhook:" + CRM + ":unsigned-1")).isEmpty();
		assertThat(deadLetters("webhook:" + CRM)).noneMatch((letter) -> letter.payload().contains("unsigned-1"));
	}

	@Test
	void answersUnknownAndDisabledWebhooksWith404() {
		post("nobody-" + RUN, mention("n-1", "hello"), null).expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("nobody-" + RUN));
		post(OFF, mention("n-2", "hello"), null).expectStatus().isNotFound();
	}

	@Test
	void refusesBodiesThatAreNotJsonOrLackRequiredFieldsWith400AndSetsThemAsideWithTheReason() {
		String truncated = "{\"id\": \"t-1\", \"text\": \"Bus dela";
		String html = "<!DOCTYPE html><html><body>Form</body></html>";
		String withoutText = "[" + mention("ok-1", "fine")
				+ ", {\"id\": \"no-text-1\", \"url\": \"https://a.example/1\","
				+ " \"author\": {\"handle\": \"a\"}, \"publishedAt\": \"2026-11-21T09:30:00Z\"}]";
		String withoutUrl = "{\"id\": \"no-url-1\", \"text\": \"hi\", \"author\": {\"handle\": \"a\"},"
				+ " \"publishedAt\": \"2026-11-21T09:30:00Z\"}";

		post(CRM, truncated, null).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("not JSON"));
		post(CRM, html, null).expectStatus().isBadRequest();
		post(CRM, withoutText, null).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("item 1").contains("no-text-1").contains("'text'"));
		post(CRM, withoutUrl, null).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("'url'"));

		List<DeadLetter> letters = deadLetters("webhook:" + CRM);
		assertThat(letters).filteredOn((letter) -> letter.payload().equals(truncated))
			.singleElement()
			.satisfies((letter) -> assertThat(letter.reason()).contains("not JSON"));
		assertThat(letters).filteredOn((letter) -> letter.payload().equals(html)).hasSize(1);
		assertThat(letters).filteredOn((letter) -> letter.payload().equals(withoutText))
			.singleElement()
			.satisfies((letter) -> assertThat(letter.reason()).contains("no-text-1"));
		assertThat(letters).filteredOn((letter) -> letter.payload().equals(withoutUrl)).hasSize(1);
		assertThat(mentions("webhook:" + CRM + ":ok-1")).isEmpty();
	}

	@Test
	void refusesABodyLargerThanTheWebhookAcceptsWith413() {
		String large = mention("large-1", "Bus delayed " + "x".repeat(3000));

		post(SMALL, large, null).expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("max-body-size"));
		post(SMALL, mention("small-1", "Bus delayed"), null).expectStatus().isAccepted();

		assertThat(mentions("webhook:" + SMALL + ":large-1")).isEmpty();
		assertThat(mentions("webhook:" + SMALL + ":small-1")).hasSize(1);
	}

	@Test
	void answersARequestSentAgainWithTheSameIdempotencyKeyAsBeforeAndPublishesNothingNew() {
		String key = UUID.randomUUID().toString();
		post(CRM, mention("idem-1", "Bus delayed"), key).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.accepted")
			.isEqualTo(List.of("webhook:" + CRM + ":idem-1"));

		post(CRM, mention("idem-1", "Bus delayed"), key).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.accepted")
			.isEqualTo(List.of("webhook:" + CRM + ":idem-1"));
		// The same key with other content: refused, nothing published.
		post(CRM, mention("idem-2", "Bus delayed"), key).expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains(key).contains("another body"));
		post(CRM, mention("idem-1", "Bus delayed"), UUID.randomUUID().toString()).expectStatus().isAccepted();

		assertThat(mentions("webhook:" + CRM + ":idem-1")).hasSize(2);
		assertThat(mentions("webhook:" + CRM + ":idem-2")).isEmpty();
	}

	@Test
	void aCapturedRequestSentAgainWithinItsWindowIsAnsweredAsBeforeAndPublishedOnce() throws Exception {
		String body = mention("replay-" + UUID.randomUUID().toString().substring(0, 8), "Bus delayed");
		long now = Instant.now().getEpochSecond();
		String signature = "sha256=" + sign(SECRET, now + "." + body);
		String first = new String(send(CRM, body, String.valueOf(now), signature, null).expectStatus()
			.isAccepted()
			.expectBody()
			.returnResult()
			.getResponseBodyContent(), StandardCharsets.UTF_8);
		send(CRM, body, String.valueOf(now), signature, null).expectStatus().isAccepted().expectBody().json(first);
		String id = MentionJson.mapper().readTree(first).path("accepted").path(0).asText();
		assertThat(mentions(id)).hasSize(1);
	}

	@Test
	void aBadRequestWithAnIdempotencyKeyCanBeCorrectedAndSentAgainWithTheSameKey() {
		String key = UUID.randomUUID().toString();
		post(CRM, "{\"id\": \"fix-1\"}", key).expectStatus().isBadRequest();

		post(CRM, mention("fix-1", "Bus delayed"), key).expectStatus().isAccepted();

		assertThat(mentions("webhook:" + CRM + ":fix-1")).hasSize(1);
	}

	@Test
	void neverWritesTheSecretToTheLogs(CapturedOutput output) throws IOException {
		String secret = "whsec-logs-" + UUID.randomUUID();
		ConfigurableApplicationContext own = start(organization("""
				  - type: webhook
				    name: logs-%s
				    settings:
				      secret: ${WEBHOOK_TEST_SECRET}
				""".formatted(RUN)), secret);
		try {
			WebTestClient ownClient = WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + own.getEnvironment().getProperty("local.server.port"))
				.responseTimeout(Duration.ofSeconds(20))
				.build();
			String body = mention("logs-1", "Bus delayed");
			long now = Instant.now().getEpochSecond();
			ownClient.post()
				.uri("/api/ingest/{name}", "logs-" + RUN)
				.header("X-Grapevine-Timestamp", String.valueOf(now))
				.header("X-Grapevine-Signature", "sha256=" + sign(secret, now + "." + body))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isAccepted();
			ownClient.post()
				.uri("/api/ingest/{name}", "logs-" + RUN)
				.header("X-Grapevine-Timestamp", String.valueOf(now))
				.header("X-Grapevine-Signature", "sha256=00")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
		finally {
			own.close();
		}
		assertThat(output.getAll()).contains("Webhook webhook:logs-" + RUN).doesNotContain(secret);
	}

	@Test
	void refusesToStartWhenASecretIsWrittenInTheOrganizationFileNamingTheSetting(CapturedOutput output)
			throws IOException {
		Path file = organization("""
				  - type: webhook
				    name: literal-%s
				    settings:
				      secret: hunter2-literal
				""".formatted(RUN));

		assertThatException().isThrownBy(() -> start(file))
			.satisfies((ex) -> assertThat(messages(ex)).contains("sources[webhook:literal-" + RUN + "].settings.secret")
				.contains("${SOME_VARIABLE}")
				.doesNotContain("hunter2-literal"));
		assertThat(output.getAll()).doesNotContain("hunter2-literal");
	}

	private static WebTestClient.ResponseSpec post(String name, String body, String idempotencyKey) {
		long now = Instant.now().getEpochSecond();
		return send(name, body, String.valueOf(now), "sha256=" + sign(SECRET, now + "." + body), idempotencyKey);
	}

	private static WebTestClient.ResponseSpec send(String name, String body, String timestamp, String signature,
			String idempotencyKey) {
		return client.post().uri("/api/ingest/{name}", name).headers((headers) -> {
			headers.set("X-Grapevine-Timestamp", timestamp);
			headers.set("X-Grapevine-Signature", signature);
			if (idempotencyKey != null) {
				headers.set("Idempotency-Key", idempotencyKey);
			}
		}).contentType(MediaType.APPLICATION_JSON).bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange();
	}

	private static String mention(String id, String text) {
		return """
				{"id": "%s", "url": "https://crm.example.org/cases/%s", "text": "%s",
				 "author": {"handle": "rider_amy"}, "publishedAt": "2026-11-21T09:30:00Z"}""".formatted(id, id, text);
	}

	private static String sign(String secret, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<ConsumerRecord<String, String>> mentions(String key) {
		return KafkaTopics.read(bootstrapServers(), KafkaTopicNames.MENTIONS)
			.stream()
			.filter((record) -> key.equals(record.key()))
			.toList();
	}

	private static List<DeadLetter> deadLetters(String instanceId) {
		return KafkaTopics.read(bootstrapServers(), KafkaTopicNames.DEAD_LETTERS)
			.stream()
			.filter((record) -> instanceId.equals(record.key()))
			.map((record) -> MentionJson.readDeadLetter(record.value()))
			.toList();
	}

	private static <T> T single(List<T> items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	private static Path organization(String sources) throws IOException {
		String yaml = Files.readString(Path.of("src/test/resources/organization.yml")) + "sources:\n" + sources;
		Path file = Files.createTempFile(folder, "organization", ".yml");
		Files.writeString(file, yaml);
		return file;
	}

	private static ConfigurableApplicationContext start(Path organization) {
		return start(organization, SECRET);
	}

	private static ConfigurableApplicationContext start(Path organization, String secret) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("server.port", "0");
		settings.put("grapevine.kafka.bootstrap-servers", bootstrapServers());
		settings.put("grapevine.organization-file", organization.toString());
		settings.put("WEBHOOK_TEST_SECRET", secret);
		// The service has users; the webhooks answer to their signature, not to them.
		settings.putAll(TestUsers.settings());
		return IngestApplication.application().properties(settings).run();
	}

	private static String bootstrapServers() {
		return LocalStackExtension.stack().kafkaBootstrapServers();
	}

	private static String messages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
