package io.grapevine.search;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import co.elastic.clients.elasticsearch._types.Refresh;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who answers, against the real Elasticsearch: actions and their refusals, the default
 * assignment by topic owner, the history, the queue, the summary and re-indexing.
 */
@TestInstance(Lifecycle.PER_CLASS)
class HandlingIntegrationTests extends LiveStackTestSupport {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	// February 2019: one mention per test of actions, of safety (operations) or no topic.
	private final Mention safety = mention("safe", "2019-02-01T10:00:00Z", "safety", "operations", 10);

	private final Mention untagged = mention("none", "2019-02-01T11:00:00Z", null, null, 10);

	private final Mention refused = mention("refused", "2019-02-01T12:00:00Z", "safety", "operations", 10);

	private final Mention dismissed = mention("dismissed", "2019-02-01T13:00:00Z", "brand", "communications", 10);

	private final Mention history = mention("history", "2019-02-01T14:00:00Z", "fares", "communications", 10);

	private final Mention replayed = mention("replayed", "2019-02-01T15:00:00Z", "safety", "operations", 10);

	// July 2018 holds only this one, whose index stops refreshing in its test.
	private final Mention raced = mention("raced", "2018-07-01T10:00:00Z", "safety", "operations", 10);

	// April 2019: the queue of customer service.
	private final Mention quiet = mention("quiet", "2019-04-01T10:00:00Z", "accessibility", "customer-service", 10);

	private final Mention loud = mention("loud", "2019-04-02T10:00:00Z", "accessibility", "customer-service", 300);

	private final Mention middle = mention("middle", "2019-04-03T10:00:00Z", "accessibility", "customer-service", 30);

	private final Mention answered = mention("answered", "2019-04-04T10:00:00Z", "accessibility", "customer-service",
			1000);

	// The people department's mentions (topic jobs), which only the summary's test acts
	// on.
	private final List<Mention> jobs = List.of(mention("job1", "2019-05-01T10:00:00Z", "jobs", "people", 1),
			mention("job2", "2019-05-02T10:00:00Z", "jobs", "people", 1),
			mention("job3", "2019-05-03T10:00:00Z", "jobs", "people", 1),
			mention("job4", "2019-05-04T10:00:00Z", "jobs", "people", 1),
			mention("job5", "2019-05-05T10:00:00Z", "jobs", "people", 1),
			mention("job6", "2019-05-06T10:00:00Z", "jobs", "people", 1),
			mention("job7", "2019-05-07T10:00:00Z", "jobs", "people", 1),
			mention("job8", "2019-05-08T10:00:00Z", "jobs", "people", 1));

	private Mention mention(String name, String publishedAt, String topic, String department, double reach) {
		Mention mention = TestMentions.mention("x", "handling-" + this.run + "-" + name, "A word about " + name,
				Instant.parse(publishedAt), Author.of("rider_" + name), new Engagement(1, 0, 0), "en",
				(topic != null) ? List.of(topic) : List.of(), (department != null) ? List.of(department) : List.of());
		return mention.withEnrichment(mention.language(), Optional.empty(), Optional.empty(), Optional.of(reach));
	}

	@BeforeAll
	void indexFixtures() {
		List<Mention> all = new ArrayList<>(List.of(this.safety, this.untagged, this.refused, this.dismissed,
				this.history, this.replayed, this.raced, this.quiet, this.loud, this.middle, this.answered));
		all.addAll(this.jobs);
		Mention[] mentions = all.toArray(Mention[]::new);
		publish(mentions);
		awaitIndexed(mentions);
	}

	@Test
	void aMentionNobodyHasActedOnIsOpenWithTheDepartmentsThatOwnItsTopics() {
		Map<String, Object> handling = getJson("/api/mentions/{id}/handling", this.safety.id());
		assertThat(handling).containsEntry("mentionId", this.safety.id()).containsEntry("history", List.of());
		assertThat(map(handling.get("handling"))).containsEntry("state", "open")
			.containsEntry("departments", List.of("operations"))
			.containsEntry("since", this.safety.publishedAt().toString())
			.containsKey("waitingSeconds")
			.doesNotContainKeys("assignee", "answeredBy", "updatedAt");
		Map<String, Object> nobody = map(getJson("/api/mentions/{id}/handling", this.untagged.id()).get("handling"));
		assertThat(nobody).containsEntry("state", "open").containsEntry("departments", List.of());
	}

