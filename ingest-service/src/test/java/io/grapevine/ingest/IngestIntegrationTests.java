package io.grapevine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.x.FakeXApi;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.localstack.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Runs the ingest service against a real Kafka broker and the fake X API.
 */
@ExtendWith(LocalStackExtension.class)
class IngestIntegrationTests {

	private static final String TOKEN = "integration-bearer-token";

	private static final AtomicInteger RUN = new AtomicInteger();

	private static final FakeXApi.User AMY = FakeXApi.user("2244994945", "rider_amy", "Amy Rider", 1234);

	private static final FakeXApi.User SAM = FakeXApi.user("783214", "sam_commutes", "Sam", 87);

	private final ObjectMapper json = MentionJson.mapper();

	private final FakeXApi api = FakeXApi.start(TOKEN);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	// Tweet ids unique to each test, so that tests sharing the broker see only their own.
	private final long base = (Instant.now().getEpochSecond() % 100_000) * 1_000_000L + RUN.incrementAndGet() * 10_000L;

	private final String instance = "x:it-" + this.base;

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.api.close();
	}

	@Test
	void publishesTaggedMentionsKeyedByIdAndStoresTheCursorAfterThem() {
		this.api.post(tweets(1, 25, "Bus delayed at Central"));
		this.api.post(FakeXApi.tweet(String.valueOf(id(26)), "Our driver was lovely &amp; patient", SAM));
		start(xSettings());

		Map<String, String> cursor = awaitCursor((position) -> String.valueOf(id(26)).equals(position.get("since_id")));

		assertThat(cursor).isEqualTo(Map.of("since_id", String.valueOf(id(26))));
		List<ConsumerRecord<String, String>> records = mentionRecords();
		assertThat(records).extracting(ConsumerRecord::key).hasSize(26).doesNotHaveDuplicates();
		assertThat(records).allSatisfy((record) -> {
			Mention mention = MentionJson.readMention(record.value());
			assertThat(mention.id()).isEqualTo(record.key());
			assertThat(mention.source()).isEqualTo("x");
			assertThat(mention.matchedBy()).hasValueSatisfying((query) -> assertThat(query).contains("-is:retweet"));
		});
		Mention praise = mention(records, "x:" + id(26));
		assertThat(praise.text()).isEqualTo("Our driver was lovely & patient");
		assertThat(praise.topics()).containsExactly("staff-praise");
		assertThat(praise.departments()).containsExactly("customer-service");
		assertThat(praise.url()).hasToString("https://x.com/sam_commutes/status/" + id(26));
		Mention delay = mention(records, "x:" + id(1));
		assertThat(delay.topics()).containsExactly("delays");
		assertThat(delay.departments()).containsExactly("operations");
		long lastMentionWritten = records.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
		assertThat(cursorRecords()).last()
			.satisfies((record) -> assertThat(record.timestamp()).isGreaterThanOrEqualTo(lastMentionWritten));
		assertThat(this.api.searches()).allSatisfy((request) -> {
			assertThat(request.authorization()).contains("Bearer " + TOKEN);
			assertThat(request.query()).containsEntry("max_results", "10").containsKey("query");
		});
	}

	@Test
	void publishesTheOrganizationsReplyAsOwnedByItsDepartmentInSchemaVersion3Json() throws IOException {
		FakeXApi.User help = FakeXApi.user("1460000000000000002", "hctransit_help", "HCT Help", 5300);
		FakeXApi.Tweet complaint = FakeXApi.tweet(String.valueOf(id(1)), "Bus 4 delayed again at Central", AMY);
		this.api.post(complaint,
				FakeXApi.tweet(String.valueOf(id(2)), "@rider_amy Sorry Amy, the next bus is in 5 minutes", help)
					.replyTo(complaint));
		start(xSettings());

		awaitCursor((position) -> String.valueOf(id(2)).equals(position.get("since_id")));

		Map<String, JsonNode> published = new HashMap<>();
		for (ConsumerRecord<String, String> record : mentionRecords()) {
			published.put(record.key(), this.json.readTree(record.value()));
		}
		JsonNode publicTweet = published.get("x:" + id(1));
		JsonNode reply = published.get("x:" + id(2));
		assertThat(publicTweet.path("schemaVersion").asInt()).isEqualTo(3);
		assertThat(publicTweet.path("owned").isBoolean()).isTrue();
		assertThat(publicTweet.path("owned").asBoolean()).isFalse();
		assertThat(publicTweet.has("ownedBy")).isFalse();
		assertThat(reply.path("schemaVersion").asInt()).isEqualTo(3);
		assertThat(reply.path("owned").asBoolean()).isTrue();
		assertThat(reply.path("ownedBy").asText()).isEqualTo("customer-service");
		assertThat(reply.path("source").asText() + ":" + reply.path("inReplyTo").asText()).isEqualTo("x:" + id(1));
	}

	@Test
	void publishesATweetOfAMegabyteCutToTheTextLimitWithTheRestOfThePage() {
		this.api.post(tweets(1, 3, "Bus delayed"));
		start(xSettings());
		awaitCursor((position) -> String.valueOf(id(3)).equals(position.get("since_id")));
		this.api.post(FakeXApi.tweet(String.valueOf(id(4)), "delay " + "x".repeat(1_200_000), AMY),
				FakeXApi.tweet(String.valueOf(id(5)), "Bus delayed again", SAM));

		awaitCursor((position) -> String.valueOf(id(5)).equals(position.get("since_id")));

		assertThat(mentionRecords()).extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrder("x:" + id(1), "x:" + id(2), "x:" + id(3), "x:" + id(4), "x:" + id(5));
		assertThat(mentionRecords()).filteredOn((record) -> record.key().equals("x:" + id(4)))
			.singleElement()
			.satisfies((record) -> assertThat(MentionJson.readMention(record.value()).text()).startsWith("delay xxx")
				.endsWith("…")
				.hasSize(Mention.MAX_TEXT_CHARS));
	}

	@Test
	void setsAsideMalformedPagesWithTheirRawBodyAndIngestsTheNextGoodPage() {
		String truncated = "{\"data\":[{\"id\":\"" + id(1) + "\",\"text\":\"Bus dela";
		String html = "<!DOCTYPE html><html><body><h1>Something went wrong</h1></body></html>";
		this.api.answerOnce(200, "application/json", truncated);
		this.api.answerOnce(500, "text/html", html);
		this.api.post(tweets(1, 3, "Bus delayed"));
		ConfigurableApplicationContext context = start(xSettings());

		awaitCursor((position) -> String.valueOf(id(3)).equals(position.get("since_id")));

		assertThat(mentionRecords()).extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrder("x:" + id(1), "x:" + id(2), "x:" + id(3));
		List<DeadLetter> deadLetters = KafkaTopics.read(bootstrapServers(), KafkaTopicNames.DEAD_LETTERS)
			.stream()
			.filter((record) -> this.instance.equals(record.key()))
			.map((record) -> MentionJson.readDeadLetter(record.value()))
			.toList();
		assertThat(deadLetters).hasSize(2);
		assertThat(deadLetters.get(0).reason()).contains("not JSON");
		assertThat(deadLetters.get(0).payload()).isEqualTo(truncated);
		assertThat(deadLetters.get(1).reason()).contains("HTTP 500");
		assertThat(deadLetters.get(1).payload()).isEqualTo(html);
		assertThat(this.api.searches().subList(0, 3))
			.allSatisfy((request) -> assertThat(request.query()).doesNotContainKeys("since_id", "next_token"));
		client(context).get()
			.uri("/api/sources/{id}", this.instance)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.healthy")
			.isEqualTo(true)
			.jsonPath("$.deadLetters")
			.isEqualTo(2)
			.jsonPath("$.itemsPublished")
			.isEqualTo(3)
			.jsonPath("$.lastError")
			.value((String error) -> assertThat(error).contains("HTTP 500"));
	}

	@Test
	void resumesFromTheStoredCursorAfterARestartWithoutDuplicatesOrLoss() {
		this.api.post(tweets(1, 25, "Bus delayed"));
		// Two requests are left in the window: the service stops after the second page of
		// the round, in the middle of it.
		this.api.rateLimit(2, Instant.now().plus(Duration.ofHours(1)));
		ConfigurableApplicationContext first = start(xSettings());
		Map<String, String> midRound = awaitCursor(
				(position) -> position.containsKey("next_token") && mentionRecords().size() == 20);
		assertThat(midRound).containsEntry("pending_newest_id", String.valueOf(id(25))).doesNotContainKey("since_id");
		first.close();

		this.api.rateLimit(450, Instant.now().plus(Duration.ofMinutes(15)));
		this.api.post(tweets(26, 3, "Bus delayed"));
		int requestsBefore = this.api.searches().size();
		start(xSettings());
		awaitCursor((position) -> String.valueOf(id(28)).equals(position.get("since_id")));

		assertThat(this.api.searches().get(requestsBefore).query()).containsEntry("next_token",
				midRound.get("next_token"));
		Set<String> expected = IntStream.rangeClosed(1, 28).mapToObj((n) -> "x:" + id(n)).collect(Collectors.toSet());
		List<String> keys = mentionRecords().stream().map(ConsumerRecord::key).toList();
		assertThat(keys).hasSize(28).doesNotHaveDuplicates();
		assertThat(Set.copyOf(keys)).isEqualTo(expected);
	}

	@Test
	void aRateLimitPausesOnlyTheXSourceUntilItsResetTime() {
		// Far enough ahead that start-up on a busy machine does not outlast it.
		Instant reset = Instant.now().plusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
		this.api.rateLimitOnce(reset);
		this.api.post(tweets(1, 2, "Bus delayed"));
		String demo = "demo-it-" + this.base;
		Map<String, Object> settings = xSettings();
		settings.put("grapevine.ingest.demo.enabled", "true");
		settings.put("grapevine.ingest.demo.instance-id", demo);
		settings.put("grapevine.ingest.demo.sample", "classpath:demo-fixture/mentions.jsonl");
		settings.put("grapevine.ingest.demo.trickle-interval", "200ms");
		ConfigurableApplicationContext context = start(settings);
		WebTestClient client = client(context);

		await().atMost(Duration.between(Instant.now(), reset))
			.untilAsserted(() -> client.get()
				.uri("/api/sources/{id}", this.instance)
				.exchange()
				.expectBody()
				.jsonPath("$.pausedUntil")
				.isEqualTo(reset.toString()));
		client.get()
			.uri("/actuator/health/sources/{id}", this.instance)
			// A source's own health is a detail, for administrators.
			.headers((headers) -> headers.setBasicAuth(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.details.pausedUntil")
			.isEqualTo(reset.toString());
		// While X waits, the demo source goes on publishing. The wait is bounded by the
		// reset
		// time, not by a guess at how fast this machine is: the demo's items must arrive
		// while
		// X has still sent only its first, refused, search.
		long demoPublished = published(client, demo);
		await().atMost(Duration.between(Instant.now(), reset))
			.until(() -> published(client, demo) >= demoPublished + 3);
		assertThat(Instant.now()).isBefore(reset);
		assertThat(this.api.searches()).hasSize(1);

		awaitCursor(Duration.between(Instant.now(), reset).plusSeconds(30),
				(position) -> String.valueOf(id(2)).equals(position.get("since_id")));
		assertThat(this.api.searches().get(1).receivedAt()).isAfterOrEqualTo(reset);
		assertThat(mentionRecords()).hasSize(2);
	}

	@Test
	void listsEverySourceInstanceWithItsStateAndAnswersUnknownOnesWithAProblem() {
		this.api.post(tweets(1, 2, "Bus delayed"));
		ConfigurableApplicationContext context = start(xSettings());
		awaitCursor((position) -> String.valueOf(id(2)).equals(position.get("since_id")));
		WebTestClient client = client(context);

		client.get()
			.uri("/api/sources")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.instance == 'demo')].enabled")
			.isEqualTo(false)
			.jsonPath("$[?(@.instance == '%s')].enabled".formatted(this.instance))
			.isEqualTo(true)
			.jsonPath("$[?(@.instance == '%s')].healthy".formatted(this.instance))
			.isEqualTo(true)
			.jsonPath("$[?(@.instance == '%s')].itemsPublished".formatted(this.instance))
			.isEqualTo(2)
			.jsonPath("$[?(@.instance == '%s')].cursor.position.since_id".formatted(this.instance))
			.isEqualTo(String.valueOf(id(2)))
			.jsonPath("$[?(@.instance == '%s')].cursor.ageSeconds".formatted(this.instance))
			.exists()
			.jsonPath("$[?(@.instance == '%s')].lastSuccess".formatted(this.instance))
			.exists();
		client.get()
			.uri("/api/sources/nope")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("'nope'").contains(this.instance));
		client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/sources']")
			.exists();
		client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void theApiMetricsAndDescriptionNeedASignedInUserAndHealthDetailsAnAdministrator() {
		ConfigurableApplicationContext context = start(xSettings());
		WebTestClient anonymous = anonymous(context);
		for (String path : List.of("/api/sources", "/api/sources/" + this.instance, "/actuator/metrics",
				"/actuator/metrics/grapevine.ingest.mentions.published", "/v3/api-docs")) {
			anonymous.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
		anonymous.get()
			.uri("/api/sources")
			.headers((headers) -> headers.setBasicAuth(TestUsers.MEMBER, "wrong-password"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		client(context).get().uri("/actuator/metrics").exchange().expectStatus().isOk();
		// The probes and the status stay open; the details are an administrator's.
		anonymous.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		anonymous.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		anonymous.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.exists()
			.jsonPath("$.components")
			.doesNotExist();
		client(context).get().uri("/actuator/health").exchange().expectBody().jsonPath("$.components").doesNotExist();
		anonymous.get()
			.uri("/actuator/health")
			.headers((headers) -> headers.setBasicAuth(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
			.exchange()
			.expectBody()
			.jsonPath("$.components.sources")
			.exists();
	}

	@Test
	void everyAnswerCarriesTheSecurityHeaders() {
		ConfigurableApplicationContext context = start(xSettings());
		for (WebTestClient client : List.of(anonymous(context), client(context))) {
			for (String path : List.of("/api/sources", "/actuator/health")) {
				client.get()
					.uri(path)
					.exchange()
					.expectHeader()
					.valueEquals("X-Content-Type-Options", "nosniff")
					.expectHeader()
					.valueEquals("X-Frame-Options", "DENY")
					.expectHeader()
					.valueEquals("Referrer-Policy", "same-origin")
					.expectHeader()
					.value("Content-Security-Policy",
							(policy) -> assertThat(policy).contains("script-src 'self'")
								.contains("frame-ancestors 'none'"))
					.expectHeader()
					.value("Cache-Control", (value) -> assertThat(value).contains("no-store"));
			}
		}
	}

	@Test
	void replaysTheShippedDemoSampleOnceAndThenTricklesFreshMentions() {
		String demo = "demo-shipped-" + this.base;
		Map<String, Object> settings = settings(List.of(xInstance(this.instance, this.api, false)));
		settings.put("grapevine.ingest.demo.enabled", "true");
		settings.put("grapevine.ingest.demo.instance-id", demo);
		settings.put("grapevine.ingest.demo.trickle-interval", "100ms");
		long started = System.nanoTime();
		ConfigurableApplicationContext context = start(settings);
		int sampleSize = (int) new java.io.BufferedReader(
				new java.io.InputStreamReader(IngestIntegrationTests.class.getResourceAsStream("/demo/mentions.jsonl"),
						java.nio.charset.StandardCharsets.UTF_8))
			.lines()
			.filter((line) -> !line.isBlank())
			.count();

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> published(client(context), demo) >= sampleSize + 3);
		long elapsedMs = (System.nanoTime() - started) / 1_000_000;
		System.out.printf("Demo sample of %d mentions replayed, plus 3 trickled, %d ms after start-up began%n",
				sampleSize, elapsedMs);

		List<ConsumerRecord<String, String>> cursors = KafkaTopics.read(bootstrapServers(), KafkaTopicNames.CURSORS)
			.stream()
			.filter((record) -> demo.equals(record.key()))
			.toList();
		assertThat(cursors).isNotEmpty();
		Instant now = Instant.now();
		List<Mention> trickled = KafkaTopics.read(bootstrapServers(), KafkaTopicNames.MENTIONS)
			.stream()
			.map((record) -> MentionJson.readMention(record.value()))
			.filter((mention) -> mention.nativeId().matches(".*-t[0-9]+") && !mention.nativeId().matches("s[0-9]-t.*"))
			.filter((mention) -> mention.ingestedAt().isAfter(now.minus(Duration.ofSeconds(elapsedMs / 1000 + 5))))
			.toList();
		assertThat(trickled).hasSizeGreaterThanOrEqualTo(3);
		assertThat(trickled)
			.allSatisfy((mention) -> assertThat(mention.publishedAt()).isAfter(now.minus(Duration.ofMinutes(2))));
	}

	@Test
	void refusesToStartAnEnabledXSourceWithoutABearerTokenNamingTheSetting() {
		Map<String, Object> instance = xInstance(this.instance, this.api, true);
		settings(instance).remove("bearer-token");

		assertThatException().isThrownBy(() -> start(settings(List.of(instance))))
			.satisfies((ex) -> assertThat(messages(ex))
				.contains("sources[" + this.instance + "].settings.bearer-token is not set"));
	}

	@Test
	void reportsEachInstancesHealthAndMetricsDownOnlyWhenItsCredentialsAreRefused() {
		this.api.post(tweets(1, 2, "Bus delayed"));
		this.api.rateLimit(100, Instant.now().plus(Duration.ofMinutes(15)));
		String refused = this.instance + "-refused";
		Map<String, Object> refusedInstance = xInstance(refused, this.api, true);
		settings(refusedInstance).put("bearer-token", "${GRAPEVINE_TEST_WRONG_TOKEN}");
		Map<String, Object> settings = settings(List.of(xInstance(this.instance, this.api, true), refusedInstance));
		settings.put("GRAPEVINE_TEST_WRONG_TOKEN", "not-the-token");
		ConfigurableApplicationContext context = start(settings);
		WebTestClient client = client(context);

		awaitCursor((position) -> String.valueOf(id(2)).equals(position.get("since_id")));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> client.get()
				.uri("/actuator/health/sources/{id}", refused)
				// A source's own health is a detail, for administrators.
				.headers((headers) -> headers.setBasicAuth(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("DOWN")
				.jsonPath("$.details.error")
				.value((String error) -> assertThat(error).contains("sources[" + refused + "].settings.bearer-token")
					.doesNotContain("not-the-token")));
		client.get()
			.uri("/actuator/health/sources/{id}", this.instance)
			// A source's own health is a detail, for administrators.
			.headers((headers) -> headers.setBasicAuth(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.details.mentionsLastHour")
			.isEqualTo(2)
			.jsonPath("$.details.rateLimitRemaining")
			.value((Integer remaining) -> assertThat(remaining).isBetween(0, 99));
		client.get()
			.uri("/api/sources/{id}", refused)
			.exchange()
			.expectBody()
			.jsonPath("$.credentialsRefused")
			.isEqualTo(true)
			.jsonPath("$.healthy")
			.isEqualTo(false);
		client.get()
			.uri("/actuator/metrics/grapevine.ingest.mentions.published?tag=source.instance:{id}", this.instance)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(2.0);
		client.get()
			.uri("/actuator/metrics/grapevine.ingest.mentions.last.hour?tag=source.instance:{id}", this.instance)
			.exchange()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(2.0);
		client.get()
			.uri("/actuator/metrics/grapevine.ingest.cursor.age?tag=source.instance:{id}", this.instance)
			.exchange()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.value((Double age) -> assertThat(age).isGreaterThanOrEqualTo(0.0));
		client.get()
			.uri("/actuator/metrics/grapevine.ingest.rate.limit.remaining?tag=source.instance:{id}", this.instance)
			.exchange()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.value((Double remaining) -> assertThat(remaining).isBetween(0.0, 99.0));
	}

	@Test
	void refusesToStartWithAnUnknownSourceTypeNamingTheKnownTypes() {
		Map<String, Object> instance = xInstance(this.instance, this.api, false);
		instance.put("type", "myspace");

		assertThatException().isThrownBy(() -> start(settings(List.of(instance))))
			.satisfies((ex) -> assertThat(messages(ex)).contains("'myspace' is not a known source type")
				.contains("hackernews", "mastodon", "reddit", "x", "youtube"));
	}

	@Test
	void runsTwoInstancesOfOneTypeIndependentlyEachFromItsOwnApi() {
		try (FakeXApi other = FakeXApi.start("other-token")) {
			String second = this.instance + "-b";
			Map<String, Object> secondInstance = xInstance(second, other, true);
			settings(secondInstance).put("bearer-token", "${GRAPEVINE_TEST_OTHER_TOKEN}");
			this.api.post(tweets(1, 3, "Bus delayed"));
			other.post(tweets(501, 2, "Tram delayed"));
			// The other API refuses its first request: only its own instance waits.
			other.rateLimitOnce(Instant.now().plusSeconds(2));
			Map<String, Object> settings = settings(List.of(xInstance(this.instance, this.api, true), secondInstance));
			settings.put("GRAPEVINE_TEST_OTHER_TOKEN", "other-token");
			ConfigurableApplicationContext context = start(settings);

			awaitCursor((position) -> String.valueOf(id(3)).equals(position.get("since_id")));
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> published(client(context), second) == 2);

			assertThat(mentionRecords()).extracting(ConsumerRecord::key)
				.containsExactlyInAnyOrder("x:" + id(1), "x:" + id(2), "x:" + id(3), "x:" + id(501), "x:" + id(502));
			assertThat(published(client(context), this.instance)).isEqualTo(3);
			assertThat(this.api.searches())
				.allSatisfy((request) -> assertThat(request.authorization()).contains("Bearer " + TOKEN));
			assertThat(other.searches())
				.allSatisfy((request) -> assertThat(request.authorization()).contains("Bearer other-token"));
			assertThat(KafkaTopics.read(bootstrapServers(), KafkaTopicNames.CURSORS))
				.filteredOn((record) -> second.equals(record.key()))
				.last()
				.satisfies((record) -> assertThat(record.value()).contains("\"since_id\":\"" + id(502) + "\""));
		}
	}

	@Test
	void refusesToStartWithInvalidSettingsNamingThem() {
		Map<String, Object> relative = xInstance(this.instance, this.api, true);
		settings(relative).put("base-url", "api.x.com");
		assertThatException().isThrownBy(() -> start(settings(List.of(relative))))
			.satisfies((ex) -> assertThat(messages(ex)).contains("sources[" + this.instance + "]")
				.contains("base-url must be an absolute http(s) URL"));

		Map<String, Object> zero = xInstance(this.instance, this.api, true);
		settings(zero).put("max-results", "5");
		assertThatException().isThrownBy(() -> start(settings(List.of(zero))))
			.satisfies(
					(ex) -> assertThat(messages(ex)).contains("sources[" + this.instance + "].settings.max-results"));

		Map<String, Object> missingFile = xSettings();
		missingFile.put("grapevine.organization-file", "does/not/exist.yml");
		assertThatException().isThrownBy(() -> start(missingFile))
			.satisfies((ex) -> assertThat(messages(ex)).contains("exist.yml").contains("grapevine.organization-file"));
	}

	private Map<String, Object> xSettings() {
		return settings(List.of(xInstance(this.instance, this.api, true)));
	}

	/**
	 * The service's settings, with an organization file that declares these source
	 * instances; the bearer token of the test's X API is the environment variable
	 * {@code GRAPEVINE_TEST_X_TOKEN}.
	 */
	private Map<String, Object> settings(List<Map<String, Object>> instances) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("server.port", "0");
		settings.put("grapevine.kafka.bootstrap-servers", bootstrapServers());
		settings.put("grapevine.organization-file", organizationFile(instances).toString());
		settings.put("GRAPEVINE_TEST_X_TOKEN", TOKEN);
		return settings;
	}

	private static Map<String, Object> xInstance(String instanceId, FakeXApi api, boolean enabled) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("base-url", api.baseUrl().toString());
		settings.put("bearer-token", "${GRAPEVINE_TEST_X_TOKEN}");
		settings.put("poll-interval", "300ms");
		settings.put("max-results", "10");
		Map<String, Object> instance = new LinkedHashMap<>();
		instance.put("type", "x");
		instance.put("name", instanceId.substring("x:".length()));
		instance.put("enabled", enabled);
		instance.put("settings", settings);
		return instance;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> settings(Map<String, Object> instance) {
		return (Map<String, Object>) instance.get("settings");
	}

	private static Path organizationFile(List<Map<String, Object>> instances) {
		try {
			StringBuilder yaml = new StringBuilder(
					Files.readString(Path.of("src/test/resources/organization.yml"), StandardCharsets.UTF_8));
			yaml.append("\nsources:\n");
			for (Map<String, Object> instance : instances) {
				yaml.append("  - type: ").append(quoted(instance.get("type"))).append('\n');
				yaml.append("    name: ").append(quoted(instance.get("name"))).append('\n');
				yaml.append("    enabled: ").append(instance.get("enabled")).append('\n');
				yaml.append("    settings:\n");
				settings(instance).forEach((key,
						value) -> yaml.append("      ").append(key).append(": ").append(quoted(value)).append('\n'));
			}
			Path file = Files.createTempFile("organization-", ".yml");
			file.toFile().deleteOnExit();
			return Files.writeString(file, yaml, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String quoted(Object value) {
		return "'" + String.valueOf(value).replace("'", "''") + "'";
	}

	private ConfigurableApplicationContext start(Map<String, Object> settings) {
		Map<String, Object> signedIn = new HashMap<>(settings);
		signedIn.putAll(TestUsers.settings());
		ConfigurableApplicationContext context = IngestApplication.application().properties(signedIn).run();
		this.contexts.add(context);
		return context;
	}

	private static String bootstrapServers() {
		return LocalStackExtension.stack().kafkaBootstrapServers();
	}

	// Signed in as a member, with HTTP Basic.
	private static WebTestClient client(ConfigurableApplicationContext context) {
		return anonymous(context).mutate()
			.defaultHeaders((headers) -> headers.setBasicAuth(TestUsers.MEMBER, TestUsers.MEMBER_PASSWORD))
			.build();
	}

	private static WebTestClient anonymous(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	private long published(WebTestClient client, String instanceId) {
		byte[] body = client.get()
			.uri("/api/sources/{id}", instanceId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		try {
			return this.json.readTree(body).path("itemsPublished").asLong();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Map<String, String> awaitCursor(Predicate<Map<String, String>> condition) {
		return awaitCursor(Duration.ofSeconds(30), condition);
	}

	private Map<String, String> awaitCursor(Duration atMost, Predicate<Map<String, String>> condition) {
		Map<String, String>[] found = new Map[1];
		await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
			List<ConsumerRecord<String, String>> cursors = cursorRecords();
			if (cursors.isEmpty()) {
				return false;
			}
			found[0] = position(cursors.get(cursors.size() - 1));
			return condition.test(found[0]);
		});
		return found[0];
	}

	private List<ConsumerRecord<String, String>> cursorRecords() {
		return KafkaTopics.read(bootstrapServers(), KafkaTopicNames.CURSORS)
			.stream()
			.filter((record) -> this.instance.equals(record.key()))
			.toList();
	}

	private Map<String, String> position(ConsumerRecord<String, String> record) {
		try {
			JsonNode cursor = this.json.readTree(record.value());
			assertThat(cursor.path("sourceInstance").asText()).isEqualTo(this.instance);
			assertThat(cursor.path("updatedAt").asText()).isNotBlank();
			Map<String, String> position = new HashMap<>();
			cursor.path("position")
				.fields()
				.forEachRemaining((field) -> position.put(field.getKey(), field.getValue().asText()));
			return position;
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<ConsumerRecord<String, String>> mentionRecords() {
		Set<String> ours = IntStream.rangeClosed(1, 1000).mapToObj((n) -> "x:" + id(n)).collect(Collectors.toSet());
		return KafkaTopics.read(bootstrapServers(), KafkaTopicNames.MENTIONS)
			.stream()
			.filter((record) -> ours.contains(record.key()))
			.toList();
	}

	private static Mention mention(List<ConsumerRecord<String, String>> records, String id) {
		return records.stream()
			.filter((record) -> record.key().equals(id))
			.map((record) -> MentionJson.readMention(record.value()))
			.findFirst()
			.orElseThrow();
	}

	private static String messages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private long id(int n) {
		return this.base + n;
	}

	private FakeXApi.Tweet[] tweets(int first, int count, String text) {
		return IntStream.range(first, first + count)
			.mapToObj((n) -> FakeXApi.tweet(String.valueOf(id(n)), text + " (" + n + ")", AMY))
			.toArray(FakeXApi.Tweet[]::new);
	}

}
