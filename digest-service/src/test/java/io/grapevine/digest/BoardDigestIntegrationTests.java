package io.grapevine.digest;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.digest.delivery.FakeChatWebhook;
import io.grapevine.digest.sending.DigestScheduler;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.localstack.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board's monthly digest over the real SMTP server (GreenMail), the real
 * Elasticsearch node of the local stack (archive and delivery ledger), fake Slack and
 * Teams webhooks and a fake search-service API.
 */
@ExtendWith(LocalStackExtension.class)
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=digest-service", "grapevine.digest.schedule.enabled=false",
				"grapevine.digest.public-url=https://grapevine.example.org", "grapevine.digest.delivery.attempts=2",
				"grapevine.digest.delivery.first-backoff=100ms", "grapevine.digest.delivery.max-backoff=200ms",
				"grapevine.digest.delivery.claim-lease=30s", "grapevine.alerts.enabled=false" })
class BoardDigestIntegrationTests {

	private static final String CHAIR = "chair@harborcity-transit.example";

	private static final String TREASURER = "treasurer@harborcity-transit.example";

	// November and October 2026 in London, where October ends on summer time.
	private static final String NOVEMBER = "2026-11-01T00:00:00Z";

	private static final String OCTOBER = "2026-09-30T23:00:00Z";

	// 1 December 08:30 in London, half an hour after the board's digest time.
	private static final Instant FIRST_OF_DECEMBER = Instant.parse("2026-12-01T08:30:00Z");

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(IntegrationTestSupport.smtpSetup())
		.withPerMethodLifecycle(false);

	static final FakeBoardSearch search = FakeBoardSearch.start();

	static final FakeChatWebhook slack = FakeChatWebhook.slack();

	static final FakeChatWebhook teams = FakeChatWebhook.teams();

	static final MutableClock clock = new MutableClock(FIRST_OF_DECEMBER);

	/** Signed in as an administrator, who may also run digests. */
	WebTestClient web;

	@Autowired
	void signIn(WebTestClient client) {
		this.web = TestUsers.asAdmin(client);
	}

	@Autowired
	DigestScheduler scheduler;

	@Autowired
	DigestArchive archive;