	@Test
	void answeringNeedsAnHttpLinkAndRecordsWhoAnsweredAndWhen() {
		assertProblem(act(this.refused, "amy", Map.of("action", "answer")), 400, "answerUrl", "needs 'answerUrl'");
		assertProblem(act(this.refused, "amy", Map.of("action", "answer", "answerUrl", "ftp://example.org/a")), 400,
				"answerUrl", "http or https");
		assertProblem(act(this.refused, "amy", Map.of("action", "answer", "answerUrl", "/status/1")), 400, "answerUrl",
				"http or https");
		assertProblem(act(this.refused, "amy", Map.of("action", "shout")), 400, "action", "'shout'");
		assertProblem(act(this.refused, "amy", Map.of("action", "escalate", "department", "marketing", "reason", "x")),
				400, "department", "no department 'marketing'");
		assertProblem(act(this.refused, "amy", Map.of("action", "escalate", "department", "operations", "reason", "x")),
				400, "department", "already with 'operations'");
		assertProblem(act(this.refused, "amy", Map.of("action", "dismiss")), 400, "reason", "needs a 'reason'");

		Instant before = Instant.now();
		Map<String, Object> handling = body(
				act(this.refused, "amy", Map.of("action", "answer", "answerUrl", "https://x.com/hct/status/42")));
		assertThat(handling).containsEntry("state", "answered")
			.containsEntry("answeredBy", "amy")
			.containsEntry("answerUrl", "https://x.com/hct/status/42")
			.containsEntry("departments", List.of("operations"))
			.doesNotContainKey("waitingSeconds");
		assertThat(Instant.parse((String) handling.get("answeredAt"))).isBetween(before, Instant.now());

		List<Map<String, Object>> history = history(this.refused);
		assertThat(history).singleElement()
			.satisfies((action) -> assertThat(action).containsEntry("action", "answer")
				.containsEntry("actor", "amy")
				.containsEntry("state", "answered")
				.containsEntry("answerUrl", "https://x.com/hct/status/42")
				.containsEntry("at", handling.get("answeredAt")));
	}

