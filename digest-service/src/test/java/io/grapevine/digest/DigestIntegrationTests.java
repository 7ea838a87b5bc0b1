package io.grapevine.digest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.archive.DeliveryLedger;
import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.digest.delivery.DigestChannels;
import io.grapevine.digest.delivery.FakeChatWebhook;
import io.grapevine.digest.analytics.AnalyticsClient;
import io.grapevine.digest.rendering.DigestRenderer;
import io.grapevine.digest.sending.DigestSender;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.sending.DigestScheduler;
import io.grapevine.localstack.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(LocalStackExtension.class)
// A run composes, renders and delivers to three channels; on a loaded machine that can
// take
// longer than the client's default five seconds.
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=digest-service", "grapevine.digest.check-interval=200ms",
				"grapevine.digest.public-url=https://grapevine.example.org", "grapevine.digest.delivery.attempts=2",
				"grapevine.digest.delivery.first-backoff=100ms", "grapevine.digest.delivery.max-backoff=200ms",
				"grapevine.digest.delivery.claim-lease=30s", "grapevine.alerts.enabled=false" })
class DigestIntegrationTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final String OPS = "ops-duty@harborcity-transit.example";

	private static final String CONTROLLER = "controller@harborcity-transit.example";

	private static final String QUALITY = "quality@harborcity-transit.example";

	private static final String STAFF = "staff@harborcity-transit.example";

	// Monday 9 November 00:00 in Los Angeles, where the all-staff digest is counted.
	private static final Instant WEEK_46_LOS_ANGELES = Instant.parse("2026-11-09T08:00:00Z");

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(IntegrationTestSupport.smtpSetup())
		.withPerMethodLifecycle(false);

	static final FakeSearchService search = FakeSearchService.start();

	static final FakeChatWebhook slack = FakeChatWebhook.slack();

	static final FakeChatWebhook teams = FakeChatWebhook.teams();

	// 05:00 in London, midnight in New York: no digest is due until a test moves the
	// clock.
	private static final Instant EARLY_ON_FRIDAY = Instant.parse("2026-11-20T05:00:00Z");

	static final MutableClock clock = new MutableClock(EARLY_ON_FRIDAY);

	/** Signed in as an administrator, who may also run digests and mute alerts. */
	WebTestClient web;

	WebTestClient member;

	WebTestClient anonymous;

	@Autowired
	void signIn(WebTestClient client) {
		this.anonymous = client;
		this.member = TestUsers.asMember(client);
		this.web = TestUsers.asAdmin(client);
	}

	@Autowired
	DigestArchive archive;

	@Autowired
	DigestScheduler scheduler;

	@Autowired
	ElasticsearchClient elasticsearch;

	@Autowired
	DigestSender sender;

	@Autowired
	Organization organization;

	@Autowired
	AnalyticsClient analytics;

	@Autowired
	DigestRenderer renderer;

	@Autowired
	DigestChannels channels;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		IntegrationTestSupport.register(registry, smtp);
		registry.add("grapevine.digest.search-url", () -> search.url().toString());
		registry.add("grapevine.organization-file", DigestIntegrationTests::organizationFile);
		registry.add("OPS_SLACK_WEBHOOK", () -> slack.url().toString());
		registry.add("OPS_TEAMS_WEBHOOK", () -> teams.url().toString());
	}

	@AfterAll
	static void stopFake() {
		search.close();
		slack.close();
		teams.close();
	}

	@BeforeEach
	void freshMailboxAnalyticsAndClock() throws Exception {
		clock.set(EARLY_ON_FRIDAY);
		smtp.purgeEmailFromAllMailboxes();
		search.reset();
		slack.reset();
		teams.reset();
		search.defaultTotal(30)
			.topMentions(List.of(FakeSearchService.mention("1001",
					"Bus 42 <b>late</b> again & the <script>alert(1)</script> sign", 40),
					FakeSearchService.mention("1002", "Thanks to the driver of the 7:40", 12)));
	}

	@Test
	void runningADigestEmailsEveryMemberTextAndHtmlWithTheTopMentionAndArchivesIt() throws Exception {
		Period thursday = Period.day(LocalDate.of(2026, 11, 19), LONDON);
		search.total(thursday.from(), 37);

		Map<String, Object> digest = IntegrationTestSupport.runDigest(this.web, "{\"department\": \"operations\"}");

		String id = (String) digest.get("id");
		assertThat(id).startsWith("operations-2026-11-19-run-");
		assertThat(digest.get("subject"))
			.isEqualTo("Operations · daily listening digest · Thu 19 Nov 2026 · 37 mentions");
		assertThat(((Map<?, ?>) digest.get("recipients")).get("count")).isEqualTo(2);
		assertThat(((Map<?, ?>) digest.get("figures")).get("total")).isEqualTo(37);
		assertThat(((Map<?, ?>) digest.get("figures")).get("previousTotal")).isEqualTo(30);
		assertThat(search.requests())
			.anySatisfy((request) -> assertThat(request).containsEntry("department", "operations")
				.containsEntry("from", "2026-11-19T00:00:00Z")
				.containsEntry("to", "2026-11-20T00:00:00Z")
				.containsEntry("zone", "Europe/London"));
		assertThat(search.authorizations()).isNotEmpty()
			.allSatisfy((authorization) -> assertThat(authorization)
				.as("digest-service signs in to search-service as its service user")
				.isEqualTo(FakeSearchService.BASIC));

		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		MimeMessage[] messages = smtp.getReceivedMessages();
		assertThat(messages).hasSize(2);
		MimeMessage message = messages[0];
		assertThat(Arrays.stream(message.getAllRecipients()).map(Address::toString)).containsExactlyInAnyOrder(OPS,
				CONTROLLER);
		assertThat(message.getFrom()[0].toString()).isEqualTo("Grapevine <grapevine@localhost>");
		assertThat(message.getSubject()).isEqualTo(digest.get("subject"));
		MimeMultipart alternative = (MimeMultipart) message.getContent();
		assertThat(alternative.getContentType()).startsWith("multipart/alternative");
		assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
		assertThat(alternative.getBodyPart(1).getContentType()).startsWith("multipart/related");
		MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
		assertThat(related.getBodyPart(0).getContentType()).startsWith("text/html");
		assertThat(related.getBodyPart(1).getContentType()).startsWith("image/png");
		assertThat(related.getBodyPart(1).getHeader("Content-ID")).containsExactly("<volume-chart@grapevine>");
		// SMTP carries lines ending in CRLF.
		String text = ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
		String html = html(message).replace("\r\n", "\n");
		String chart = "data:image/png;base64," + Base64.getEncoder().encodeToString(chart(message));
		assertThat(text).contains("Bus 42 <b>late</b> again & the <script>alert(1)</script> sign")
			.contains("https://x.com/rider_amy/status/1001")
			.contains("37 mentions, up 23% from Wednesday");
		assertThat(html)
			.contains("Bus 42 &lt;b&gt;late&lt;/b&gt; again &amp; the &lt;script&gt;alert(1)&lt;/script&gt; sign")
			.doesNotContain("<script>")
			.contains("href=\"https://x.com/rider_amy/status/1001\"")
			.contains("href=\"https://grapevine.example.org/digests/" + id + "\"");

		this.web.get()
			.uri("/api/digests/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.html")
			.value((String archivedHtml) -> assertThat(archivedHtml)
				.isEqualTo(html.replace("cid:volume-chart@grapevine", chart)))
			.jsonPath("$.text")
			.isEqualTo(text)
			.jsonPath("$.recipients.addresses.length()")
			.isEqualTo(2);
		List<Map<String, Object>> listed = IntegrationTestSupport.list(this.web, "/api/digests?department=operations");
		assertThat(listed).extracting((listedDigest) -> listedDigest.get("id")).contains(id);
		assertThat(listed)
			.allSatisfy((listedDigest) -> assertThat(listedDigest).containsEntry("departmentId", "operations")
				.doesNotContainKey("html"));
		assertThat(listed).extracting((listedDigest) -> Instant.parse((String) listedDigest.get("sentAt")))
			.isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(IntegrationTestSupport.page(this.web, "/digests?department=operations"))
			.contains("href=\"/digests/" + id + "\"")
			.contains("Thu 19 Nov 2026")
			.contains(">37<")
			.contains("up 23% from Wednesday");
		assertThat(IntegrationTestSupport.page(this.web, "/digests/{id}", id)).contains("<iframe")
			.contains("Operations · daily listening digest · Thu 19 Nov 2026 · 37 mentions")
			.contains(OPS)
			// The email HTML sits escaped in srcdoc, so its own escaping is escaped
			// once more.
			.contains("Bus 42 &amp;lt;b&amp;gt;late")
			.doesNotContain("<script>");
	}

	@Test
	void aDigestSaysItsSectionsInOrderOnEveryChannelAndAsksSearchServiceForThem() throws Exception {
		Period thursday = Period.day(LocalDate.of(2026, 11, 19), LONDON);
		search.total(thursday.from(), 138).total(thursday.previous().from(), 100);
		for (int i = 13; i >= 0; i--) {
			search.day(thursday.day().minusDays(i), (i == 0) ? 138 : 100, (i == 0) ? 29 : 12);
		}
		search
			.topMentions(List.of(FullDigest.mention("m1", "Flooding at <b>Pier</b> Road, detour & delays", 9000),
					FullDigest.mention("m2", "Thanks to the driver of the 7:40", 40)))
			.copies("x:m1", 3)
			.newVoices(List.of(FullDigest.mention("v1", "First time on the harbour ferry: cold", 5000)))
			.risingTerm("flooding", 14, 0)
			.waiting(FullDigest.mention("w1", "Is the 42 running tonight?", 800), true, false, 1)
			.handling(7, 2 * 86400, Map.of("ana", 7L, "li", 5L))
			.said(30, 18);

		String id = runDigest("operations");

		for (String path : List.of("/api/mentions", "/api/analytics/new-voices", "/api/analytics/rising-terms",
				"/api/analytics/waiting", "/api/handling/summary")) {
			assertThat(search.requests(path)).as(path)
				.singleElement()
				.satisfies((request) -> assertThat(request).containsEntry("department", "operations")
					.containsEntry("from", "2026-11-19T00:00:00Z")
					.containsEntry("to", "2026-11-20T00:00:00Z"));
		}
		assertThat(search.requests("/api/mentions").get(0)).containsEntry("sort", "reach")
			.containsEntry("collapse", "true")
			.containsEntry("owned", "false");
		// The chart's volume and its negative share come in one answer.
		assertThat(search.requests())
			.anySatisfy((request) -> assertThat(request).doesNotContainKey("q")
				.containsEntry("department", "operations")
				.containsEntry("from", "2026-11-06T00:00:00Z")
				.containsEntry("to", "2026-11-20T00:00:00Z")
				.containsEntry("zone", "Europe/London"))
			.noneSatisfy((request) -> assertThat(request).containsEntry("q", "sentiment:negative"));

		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		MimeMessage message = to(OPS).get(0);
		String text = ((String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent()).replace("\r\n",
				"\n");
		String html = html(message);
		String search = "http://127.0.0.1:8080/?q=%22Flooding%20at%20b%20Pier%20b%20Road%22&department=operations"
				+ "&from=2026-11-19T00%3A00%3A00Z&to=2026-11-20T00%3A00%3A00Z";
		assertThat(text).doesNotContain("138 mentions, up 38% from Wednesday\n");
		assertThat(text).containsSubsequence("138 mentions, up 38% from Wednesday; negative 21%, up from 12%",
				"Mentions that matter most", "3 copies", "Flooding at <b>Pier</b> Road, detour & delays",
				"Open: https://x.com/rider_m1/status/m1", "Search: " + search, "New voices",
				"First time on the harbour", "Rising terms", "flooding (14 mentions, none before)",
				"Waiting for an answer", "Is the 42 running tonight?",
				"Handling: 7 waiting, the oldest published 2 d ago; 12 answered: ana 7, li 5; "
						+ "the organization posted 30 times, 18 of them replies");
		assertThat(html)
			.containsSubsequence("src=\"cid:volume-chart@grapevine\"", "Mentions that matter most",
					"Flooding at &lt;b&gt;Pier&lt;/b&gt; Road", "New voices", "Rising terms", "Waiting for an answer")
			.contains("href=\"" + search.replace("&", "&amp;") + "\"");
		assertThat(ImageIO.read(new java.io.ByteArrayInputStream(chart(message)))).isNotNull();

		JsonNode slackMessage = slack.delivered().get(0);
		assertThat(slackMessage.toString()).contains("Mentions that matter most")
			.contains("Flooding at &lt;b&gt;Pier&lt;/b&gt; Road, detour &amp; delays")
			.contains("https://grapevine.example.org/digests/" + id + "|See the chart");
		assertThat(teams.delivered().get(0).toString()).contains("Waiting for an answer");

		assertThat(IntegrationTestSupport.page(this.web, "/digests/{id}", id)).contains("data:image/png;base64,")
			.doesNotContain("cid:");
	}

	@Test
	void theArchiveFindsDigestsByWhatTheySay() throws Exception {
		search.total(Period.day(LocalDate.of(2026, 11, 19), LONDON).from(), 12)
			.topMentions(List.of(FullDigest.mention("s1", "Seaweed blocks the ferry ramp at Quayside", 700)));
		String id = runDigest("operations");
		search.topMentions(List.of(FullDigest.mention("s2", "Lovely ride home", 700)));
		String other = runDigest("operations");
		this.elasticsearch.indices().refresh((refresh) -> refresh.index(DigestArchive.INDEX));

		List<Map<String, Object>> found = IntegrationTestSupport.list(this.web, "/api/digests?q={q}",
				"seaweed quayside");
		assertThat(found).extracting((digest) -> digest.get("id")).contains(id).doesNotContain(other);
		List<Map<String, Object>> byPeriod = IntegrationTestSupport.list(this.web,
				"/api/digests?q={q}&department=operations", "\"19 November 2026\" operations");
		assertThat(byPeriod).extracting((digest) -> digest.get("id")).contains(id, other);
		assertThat(IntegrationTestSupport.page(this.web, "/digests?q={q}", "seaweed")).contains("type=\"search\"")
			.contains("value=\"seaweed\"")
			.contains("href=\"/digests/" + id + "\"")
			.doesNotContain("href=\"/digests/" + other + "\"");
		assertThat(IntegrationTestSupport.page(this.web, "/digests?q={q}", "<b>nothing</b>"))
			.contains("No digest says “&lt;b&gt;nothing&lt;/b&gt;”.");
	}

	private String runDigest(String department) {
		return (String) IntegrationTestSupport.runDigest(this.web, "{\"department\": \"" + department + "\"}")
			.get("id");
	}

	@Test
	void aDepartmentWithoutMembersHasItsDigestArchivedButNotEmailed() throws Exception {
		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"department\": \"people\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.recipients.count")
			.isEqualTo(0)
			.jsonPath("$.period.zone")
			.isEqualTo("America/New_York")
			.jsonPath("$.period.from")
			.isEqualTo("2026-11-19T05:00:00Z");

		assertThat(smtp.waitForIncomingEmail(500, 1)).isFalse();
	}

	@Test
	void badRequestsAnswerProblemDetails() {
		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"department\": \"finance\"}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("no department 'finance'").contains("operations"));
		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].pointer")
			.isEqualTo("#/audience")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("'audience'").contains("{\"department\""));
		this.web.get()
			.uri("/api/digests?size=many")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.web.get()
			.uri("/api/digests?size=1000")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("between 1 and 100"));
		this.web.get()
			.uri("/api/digests/operations-1999-01-01")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.web.get().uri("/digests/operations-1999-01-01").exchange().expectStatus().isNotFound();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void aFailingSearchServiceIsA502ProblemAndNothingIsSent() {
		search.failWith(500);
		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"department\": \"operations\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("search-service").contains("500"));
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void whenSmtpIsDownTheRunIsA503ProblemAndNothingIsArchived() {
		int archivedBefore = archivedCount("operations");
		smtp.stop();
		try {
			this.web.post()
				.uri("/api/digests/run")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"department\": \"operations\"}")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.value((String detail) -> assertThat(detail).contains("SMTP server at 127.0.0.1:")
					.contains("spring.mail.host"));
		}
		finally {
			smtp.start();
		}
		assertThat(archivedCount("operations")).isEqualTo(archivedBefore);
	}

	@Test
	void theScheduleSendsEachDueDigestOnceWhenItsLocalDigestTimeHasPassed() throws Exception {
		forget("operations-2026-11-19", "people-2026-11-19");
		// 08:00 in London is past the operations digest time (07:30); 03:00 in New York
		// is
		// not yet past the people digest time (08:00).
		clock.set(Instant.parse("2026-11-20T08:00:00Z"));

		await().atMost(Duration.ofSeconds(20)).until(() -> exists("operations-2026-11-19"));
		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		Thread.sleep(1500);
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		assertThat(exists("people-2026-11-19")).isFalse();
		StepVerifier.create(this.scheduler.sendDue()).verifyComplete();
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		this.web.get()
			.uri("/api/digests/operations-2026-11-19")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("daily");

		clock.set(Instant.parse("2026-11-20T13:00:00Z"));
		await().atMost(Duration.ofSeconds(20)).until(() -> exists("people-2026-11-19"));
		assertThat(smtp.getReceivedMessages()).hasSize(2);
	}

	@Test
	void aScheduledDigestThatCouldNotBeDeliveredIsSentAtALaterCheck() throws Exception {
		forget("operations-2026-11-20");
		smtp.stop();
		try {
			clock.set(Instant.parse("2026-11-21T08:00:00Z"));
			Thread.sleep(1500);
			assertThat(exists("operations-2026-11-20")).isFalse();
		}
		finally {
			smtp.start();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> exists("operations-2026-11-20"));
		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		Thread.sleep(1000);
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		// Every check while SMTP was down tried email again, but Slack and Teams had
		// taken
		// the digest at the first one.
		assertThat(slack.delivered()).hasSize(1);
		assertThat(teams.delivered()).hasSize(1);
	}

	@Test
	void aRunDeliversTheDigestToTheDepartmentsSlackAndTeamsChannelsWithLinksToTheArchive() {
		String id = runDigest("operations");
		assertThat(slack.delivered()).singleElement().satisfies((message) -> {
			assertThat(message.path("text").asText()).startsWith("Operations · daily listening digest · ");
			assertThat(message.findValuesAsText("url")).contains("https://grapevine.example.org/digests/" + id);
			assertThat(message.toString()).contains("Bus 42 &lt;b&gt;late&lt;/b&gt; again &amp; the");
		});
		assertThat(teams.delivered()).singleElement()
			.satisfies((message) -> assertThat(message.findValuesAsText("url"))
				.contains("https://grapevine.example.org/digests/" + id, "https://x.com/rider_amy/status/1001"));
	}

	@Test
	void twoReplicasSendingTheSameDigestAtOnceDeliverEachChannelOnce() throws Exception {
		Period day = Period.day(LocalDate.of(2026, 11, 10), LONDON);
		String id = unsentOperationsDigest(day);
		DigestSender other = replica("replica-b");
		Department operations = operations();
		reactor.core.publisher.Flux
			.merge(this.sender.send(operations, day, id, ArchivedDigest.DAILY)
				.onErrorResume((ex) -> Mono.empty())
				.subscribeOn(Schedulers.parallel()),
					other.send(operations, day, id, ArchivedDigest.DAILY)
						.onErrorResume((ex) -> Mono.empty())
						.subscribeOn(Schedulers.parallel()))
			.blockLast(Duration.ofSeconds(30));
		// Whichever replica found a channel held by the other archives at its next try.
		if (!exists(id)) {
			this.sender.send(operations, day, id, ArchivedDigest.DAILY).block(Duration.ofSeconds(30));
		}

		assertThat(exists(id)).isTrue();
		everyChannelTookItOnce();
	}

	@Test
	void aReplicaThatStoppedMidSendHoldsItsChannelUntilTheClaimLapsesThenAnotherSendsItOnce() throws Exception {
		Period day = Period.day(LocalDate.of(2026, 11, 11), LONDON);
		String id = unsentOperationsDigest(day);
		// A replica claimed email and stopped before delivering it.
		new DeliveryLedger(this.elasticsearch, clock, "stopped-replica", Duration.ofSeconds(30)).claim(id, "email")
			.block();

		StepVerifier.create(sendOperations(day, id))
			.verifyErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("another replica is delivering email"));
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(slack.delivered()).hasSize(1);
		assertThat(exists(id)).isFalse();

		clock.set(clock.instant().plus(Duration.ofSeconds(31)));
		sendsAndArchives(day, id);
		everyChannelTookItOnce();
	}

	@Test
	void aChatWebhookThatIsDownGetsTheDigestWhenItIsBackAndEmailIsNotSentTwice() throws Exception {
		Period day = Period.day(LocalDate.of(2026, 11, 12), LONDON);
		String id = unsentOperationsDigest(day);
		slack.thenAnswer(503, "", null).thenAnswer(503, "", null);

		StepVerifier.create(sendOperations(day, id))
			.verifyErrorSatisfies((ex) -> assertThat(ex)
				.hasMessageContaining("the Slack webhook of department operations answered 503")
				.hasMessageNotContaining(slack.url().getPath()));
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		assertThat(exists(id)).isFalse();

		sendsAndArchives(day, id);
		assertThat(slack.requests()).hasSize(3);
		everyChannelTookItOnce();
	}

	@Test
	@SuppressWarnings("unchecked")
	void runningAWeeklyDigestCoversLastIsoWeekAgainstTheWeekBeforeOnEveryChannel() throws Exception {
		// Early on Friday 20 November in London: last week is Monday 9 to Sunday 15
		// November.
		search.total(Instant.parse("2026-11-09T00:00:00Z"), 212).total(Instant.parse("2026-11-02T00:00:00Z"), 160);
		// The chart's days of the week before add up to its total, as search-service
		// counts them.
		for (int i = 0; i < 7; i++) {
			search.day(LocalDate.of(2026, 11, 2).plusDays(i), (i == 0) ? 22 : 23, 0);
		}

		Map<String, Object> digest = IntegrationTestSupport.runDigest(this.web,
				"{\"department\": \"operations\", \"kind\": \"weekly\"}");

		String id = (String) digest.get("id");
		assertThat(id).startsWith("operations-week-2026-W46-run-");
		assertThat(digest.get("kind")).isEqualTo("manual");
		assertThat(digest.get("subject"))
			.isEqualTo("Operations · weekly listening digest · 9–15 Nov 2026 · 212 mentions");
		assertThat((Map<String, Object>) digest.get("period")).containsEntry("rhythm", "weekly")
			.containsEntry("day", "2026-11-09")
			.containsEntry("last", "2026-11-15");
		assertThat(((Map<?, ?>) digest.get("figures")).get("change")).isEqualTo("up 33% from the week before");
		assertThat(search.requests())
			.anySatisfy((request) -> assertThat(request).containsEntry("department", "operations")
				.containsEntry("from", "2026-11-09T00:00:00Z")
				.containsEntry("to", "2026-11-16T00:00:00Z"))
			// The chart of four weeks, the week before among them, gives its total.
			.anySatisfy((request) -> assertThat(request).containsEntry("department", "operations")
				.containsEntry("from", "2026-10-18T23:00:00Z")
				.containsEntry("to", "2026-11-16T00:00:00Z"));

		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		MimeMessage message = smtp.getReceivedMessages()[0];
		assertThat(message.getSubject()).isEqualTo(digest.get("subject"));
		String html = html(message);
		assertThat(html).contains("Weekly listening digest · 9–15 Nov 2026")
			.contains("Bus 42 &lt;b&gt;late&lt;/b&gt;")
			.doesNotContain("<script>");
		assertThat(slack.delivered()).singleElement()
			.satisfies((slackMessage) -> assertThat(slackMessage.path("text").asText())
				.startsWith("Operations · weekly listening digest · 9–15 Nov 2026"));
		assertThat(teams.delivered()).singleElement()
			.satisfies((card) -> assertThat(card.toString()).contains("Operations · weekly listening digest"));
		assertThat(IntegrationTestSupport.page(this.web, "/digests/{id}", id)).contains("9–15 Nov 2026");
	}

	@Test
	void theScheduleSendsAWeeklyDigestOnceAtItsDigestTimeOnItsWeeklyDay() throws Exception {
		String id = "service-quality-week-2026-W46";
		forget(id);
		// Sunday 22 November 07:00 in New York: before the 07:30 digest time.
		clock.set(Instant.parse("2026-11-22T12:00:00Z"));
		Thread.sleep(1500);
		assertThat(exists(id)).isFalse();
		assertThat(toQuality()).isEmpty();

		clock.set(Instant.parse("2026-11-22T12:31:00Z"));
		await().atMost(Duration.ofSeconds(20)).until(() -> exists(id));
		await().atMost(Duration.ofSeconds(10)).until(() -> toQuality().size() == 1);
		Thread.sleep(1500);
		StepVerifier
			.create(this.scheduler.sendDue().filter((archived) -> archived.departmentId().equals("service-quality")))
			.verifyComplete();
		assertThat(toQuality()).singleElement()
			.satisfies((message) -> assertThat(message.getSubject())
				.isEqualTo("Service Quality · weekly listening digest · 9–15 Nov 2026 · 30 mentions"));
		// The week is counted in New York time, and there is no daily digest for a
		// weekly-only department.
		assertThat(search.requests())
			.anySatisfy((request) -> assertThat(request).containsEntry("department", "service-quality")
				.containsEntry("from", "2026-11-09T05:00:00Z")
				.containsEntry("to", "2026-11-16T05:00:00Z"))
			.noneSatisfy((request) -> assertThat(request).containsEntry("department", "service-quality")
				.containsEntry("from", "2026-11-21T05:00:00Z"));
		this.web.get()
			.uri("/api/digests/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("weekly")
			.jsonPath("$.period.rhythm")
			.isEqualTo("weekly");
		List<Map<String, Object>> weekly = IntegrationTestSupport.list(this.web, "/api/digests?kind=weekly&size=100");
		assertThat(weekly).extracting((listed) -> listed.get("id")).contains(id);
		assertThat(weekly).allSatisfy((listed) -> assertThat(listed).containsEntry("kind", "weekly"));
		assertThat(IntegrationTestSupport.page(this.web, "/digests?kind=weekly"))
			.contains("href=\"/digests/" + id + "\"")
			.contains("9–15 Nov 2026");
		this.web.get()
			.uri("/api/digests?kind=yearly")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("daily, weekly, all-staff, manual"));
	}

	@Test
	void aRunUnlessSentSendsTheDepartmentsDayOnceUnderItsScheduledIdSoARestartSendsNoSecondCopy() throws Exception {
		String id = unsentOperationsDigest(Period.day(LocalDate.of(2026, 11, 19), LONDON));

		Map<String, Object> first = IntegrationTestSupport.runDigest(this.web,
				"{\"department\": \"operations\", \"unlessSent\": true}");
		Map<String, Object> again = IntegrationTestSupport.runDigest(this.web,
				"{\"department\": \"operations\", \"unlessSent\": true}");

		assertThat(first).containsEntry("id", id).containsEntry("kind", "daily");
		assertThat(again).containsEntry("id", id).containsEntry("sentAt", first.get("sentAt"));
		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		everyChannelTookItOnce();
		StepVerifier.create(this.scheduler.sendDue().filter((archived) -> archived.id().equals(id))).verifyComplete();
		everyChannelTookItOnce();
	}

	@Test
	void aRunOfAnUnknownKindIsABadRequest() {
		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"department\": \"operations\", \"kind\": \"hourly\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("'kind' must be daily or weekly"));
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void theScheduleSendsTheAllStaffDigestOnceAtItsTimeWithEachDepartmentAndSentiment() throws Exception {
		String id = "all-staff-week-2026-W46";
		forget(id);
		allStaffAnalytics();
		// Sunday 22 November 04:59 in Los Angeles: before the 05:00 digest time.
		clock.set(Instant.parse("2026-11-22T12:59:00Z"));
		Thread.sleep(1500);
		assertThat(exists(id)).isFalse();
		assertThat(to(STAFF)).isEmpty();

		clock.set(Instant.parse("2026-11-22T13:01:00Z"));
		await().atMost(Duration.ofSeconds(20)).until(() -> exists(id));
		await().atMost(Duration.ofSeconds(10)).until(() -> to(STAFF).size() == 1);
		StepVerifier.create(this.scheduler.sendDue().filter((archived) -> archived.id().startsWith("all-staff")))
			.verifyComplete();
		Thread.sleep(1000);
		MimeMessage message = to(STAFF).get(0);
		assertThat(to(STAFF)).hasSize(1);
		assertThat(message.getSubject())
			.isEqualTo("All staff · weekly listening digest · 9–15 Nov 2026 · 300 mentions");
		String html = html(message);
		assertThat(html).contains("By department")
			.contains("Operations")
			.contains("href=\"https://grapevine.example.org/digests/service-quality-week-2026-W46\"")
			.contains("Positive · 90 · 30%")
			.contains("Negative · 60 · 20%")
			.contains("Bus 42 &lt;b&gt;late&lt;/b&gt;");
		assertThat(search.requests())
			.anySatisfy((request) -> assertThat(request).doesNotContainKey("department")
				.doesNotContainKey("q")
				.containsEntry("from", "2026-11-09T08:00:00Z")
				.containsEntry("to", "2026-11-16T08:00:00Z"))
			.anySatisfy((request) -> assertThat(request).containsEntry("q", "sentiment:negative"));
		this.web.get()
			.uri("/api/digests/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("all-staff")
			.jsonPath("$.figures.byDepartment[0].key")
			.isEqualTo("operations")
			.jsonPath("$.figures.byDepartment[0].count")
			.isEqualTo(120);
		this.web.get()
			.uri("/api/digests?kind=all-staff")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].id")
			.value((List<String> ids) -> assertThat(ids).contains(id));
	}

	@Test
	void runningTheAllStaffDigestSendsItInItsOwnRhythmToAllStaff() throws Exception {
		allStaffAnalytics();

		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"audience\": \"all-staff\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.value((String id) -> assertThat(id).startsWith("all-staff-week-2026-W46-run-"))
			.jsonPath("$.subject")
			.isEqualTo("All staff · weekly listening digest · 9–15 Nov 2026 · 300 mentions")
			.jsonPath("$.recipients.addresses[0]")
			.isEqualTo(STAFF);
		await().atMost(Duration.ofSeconds(10)).until(() -> to(STAFF).size() == 1);
		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"audience\": \"board\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].pointer")
			.isEqualTo("#/audience")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("no 'board' section"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void runningAnAudiencesDigestOfANamedWeekOrDayCoversThatPeriodOnly() throws Exception {
		// Early on Friday 20 November in London; Wednesday 4 November is in ISO week 45.
		search.total(Instant.parse("2026-11-02T00:00:00Z"), 180).total(Instant.parse("2026-10-26T00:00:00Z"), 150);

		Map<String, Object> week = IntegrationTestSupport.runDigest(this.web,
				"{\"audience\": \"operations\", \"period\": \"week\", \"date\": \"2026-11-04\"}");

		assertThat((String) week.get("id")).startsWith("operations-week-2026-W45-run-");
		assertThat(week.get("subject")).isEqualTo("Operations · weekly listening digest · 2–8 Nov 2026 · 180 mentions");
		assertThat((Map<String, Object>) week.get("period")).containsEntry("rhythm", "weekly")
			.containsEntry("day", "2026-11-02")
			.containsEntry("last", "2026-11-08");
		assertThat(search.requests())
			.anySatisfy((request) -> assertThat(request).containsEntry("department", "operations")
				.containsEntry("from", "2026-11-02T00:00:00Z")
				.containsEntry("to", "2026-11-09T00:00:00Z"))
			.anySatisfy((request) -> assertThat(request).containsEntry("from", "2026-10-11T23:00:00Z")
				.containsEntry("to", "2026-11-09T00:00:00Z"));
		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo(week.get("subject"));

		Map<String, Object> day = IntegrationTestSupport.runDigest(this.web,
				"{\"audience\": \"operations\", \"period\": \"day\", \"date\": \"2026-11-17\"}");
		assertThat((String) day.get("id")).startsWith("operations-2026-11-17-run-");
		assertThat(day.get("subject")).isEqualTo("Operations · daily listening digest · Tue 17 Nov 2026 · 30 mentions");
		// A department's digest is of yesterday unless the body names another period.
		Map<String, Object> yesterday = IntegrationTestSupport.runDigest(this.web, "{\"audience\": \"operations\"}");
		assertThat((String) yesterday.get("id")).startsWith("operations-2026-11-19-run-");
	}

	@Test
	void aRunWithABadAudiencePeriodOrDateIsA400ProblemNamingTheField() {
		badRun("{\"audience\": \"finance\"}", "audience", "no department 'finance'", "operations");
		badRun("{\"audience\": \"operations\", \"period\": \"hourly\"}", "period",
				"'period' must be day, week or month, was 'hourly'");
		badRun("{\"audience\": \"operations\", \"period\": \"month\"}", "period", "a month is the board's period",
				"\"week\"");
		badRun("{\"audience\": \"operations\", \"date\": \"17/11/2026\"}", "date", "yyyy-MM-dd", "'17/11/2026'");
		// Friday 20 November has not ended in London, nor has its week.
		badRun("{\"audience\": \"operations\", \"date\": \"2026-11-20\"}", "date", "has not ended yet",
				"Thu 19 Nov 2026");
		badRun("{\"audience\": \"operations\", \"period\": \"week\", \"date\": \"2026-11-16\"}", "date",
				"the week of 2026-11-16 (16–22 Nov 2026) has not ended yet");
		badRun("{\"audience\": \"operations\", \"department\": \"operations\"}", "audience", "name one of them");
		badRun("{\"audience\": \"operations\", \"kind\": \"weekly\", \"period\": \"week\"}", "period",
				"name the period alone");
		badRun("{\"department\": \"operations\", \"kind\": \"yearly\"}", "kind", "'kind' must be daily or weekly");
		assertThat(search.requests()).isEmpty();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	private void badRun(String body, String field, String... detail) {
		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].pointer")
			.isEqualTo("#/" + field)
			.jsonPath("$.detail")
			.value((String problem) -> assertThat(problem).contains(detail));
	}

	private static void allStaffAnalytics() {
		search.total(null, null, WEEK_46_LOS_ANGELES, 300)
			.total("operations", null, WEEK_46_LOS_ANGELES, 120)
			.total(null, "sentiment:positive", WEEK_46_LOS_ANGELES, 90)
			.total(null, "sentiment:negative", WEEK_46_LOS_ANGELES, 60);
	}

	private List<MimeMessage> to(String address) throws Exception {
		List<MimeMessage> messages = new java.util.ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (Arrays.stream(message.getAllRecipients()).map(Address::toString).anyMatch(address::equals)) {
				messages.add(message);
			}
		}
		return messages;
	}

	private List<MimeMessage> toQuality() throws Exception {
		List<MimeMessage> messages = new java.util.ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (Arrays.stream(message.getAllRecipients()).map(Address::toString).anyMatch(QUALITY::equals)) {
				messages.add(message);
			}
		}
		return messages;
	}

	// The HTML part, beside its images in a multipart/related when it has any.
	private static String html(MimeMessage message) throws Exception {
		Object part = ((MimeMultipart) message.getContent()).getBodyPart(1).getContent();
		if (part instanceof MimeMultipart related) {
			return (String) related.getBodyPart(0).getContent();
		}
		return (String) part;
	}

	private static byte[] chart(MimeMessage message) throws Exception {
		MimeMultipart related = (MimeMultipart) ((MimeMultipart) message.getContent()).getBodyPart(1).getContent();
		try (java.io.InputStream png = related.getBodyPart(1).getInputStream()) {
			return png.readAllBytes();
		}
	}

	private DigestSender replica(String name) {
		return new DigestSender(this.organization, this.analytics, this.renderer, this.channels,
				new DeliveryLedger(this.elasticsearch, clock, name, Duration.ofSeconds(30)), this.archive, clock, 5);
	}

	@Test
	void anApiCallWithoutSignInGetsA401ProblemDetailAndTheHealthStaysOpen() {
		this.anonymous.get()
			.uri("/api/digests")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Basic realm=\"Grapevine\"")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("HTTP Basic"));
		this.anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void anArchivePageWithoutSignInSendsTheBrowserToTheSignInForm() {
		this.anonymous.get()
			.uri("/digests")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/login");
		assertThat(IntegrationTestSupport.page(this.anonymous, "/login")).contains("name=\"username\"")
			.contains("name=\"_csrf\"");
	}

	@Test
	void thePagesNameWhoIsSignedInWithASignOutFormCarryingTheSessionsToken() {
		// Signing out itself is proven in web-security's tests and the dashboard's page
		// tests; here, that every archive page offers it.
		for (String page : List.of("/digests", "/digests/operations-1999-01-01")) {
			String html = this.member.get()
				.uri(page)
				.accept(MediaType.TEXT_HTML)
				.exchange()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(html).as(page)
				.contains("Signed in as <strong>" + TestUsers.MEMBER + "</strong>")
				.doesNotContain("(administrator)")
				.contains("<form method=\"post\" action=\"/logout\">")
				.containsPattern("name=\"_csrf\" value=\"[^\"]{20,}\"");
		}
	}

	@Test
	void anAdministratorIsMarkedSoOnThePages() {
		assertThat(IntegrationTestSupport.page(this.web, "/digests"))
			.contains("Signed in as <strong>" + TestUsers.ADMIN + "</strong><span> (administrator)</span>");
	}

	@Test
	void aWrongPasswordIsRefused() {
		this.anonymous.get()
			.uri("/api/digests")
			.headers((headers) -> headers.setBasicAuth(TestUsers.ADMIN, "not-the-password"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The user name or password is wrong");
	}

	@Test
	void aMemberReadsTheArchiveButRunningADigestNeedsAnAdministrator() {
		this.member.get().uri("/api/digests").exchange().expectStatus().isOk();
		this.member.get().uri("/digests").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
		this.member.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"department\": \"operations\"}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403)
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("POST /api/digests/run").contains("administrator"));
		assertThat(search.requests()).isEmpty();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void theSignedInUserIsShownWithTheirRoles() {
		this.web.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo(TestUsers.ADMIN)
			.jsonPath("$.roles")
			.value((roles) -> assertThat((List<Object>) roles).containsExactlyInAnyOrder("MEMBER", "ADMIN"));
	}

	@Test
	void theApplicationBuilderReadsDigestServiceYmlAndHonoursThePropertiesGivenToIt() {
		try (ConfigurableApplicationContext service = DigestApplication.application()
			.properties(Map.of("server.port", "0", "spring.elasticsearch.uris",
					LocalStackExtension.stack().elasticsearchUri().toString(), "spring.mail.port",
					String.valueOf(smtp.getSmtp().getPort()), "grapevine.organization-file", organizationFile(),
					"grapevine.digest.search-url", search.url().toString(), "grapevine.digest.schedule.enabled",
					"false", "OPS_SLACK_WEBHOOK", slack.url().toString(), "OPS_TEAMS_WEBHOOK", teams.url().toString(),
					"grapevine.alerts.enabled", "false"))
			.properties(TestUsers.properties())
			.run()) {
			assertThat(service.getEnvironment().getProperty("spring.application.name")).isEqualTo("digest-service");
			WebTestClient client = TestUsers.asAdmin(WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"))
				.responseTimeout(Duration.ofSeconds(30))
				.build());
			client.get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP");
			client.get()
				.uri("/v3/api-docs")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.paths['/api/digests/run'].post")
				.exists();
			client.post()
				.uri("/api/digests/run")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"department\": \"nowhere\"}")
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	private boolean exists(String id) {
		return Boolean.TRUE.equals(this.archive.exists(id).block());
	}

	private int archivedCount(String department) {
		return this.archive.list(java.util.Optional.of(department), 100).block().size();
	}

	private void forget(String... ids) throws IOException {
		IntegrationTestSupport.forget(this.elasticsearch, ids);
	}

	private String unsentOperationsDigest(Period day) throws IOException {
		String id = "operations-" + day.day();
		forget(id);
		return id;
	}

	private Department operations() {
		return this.organization.department("operations").orElseThrow();
	}

	private Mono<ArchivedDigest> sendOperations(Period day, String id) {
		return this.sender.send(operations(), day, id, ArchivedDigest.DAILY);
	}

	private void sendsAndArchives(Period day, String id) {
		StepVerifier.create(sendOperations(day, id))
			.assertNext((archived) -> assertThat(archived.id()).isEqualTo(id))
			.verifyComplete();
	}

	// Both members by email, and each chat channel once.
	private static void everyChannelTookItOnce() {
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		assertThat(slack.delivered()).hasSize(1);
		assertThat(teams.delivered()).hasSize(1);
	}

	private static String organizationFile() {
		return IntegrationTestSupport.organizationFile("""
				name: Harbor City Transit
				allStaff:
				  members: [%s]
				  timeZone: America/Los_Angeles
				  digestTime: "05:00"
				  digest: {daily: false, weekly: true, weeklyDay: SUNDAY}
				departments:
				  - id: operations
				    name: Operations
				    timeZone: Europe/London
				    digestTime: "07:30"
				    members: [%s, %s]
				    slackWebhook: ${OPS_SLACK_WEBHOOK}
				    teamsWebhook: ${OPS_TEAMS_WEBHOOK}
				    topics:
				      - id: delays
				        name: Delays and disruption
				        keywords: [delay, late]
				  - id: service-quality
				    name: Service Quality
				    timeZone: America/New_York
				    digestTime: "07:30"
				    digest: {daily: false, weekly: true, weeklyDay: SUNDAY}
				    members: [%s]
				    topics:
				      - id: cleanliness
				        name: Cleanliness
				        keywords: [dirty, clean]
				  - id: people
				    name: People and Hiring
				    timeZone: America/New_York
				    digestTime: "08:00"
				    topics:
				      - id: jobs
				        name: Jobs and hiring
				        keywords: [hiring]
				""".formatted(STAFF, OPS, CONTROLLER, QUALITY));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClockConfiguration {

		@Bean
		@Primary
		Clock testClock() {
			return clock;
		}

	}

}