	@Autowired
	ElasticsearchClient elasticsearch;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		IntegrationTestSupport.register(registry, smtp);
		registry.add("grapevine.digest.search-url", () -> search.url().toString());
		registry.add("grapevine.organization-file", BoardDigestIntegrationTests::organizationFile);
		registry.add("BOARD_SLACK_WEBHOOK", () -> slack.url().toString());
		registry.add("BOARD_TEAMS_WEBHOOK", () -> teams.url().toString());
	}

	@AfterAll
	static void stopFakes() {
		search.close();
		slack.close();
		teams.close();
	}

	@BeforeEach
	void freshMonthMailboxAndWebhooks() throws Exception {
		clock.set(FIRST_OF_DECEMBER);
		smtp.purgeEmailFromAllMailboxes();
		search.reset();
		slack.reset();
		teams.reset();
		forget("board-2026-11");
		search.month(NOVEMBER, 600, 240, 120, Map.of("metro-link", 300L, "bay-ferries", 100L))
			.month(OCTOBER, 500, 200, 190, Map.of("metro-link", 500L))
			.department("trains", NOVEMBER, 400)
			.department("trains", OCTOBER, 300)
			.department("stations", NOVEMBER, 200)
			.department("stations", OCTOBER, 250)
			.widest(List.of(mention("9001", "Night buses <b>finally</b> back & running", 250_000),
					mention("9002", "The new ferry link is quicker than the 42", 90_000)));
	}

	@Test
	void runningTheBoardDigestEmailsTheBoardPostsToSlackAndTeamsAndArchivesItsFigures() throws Exception {
		Map<String, Object> digest = run("{\"kind\": \"board\"}");

		String id = (String) digest.get("id");
		assertThat(id).startsWith("board-2026-11-run-");
		assertThat(digest).containsEntry("kind", "board").containsEntry("departmentId", "board");
		assertThat(digest.get("subject"))
			.isEqualTo("Harbor City Transit · board digest · November 2026 · 600 mentions");
		assertThat(map(digest.get("period"))).containsEntry("rhythm", "monthly")
			.containsEntry("day", "2026-11-01")
			.containsEntry("last", "2026-11-30")
			.containsEntry("from", NOVEMBER)
			.containsEntry("to", "2026-12-01T00:00:00Z");
		assertThat(map(digest.get("figures"))).containsEntry("total", 600).containsEntry("previousTotal", 500);

		// What the digest asked search-service for: both months' share of voice, each
		// department's months, and the month's widest-reaching mentions of any
		// department.
		assertThat(search.requests()).filteredOn((request) -> request.path().equals("/api/analytics/share-of-voice"))
			.extracting((request) -> request.query().get("from"))
			.containsExactly(List.of(NOVEMBER), List.of(OCTOBER));
		assertThat(search.requests()).filteredOn((request) -> request.path().equals("/api/analytics/summary"))
			.anySatisfy((request) -> assertThat(request.query()).containsEntry("department", List.of("trains"))
				.containsEntry("from", List.of(NOVEMBER))
				.containsEntry("to", List.of("2026-12-01T00:00:00Z"))
				.containsEntry("zone", List.of("Europe/London")));
		assertThat(search.requests()).filteredOn((request) -> request.path().equals("/api/mentions"))
			.singleElement()
			.satisfies((request) -> assertThat(request.query()).containsEntry("sort", List.of("reach"))
				.containsEntry("department", List.of("trains", "stations"))
				.containsEntry("owned", List.of("false"))
				.containsEntry("from", List.of(NOVEMBER)));

		assertThat(smtp.waitForIncomingEmail(30_000, 2)).isTrue();
		MimeMessage[] messages = smtp.getReceivedMessages();
		assertThat(messages).hasSize(2);
		assertThat(Arrays.stream(messages[0].getAllRecipients()).map(Address::toString))
			.containsExactlyInAnyOrder(CHAIR, TREASURER);
		assertThat(messages[0].getSubject()).isEqualTo(digest.get("subject"));
		MimeMultipart alternative = (MimeMultipart) messages[0].getContent();
		String text = ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
		String html = ((String) alternative.getBodyPart(1).getContent()).replace("\r\n", "\n");
		assertThat(text).contains("\n600 mentions in November 2026, up 20% from 500 in October.\n")
			.contains("\nSentiment of the 600 mentions judged: 40% positive, 20% negative; "
					+ "negative down from 38% in October.\n")
			.contains("- Harbor City Transit: 60% (600 mentions), up 10 points from 50% in October; "
					+ "40% positive, 20% negative\n")
			.contains("- Metro Link: 30% (300 mentions), down 20 points from 50% in October; ")
			.contains("- Bay Ferries: 10% (100 mentions), up from no mentions in October; ")
			.contains("- Trains: 400 mentions, up 33% from 300 in October; ")
			.contains("- Stations: 200 mentions, down 20% from 250 in October; ")
			.contains("Night buses <b>finally</b> back & running")
			.contains("https://x.com/board_watch/status/9001")
			.contains("https://grapevine.example.org/digests/" + id);
		assertThat(text.indexOf("9001")).isLessThan(text.indexOf("9002"));
		assertThat(html).contains("Night buses &lt;b&gt;finally&lt;/b&gt; back &amp; running")
			.doesNotContain("<b>finally")
			.contains("Share of voice")
			.contains("href=\"https://grapevine.example.org/digests/" + id + "\"");

		assertThat(slack.delivered()).singleElement().satisfies((message) -> {
			assertThat(message.path("text").asText()).isEqualTo(digest.get("subject"));
			assertThat(message.toString()).contains("Share of voice")
				.contains("Metro Link")
				.contains("Night buses &lt;b&gt;finally&lt;/b&gt; back &amp; running");
		});
		assertThat(teams.delivered()).singleElement()
			.satisfies((message) -> assertThat(message.at("/attachments/0/content/version").asText()).isEqualTo("1.4"));

		ObjectNode stored = this.elasticsearch.get((get) -> get.index(DigestArchive.INDEX).id(id), ObjectNode.class)
			.source();
		JsonNode voices = stored.path("board").path("shareOfVoice");
		assertThat(voices).extracting((voice) -> voice.path("key").asText())
			.containsExactly("organization", "metro-link", "bay-ferries");
		assertThat(voices.get(0).path("percent").asInt()).isEqualTo(60);
		assertThat(stored.path("board").path("departments").get(0).path("previousMentions").asLong()).isEqualTo(300);
		List<Map<String, Object>> listed = IntegrationTestSupport.list(this.web, "/api/digests?kind=board");
		assertThat(listed).extracting((listedDigest) -> listedDigest.get("id")).contains(id);
		assertThat(IntegrationTestSupport.page(this.web, "/digests/{id}", id)).contains("November 2026")
			.contains("<span class=\"pill\">on request</span>");
		String row = IntegrationTestSupport.page(this.web, "/digests?kind=board");
		row = row.substring(row.indexOf("/digests/" + id));
		assertThat(row.substring(0, row.indexOf("</tr>"))).contains("on request");
	}

	@Test
	void theScheduleSendsLastMonthsBoardDigestOnceFromItsTimeOnTheFirstDay() {
		clock.set(Instant.parse("2026-12-01T07:59:00Z"));
		StepVerifier.create(this.scheduler.sendDue().filter((archived) -> archived.kind().equals("board")))
			.verifyComplete();
		assertThat(slack.requests()).isEmpty();

		clock.set(Instant.parse("2026-12-01T08:00:00Z"));
		StepVerifier.create(this.scheduler.sendDue().filter((archived) -> archived.kind().equals("board")))
			.assertNext((archived) -> {
				assertThat(archived.id()).isEqualTo("board-2026-11");
				assertThat(archived.sentOnRequest()).isFalse();
			})
			.verifyComplete();
		assertThat(IntegrationTestSupport.page(this.web, "/digests/{id}", "board-2026-11"))
			.contains("<span class=\"pill\">scheduled</span>");
		clock.set(Instant.parse("2026-12-02T09:00:00Z"));
		StepVerifier.create(this.scheduler.sendDue().filter((archived) -> archived.kind().equals("board")))
			.verifyComplete();

		assertThat(smtp.waitForIncomingEmail(30_000, 2)).isTrue();
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		assertThat(slack.delivered()).hasSize(1);
		assertThat(teams.delivered()).hasSize(1);
	}

	@Test
	void aChannelThatRefusedTheDigestIsTheOnlyOneSentAgainAndTheDigestIsArchivedOnceAllTookIt() {
		slack.thenAnswer(500, "internal_error", null).thenAnswer(500, "internal_error", null);

		StepVerifier.create(this.scheduler.sendDue().filter((archived) -> archived.kind().equals("board")))
			.verifyComplete();
		assertThat(this.archive.exists("board-2026-11").block()).isFalse();
		assertThat(slack.delivered()).isEmpty();

		StepVerifier.create(this.scheduler.sendDue().filter((archived) -> archived.kind().equals("board")))
			.assertNext((archived) -> assertThat(archived.id()).isEqualTo("board-2026-11"))
			.verifyComplete();
		assertThat(smtp.waitForIncomingEmail(30_000, 2)).isTrue();
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		assertThat(slack.delivered()).hasSize(1);
		assertThat(teams.delivered()).hasSize(1);
	}

	@Test
	void aRunUnlessSentSendsTheMonthsDigestOnceUnderItsScheduledIdAndAnswersItAgainAfter() {
		Map<String, Object> first = run("{\"kind\": \"board\", \"unlessSent\": true}");
		Map<String, Object> again = run("{\"kind\": \"board\", \"unlessSent\": true}");

		assertThat(first.get("id")).isEqualTo("board-2026-11");
		assertThat(again.get("id")).isEqualTo("board-2026-11");
		assertThat(again.get("sentAt")).isEqualTo(first.get("sentAt"));
		assertThat(smtp.waitForIncomingEmail(30_000, 2)).isTrue();
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		assertThat(slack.delivered()).hasSize(1);
		assertThat(teams.delivered()).hasSize(1);
		// The schedule finds the month sent and sends nothing more.
		StepVerifier.create(this.scheduler.sendDue().filter((archived) -> archived.kind().equals("board")))
			.verifyComplete();
		assertThat(slack.delivered()).hasSize(1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void runningTheBoardAsAnAudienceSendsLastMonthOrTheMonthOfADate() {
		Map<String, Object> digest = run("{\"audience\": \"board\"}");

		assertThat((String) digest.get("id")).startsWith("board-2026-11-run-");
		assertThat(digest.get("kind")).isEqualTo("board");
		assertThat((Map<String, Object>) digest.get("period")).containsEntry("rhythm", "monthly")
			.containsEntry("day", "2026-11-01");
		assertThat(smtp.waitForIncomingEmail(30_000, 2)).isTrue();
		assertThat(slack.delivered()).hasSize(1);

		Map<String, Object> october = run("{\"audience\": \"board\", \"period\": \"month\", \"date\": \"2026-10-15\"}");
		assertThat((String) october.get("id")).startsWith("board-2026-10-run-");
		assertThat((String) october.get("subject")).contains("October 2026");
		assertThat(search.requests()).anySatisfy((request) -> assertThat(request.toString()).contains(OCTOBER));

		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"audience\": \"board\", \"period\": \"week\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].pointer")
			.isEqualTo("#/period")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("the board's digest covers a calendar month"));
		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"audience\": \"board\", \"date\": \"2026-12-01\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("December 2026").contains("has not ended yet"));
	}

	@Test
	void aBoardDigestForADepartmentOrAnAudienceIsRefusedSayingWhatToSend() {
		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"department\": \"trains\", \"kind\": \"board\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("{\"kind\": \"board\"} alone"));
		this.web.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"audience\": \"all-staff\", \"kind\": \"board\"}")
			.exchange()
			.expectStatus()
			.isBadRequest();
		assertThat(search.requests()).isEmpty();
	}

	private Map<String, Object> run(String body) {
		return IntegrationTestSupport.runDigest(this.web, body);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	private static Mention mention(String nativeId, String text, long followers) {
		return Mention.builder("x", nativeId)
			.url(URI.create("https://x.com/board_watch/status/" + nativeId))
			.text(text)
			.author(Author.of("board_watch", "Board Watch", followers))
			.publishedAt(Instant.parse("2026-11-12T09:12:00Z"))
			.language("en")
			.engagement(new Engagement(40, 3, 4))
			.build()
			.withTags(List.of("night-buses"), List.of("trains"));
	}

	private void forget(String... ids) throws IOException {
		IntegrationTestSupport.forget(this.elasticsearch, ids);
	}

	private static String organizationFile() {
		return IntegrationTestSupport.organizationFile("""
				name: Harbor City Transit
				board:
				  members: [%s, %s]
				  slackWebhook: ${BOARD_SLACK_WEBHOOK}
				  teamsWebhook: ${BOARD_TEAMS_WEBHOOK}
				  timeZone: Europe/London
				  digestTime: "08:00"
				competitors:
				  - {id: metro-link, name: Metro Link, keywords: [metro link]}
				  - {id: bay-ferries, name: Bay Ferries, keywords: [ferry]}
				departments:
				  - id: trains
				    name: Trains
				    timeZone: Europe/London
				    digestTime: "23:59"
				    topics:
				      - {id: night-buses, name: Night buses, keywords: [night bus]}
				  - id: stations
				    name: Stations
				    timeZone: Europe/London
				    digestTime: "23:59"
				    topics:
				      - {id: lifts, name: Lifts, keywords: [lift]}
				""".formatted(CHAIR, TREASURER));
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