	@Test
	void anUnknownMentionIsNotFoundAndAnActionWithoutASignedInUserIsRefused() {
		assertProblem(act("x:handling-no-such-mention", "amy", Map.of("action", "dismiss", "reason", "spam")), 404,
				null, "no mention 'x:handling-no-such-mention'");
		this.web.get()
			.uri("/api/mentions/{id}/handling", "x:handling-no-such-mention")
			.exchange()
			.expectStatus()
			.isNotFound();
		ResponseSpec anonymous = this.anonymous.post()
			.uri("/api/mentions/{id}/actions", this.safety.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "dismiss", "reason", "spam"))
			.exchange();
		assertProblem(anonymous, 401, null, "Sign in");
		assertThat(map(getJson("/api/mentions/{id}/handling", this.safety.id()).get("handling"))).containsEntry("state",
				"open");
	}

	@Test
	void anActionTheStateDoesNotAllowIsAConflictUntilTheMentionIsReopened() {
		body(act(this.dismissed, "amy", Map.of("action", "dismiss", "reason", "a bot")));
		ResponseSpec answer = act(this.dismissed, "bob", Map.of("action", "answer", "answerUrl", "https://x.com/a"));
		assertProblem(answer, 409, null, "dismissed; reopen it");
		assertThat(problem(act(this.dismissed, "bob", Map.of("action", "answer", "answerUrl", "https://x.com/a"))))
			.containsEntry("type", "https://grapevine.io/problems/invalid-transition");

		assertThat(body(act(this.dismissed, "bob", Map.of("action", "reopen", "reason", "a person after all"))))
			.containsEntry("state", "reopened")
			.containsKey("waitingSeconds");
		assertThat(body(act(this.dismissed, "bob", Map.of("action", "answer", "answerUrl", "https://x.com/a"))))
			.containsEntry("state", "answered")
			.containsEntry("answeredBy", "bob");
		assertProblem(act(this.dismissed, "bob", Map.of("action", "assign", "assignee", "carol")), 409, null,
				"answered; reopen it");
	}

	@Test
	void aChangeToTheMentionSinceItWasReadIsAConflict() throws Exception {
		String index = "mentions-2018.07";
		// With refreshes off, search still sees the version before the change below.
		this.elasticsearch.indices()
			.putSettings((settings) -> settings.index(index).settings((s) -> s.refreshInterval((t) -> t.time("-1"))));
		try {
			this.elasticsearch.update((update) -> update.index(index)
				.id(this.raced.id())
				.doc(Map.of("handling",
						Map.of("state", "assigned", "department", List.of("operations"), "assignee", "dora", "since",
								this.raced.ingestedAt().toString())))
				.refresh(Refresh.False), Map.class);

			ResponseSpec stale = act(this.raced, "amy", Map.of("action", "dismiss", "reason", "spam"));
			assertProblem(stale, 409, null, "changed while this action was taken");
		}
		finally {
			this.elasticsearch.indices()
				.putSettings(
						(settings) -> settings.index(index).settings((s) -> s.refreshInterval((t) -> t.time("1s"))));
			this.elasticsearch.indices().refresh((refresh) -> refresh.index(index));
		}
		assertThat(history(this.raced)).isEmpty();
		assertThat(body(act(this.raced, "amy", Map.of("action", "dismiss", "reason", "spam"))))
			.containsEntry("state", "dismissed")
			.containsEntry("assignee", "dora");
	}

	@Test
	void theHistoryKeepsEveryActionNewestFirstWithItsActorAndTime() {
		body(act(this.history, "amy", Map.of("action", "assign", "assignee", "amy")));
		body(act(this.history, "amy",
				Map.of("action", "escalate", "department", "operations", "reason", "about the trams, not fares")));
		Map<String, Object> assigned = body(
				act(this.history, "bob", Map.of("action", "assign", "department", "operations", "assignee", "bob")));
		assertThat(assigned).containsEntry("state", "assigned")
			.containsEntry("departments", List.of("operations"))
			.containsEntry("assignee", "bob")
			// still waiting since it was published, not since it was handed on
			.containsEntry("since", this.history.publishedAt().toString());
		body(act(this.history, "bob", Map.of("action", "answer", "answerUrl", "https://x.com/hct/status/7")));

		List<Map<String, Object>> history = history(this.history);
		assertThat(history).extracting((action) -> action.get("action"))
			.containsExactly("answer", "assign", "escalate", "assign");
		assertThat(history).extracting((action) -> action.get("actor")).containsExactly("bob", "bob", "amy", "amy");
		assertThat(history).extracting((action) -> action.get("state"))
			.containsExactly("answered", "assigned", "escalated", "assigned");
		assertThat(history.get(2)).containsEntry("department", "operations")
			.containsEntry("departments", List.of("communications"))
			.containsEntry("reason", "about the trams, not fares");
		List<Instant> times = history.stream().map((action) -> Instant.parse((String) action.get("at"))).toList();
		assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
		assertThat(times.get(times.size() - 1)).isAfterOrEqualTo(this.started);
	}

	@Test
	void indexingAMentionAgainKeepsItsHandlingAndTakesItsNewFields() throws Exception {
		body(act(this.replayed, "amy", Map.of("action", "answer", "answerUrl", "https://x.com/hct/status/9")));
		String word = "edited" + this.run;
		Mention edited = new Mention(this.replayed.schemaVersion(), this.replayed.id(), this.replayed.source(),
				this.replayed.nativeId(), this.replayed.url(), "A word about replays, " + word, this.replayed.author(),
				this.replayed.publishedAt(), this.replayed.ingestedAt(), Optional.empty(), new Engagement(9, 9, 9),
				this.replayed.inReplyTo(), this.replayed.matchedBy(), this.replayed.topics(),
				this.replayed.departments(), this.replayed.sentiment(), this.replayed.clusterId(),
				this.replayed.reach());
		publish(edited);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> total(getJson("/api/mentions?q={q}", word)) == 1);

		Map<String, Object> page = getJson("/api/mentions?q={q}", word);
		Map<String, Object> found = map(((List<?>) page.get("mentions")).get(0));
		assertThat(map(found.get("mention"))).doesNotContainKey("language");
		assertThat(map(map(found.get("mention")).get("engagement"))).containsEntry("likes", 9);
		assertThat(map(found.get("handling"))).containsEntry("state", "answered")
			.containsEntry("answeredBy", "amy")
			.containsEntry("answerUrl", "https://x.com/hct/status/9");
		assertThat(total(getJson("/api/mentions?language=en&q={q}", word))).isZero();
		assertThat(countById(this.replayed.id())).isOne();
	}

	@Test
	void theQueueListsADepartmentsWaitingMentionsWidestReachFirst() {
		body(act(this.answered, "erin", Map.of("action", "answer", "answerUrl", "https://x.com/hct/status/11")));
		String april = "from=2019-04-01T00:00:00Z&to=2019-05-01T00:00:00Z";

		Map<String, Object> queue = getJson("/api/handling?department=customer-service&" + april);
		assertThat(mentionIds(queue)).containsExactly(this.loud.id(), this.middle.id(), this.quiet.id());
		assertThat(handlings(queue)).allSatisfy((handling) -> assertThat(handling).containsEntry("state", "open")
			.containsEntry("departments", List.of("customer-service"))
			.containsKey("waitingSeconds"));
		assertThat(mentionIds(getJson("/api/handling?department=operations&" + april))).isEmpty();

		Map<String, Object> done = getJson("/api/handling?department=customer-service&state=answered&" + april);
		assertThat(mentionIds(done)).containsExactly(this.answered.id());
		assertThat(handlings(done).get(0)).containsEntry("answeredBy", "erin").doesNotContainKey("waitingSeconds");

		Map<String, Object> first = getJson("/api/handling?department=customer-service&size=2&" + april);
		assertThat(mentionIds(first)).containsExactly(this.loud.id(), this.middle.id());
		assertThat(mentionIds(getJson(
				"/api/handling?department=customer-service&size=2&" + april + "&cursor=" + first.get("nextCursor"))))
			.containsExactly(this.quiet.id());

		assertProblem("/api/handling?department=marketing", "department");
		assertProblem("/api/handling?state=forgotten", "state");
	}

	@Test
	void theMentionsSearchFiltersByHandlingAndTheDepartmentThatHoldsTheMention() {
		body(act(this.middle, "erin", Map.of("action", "escalate", "department", "operations", "reason", "a lift")));
		String april = "from=2019-04-01T00:00:00Z&to=2019-05-01T00:00:00Z";
		try {
			assertThat(mentionIds(getJson("/api/mentions?handling=open&department=customer-service&" + april)))
				.containsExactly(this.loud.id(), this.quiet.id());
			assertThat(mentionIds(getJson("/api/mentions?handling=open&department=operations&" + april)))
				.containsExactly(this.middle.id());
			assertThat(mentionIds(getJson("/api/mentions?handling=escalated&" + april)))
				.containsExactly(this.middle.id());
			// Without handling, department still selects by the mention's tags.
			assertThat(mentionIds(getJson("/api/mentions?department=customer-service&" + april)))
				.contains(this.middle.id());
			assertThat(handlings(getJson("/api/mentions?" + april)))
				.allSatisfy((handling) -> assertThat(handling).containsKeys("state", "departments", "since"));
			assertProblem("/api/mentions?handling=lost", "handling");
		}
		finally {
			body(act(this.middle, "erin",
					Map.of("action", "assign", "department", "customer-service", "assignee", "erin")));
		}
	}

	@Test
	void theSummaryCountsWhatWaitsNowAndTheActionsOfThePeriod() {
		List<Mention> job = this.jobs;
		body(act(job.get(0), "amy", Map.of("action", "answer", "answerUrl", "https://x.com/1")));
		body(act(job.get(1), "bob", Map.of("action", "answer", "answerUrl", "https://x.com/2")));
		body(act(job.get(2), "amy", Map.of("action", "answer", "answerUrl", "https://x.com/3")));
		body(act(job.get(3), "amy", Map.of("action", "dismiss", "reason", "an advert")));
		body(act(job.get(4), "bob", Map.of("action", "escalate", "department", "operations", "reason", "a driver")));
		body(act(job.get(7), "bob", Map.of("action", "assign", "assignee", "bob")));
		String period = "from=" + this.started.minus(1, ChronoUnit.MINUTES) + "&to="
				+ Instant.now().plus(1, ChronoUnit.HOURS);

		Instant before = Instant.now();
		Map<String, Object> summary = getJson("/api/handling/summary?department=people&" + period);
		Instant after = Instant.now();
		// job6, job7 and job8 wait, since they were published.
		assertThat(summary).containsEntry("department", "people")
			.containsEntry("open", 3)
			.containsEntry("answered", 3)
			.containsEntry("dismissed", 1)
			.containsEntry("escalated", 1)
			.containsEntry("answeredBy",
					List.of(Map.of("actor", "amy", "count", 2), Map.of("actor", "bob", "count", 1)));
		assertThat(((Number) summary.get("longestWaitSeconds")).longValue()).isBetween(waited(job.get(5), before),
				waited(job.get(5), after));
		assertThat(((Number) summary.get("medianWaitSeconds")).longValue()).isBetween(waited(job.get(6), before),
				waited(job.get(6), after));

		Map<String, Object> past = getJson(
				"/api/handling/summary?department=people&from=2019-01-01T00:00:00Z&to=2019-02-01T00:00:00Z");
		assertThat(past).containsEntry("open", 3)
			.containsEntry("answered", 0)
			.containsEntry("dismissed", 0)
			.containsEntry("escalated", 0)
			.containsEntry("answeredBy", List.of());
		assertProblem("/api/handling/summary?department=marketing", "department");
	}

	private static long waited(Mention mention, Instant now) {
		return Duration.between(mention.publishedAt(), now).toSeconds();
	}

	private ResponseSpec act(Mention mention, String actor, Map<String, String> action) {
		return act(mention.id(), actor, action);
	}

	private ResponseSpec act(String mentionId, String actor, Map<String, String> action) {
		return this.web.post()
			.uri("/api/mentions/{id}/actions", mentionId)
			.headers((headers) -> headers.setBasicAuth(actor, TestUsers.MEMBER_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(action)
			.exchange();
	}

	private static Map<String, Object> body(ResponseSpec response) {
		return response.expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
	}

	private static Map<String, Object> problem(ResponseSpec response) {
		return response.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	private static void assertProblem(ResponseSpec response, int status, String field, String detail) {
		Map<String, Object> problem = problem(response.expectStatus().isEqualTo(status));
		assertThat(problem).containsEntry("status", status);
		assertThat((String) problem.get("detail")).contains(detail);
		if (field != null) {
			assertThat(problem).containsEntry("field", field);
		}
	}

	private List<Map<String, Object>> history(Mention mention) {
		return maps(getJson("/api/mentions/{id}/handling", mention.id()).get("history"));
	}

	private static long total(Map<String, Object> page) {
		return ((Number) page.get("total")).longValue();
	}

	private static List<Map<String, Object>> handlings(Map<String, Object> page) {
		return maps(page.get("mentions")).stream().map((found) -> map(found.get("handling"))).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> maps(Object value) {
		return (List<Map<String, Object>>) value;
	}

}
