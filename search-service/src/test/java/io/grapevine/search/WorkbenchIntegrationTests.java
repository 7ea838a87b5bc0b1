package io.grapevine.search;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.handling.Urgency;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a comms team works with beside the list of results: the facets that narrow a
 * search, the queue in the order of urgency with its filters, acting on several mentions
 * at once, the people to assign to, and what the organization said.
 */
@TestInstance(Lifecycle.PER_CLASS)
class WorkbenchIntegrationTests extends LiveStackTestSupport {

	private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	// A topic of their own, so the queue of these tests holds these mentions alone.
	private final String queue = "queue" + this.run;

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	// Urgency: reach + 2 negative + 2 question + 1 past 4 h + 1 past a day.
	private final Mention wide = mention("a", 6.0, null, false, this.now.minus(1, ChronoUnit.HOURS)); // 6

	private final Mention angryQuestion = mention("b", 3.0, Sentiment.NEGATIVE, true,
			this.now.minus(30, ChronoUnit.HOURS)); // 9

	private final Mention angry = mention("c", 1.0, Sentiment.NEGATIVE, false, this.now.minus(5, ChronoUnit.HOURS)); // 4

	private final Mention question = mention("d", null, Sentiment.NEUTRAL, true,
			this.now.minus(10, ChronoUnit.MINUTES)); // 2

	private final Mention old = mention("e", 4.0, Sentiment.POSITIVE, false, this.now.minus(2, ChronoUnit.DAYS)); // 6

	private final Mention ours = TestMentions
		.mention("x", "f" + this.run, "Our own update " + this.run + ": lifts at Pier Street work again",
				this.now.minus(2, ChronoUnit.HOURS), Author.of("hctransit"), new Engagement(900, 90, 9), "en",
				List.of(this.queue, "accessibility"), List.of("customer-service"))
		.withEnrichment(Optional.of("en"), Optional.of(new SentimentScore(0.6, Sentiment.POSITIVE)), Optional.empty(),
				Optional.of(7.5));

	@BeforeAll
	void indexTheQueue() {
		Mention[] all = { this.wide, this.angryQuestion, this.angry, this.question, this.old, this.ours };
		publish(all);
		awaitIndexed(all);
	}

	@Test
	void theQueueComesMostUrgentFirstAndSaysWhy() {
		Map<String, Object> page = getJson("/api/handling?topic={t}&size=10", this.queue);
		assertThat(mentionIds(page)).containsExactly(this.angryQuestion.id(), this.old.id(), this.wide.id(),
				this.angry.id(), this.question.id());
		Map<String, Object> first = list(page, "mentions").get(0);
		assertThat(map(first, "urgency")).containsEntry("score", 9.0)
			.containsEntry("reasons", List.of("reach 3.0", "negative", "asks a question", "waiting over a day"));
		assertThat(((Number) map(first, "handling").get("waitingSeconds")).longValue()).as("counted from publication")
			.isGreaterThanOrEqualTo(30 * 3600);
	}

	@Test
	void theQueuePagesInTheOrderOfUrgency() {
		Map<String, Object> first = getJson("/api/handling?topic={t}&size=2", this.queue);
		assertThat(mentionIds(first)).containsExactly(this.angryQuestion.id(), this.old.id());
		Map<String, Object> second = getJson("/api/handling?topic={t}&size=2&cursor={cursor}", this.queue,
				first.get("nextCursor"));
		assertThat(mentionIds(second)).containsExactly(this.wide.id(), this.angry.id());
		Map<String, Object> third = getJson("/api/handling?topic={t}&size=2&cursor={cursor}", this.queue,
				second.get("nextCursor"));
		assertThat(mentionIds(third)).containsExactly(this.question.id());
		assertThat(third).doesNotContainKey("nextCursor");
	}

	@Test
	void aMentionThatPassesFourHoursOfWaitingBetweenTwoPagesIsNeitherSkippedNorShownTwice() throws Exception {
		String topic = "crossing" + this.run;
		// Four hours of waiting reached 20 s from now: after the first page, before the
		// second.
		Instant published = Instant.now().minus(Urgency.WAITS.get(0)).plusSeconds(20);
		// 5.5 on the first page; 6.5 once it has waited four hours, above the 6.0 already
		// shown.
		Mention nearlyOld = TestMentions
			.mention("x", "g" + this.run, "The " + this.run + " ferry g is late", published, Author.of("rider_g"),
					Engagement.NONE, "en", List.of(topic), List.of("operations"))
			.withEnrichment(Optional.of("en"), Optional.empty(), Optional.empty(), Optional.of(5.5));
		Mention recent = TestMentions
			.mention("x", "h" + this.run, "The " + this.run + " ferry h is late",
					Instant.now().minus(1, ChronoUnit.HOURS), Author.of("rider_h"), Engagement.NONE, "en",
					List.of(topic), List.of("operations"))
			.withEnrichment(Optional.of("en"), Optional.empty(), Optional.empty(), Optional.of(6.0));
		publish(nearlyOld, recent);
		awaitIndexed(nearlyOld, recent);

		Map<String, Object> first = getJson("/api/handling?topic={t}&size=1", topic);
		assertThat(mentionIds(first)).containsExactly(recent.id());
		long wait = Duration.between(Instant.now(), published.plus(Urgency.WAITS.get(0))).toMillis() + 500;
		Thread.sleep(Math.max(0, wait));
		Map<String, Object> second = getJson("/api/handling?topic={t}&size=1&cursor={cursor}", topic,
				first.get("nextCursor"));
		assertThat(mentionIds(second)).as("the rest of the list as it was when its first page was read")
			.containsExactly(nearlyOld.id());
		assertThat(map(list(second, "mentions").get(0), "urgency")).containsEntry("score", 5.5);
		// A list read again from its start scores it as of now.
		assertThat(mentionIds(getJson("/api/handling?topic={t}&size=2", topic))).containsExactly(nearlyOld.id(),
				recent.id());
	}

	@Test
	void theQueueFiltersBySentimentQuestionReachAndTopic() {
		assertThat(mentionIds(getJson("/api/handling?topic={t}&sentiment=negative", this.queue)))
			.containsExactly(this.angryQuestion.id(), this.angry.id());
		assertThat(mentionIds(getJson("/api/handling?topic={t}&question=true", this.queue)))
			.containsExactly(this.angryQuestion.id(), this.question.id());
		assertThat(mentionIds(getJson("/api/handling?topic={t}&question=false&minReach=3.5", this.queue)))
			.containsExactly(this.old.id(), this.wide.id());
		assertThat(mentionIds(getJson("/api/handling?topic=safety&minReach=0.5&sentiment=negative&question=false")))
			.contains(this.angry.id());
		assertThat(mentionIds(getJson("/api/handling?topic={t}&sort=reach", this.queue))).startsWith(this.wide.id(),
				this.old.id());
		assertProblem("/api/handling?sentiment=furious", "sentiment");
		assertProblem("/api/handling?minReach=-1", "minReach");
		assertProblem("/api/handling?question=maybe", "question");
		assertProblem("/api/handling?sort=loudest", "sort");
	}

	@Test
	void facetsCountTheMatchesByEachValueAndTheirKeysNarrowTheSearch() {
		Map<String, Object> facets = getJson("/api/mentions/facets?topic={t}", this.queue);
		assertThat(facets).containsEntry("total", 6);
		Map<String, Object> counts = map(facets, "facets");
		assertThat(counts).containsOnlyKeys("source", "language", "sentiment", "topic", "department", "competitor",
				"owned");
		assertThat(list(counts, "sentiment")).contains(Map.of("key", "negative", "count", 2),
				Map.of("key", "positive", "count", 2), Map.of("key", "neutral", "count", 1));
		assertThat(list(counts, "owned")).contains(Map.of("key", "true", "count", 1),
				Map.of("key", "false", "count", 5));
		// The topic chosen counts beside the other topics, which its own choice does not
		// narrow.
		assertThat(list(counts, "topic")).contains(Map.of("key", this.queue, "count", 6));
		assertThat(list(counts, "source")).contains(Map.of("key", "x", "count", 6));
		assertThat(list(counts, "competitor")).contains(Map.of("key", "metro-link", "count", 1));

		Map<String, Object> narrowed = getJson("/api/mentions/facets?topic={t}&sentiment=negative&owned=false",
				this.queue);
		assertThat(narrowed).containsEntry("total", 2);
		assertThat(list(map(narrowed, "facets"), "sentiment"))
			.as("a field is counted without its own choice, so its other values can be chosen too")
			.contains(Map.of("key", "negative", "count", 2), Map.of("key", "positive", "count", 1),
					Map.of("key", "neutral", "count", 1));
		assertThat(list(map(narrowed, "facets"), "owned")).containsExactly(Map.of("key", "false", "count", 2));
		assertThat(mentionIds(getJson("/api/mentions?topic={t}&sentiment=negative&competitor=metro-link", this.queue)))
			.containsExactly(this.angry.id());
		assertProblem("/api/mentions/facets?competitor=unknown-rival", "competitor");
		assertProblem("/api/mentions/facets?owned=yes", "owned");
		expectProblem("q", "/api/mentions/facets?q={q}", "bus AND");
	}

	@Test
	void severalMentionsAreActedOnAtOnceWithOneHistoryEntryEach() {
		Mention first = mention("g", 1.0, null, false, this.now.minus(3, ChronoUnit.HOURS)).withTags(List.of("delays"),
				List.of("operations"));
		Mention second = mention("h", 1.0, null, false, this.now.minus(3, ChronoUnit.HOURS)).withTags(List.of("delays"),
				List.of("operations"));
		publish(first, second);
		awaitIndexed(first, second);
		Map<String, Object> answer = this.web.post()
			.uri("/api/mentions/actions")
			.bodyValue(Map.of("mentions", List.of(first.id(), second.id(), "x:no-such-mention", this.ours.id()),
					"action", "assign", "department", "operations", "assignee", "amy"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		List<Map<String, Object>> results = list(answer, "results");
		assertThat(results).hasSize(4);
		assertThat(map(results.get(0), "handling")).containsEntry("state", "assigned").containsEntry("assignee", "amy");
		assertThat(map(results.get(1), "handling")).containsEntry("state", "assigned");
		assertThat(map(results.get(2), "problem")).containsEntry("status", 404);
		assertThat(map(results.get(3), "problem")).containsEntry("status", 409);
		for (Mention mention : List.of(first, second)) {
			assertThat(list(getJson("/api/mentions/{id}/handling", mention.id()), "history")).singleElement()
				.satisfies((entry) -> assertThat(entry).containsEntry("action", "assign")
					.containsEntry("actor", TestUsers.MEMBER));
		}
		refused("action", Map.of("mentions", List.of(first.id()), "action", "answer", "answerUrl", "https://x.com/1"));
		refused("mentions", Map.of("action", "dismiss", "reason", "spam"));
		refused("mentions",
				Map.of("mentions", java.util.stream.IntStream.range(0, 101).mapToObj((i) -> "x:" + i).toList(),
						"action", "dismiss", "reason", "spam"));
	}

	private void refused(String field, Map<String, Object> body) {
		this.web.post()
			.uri("/api/mentions/actions")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo(field);
	}

	@Test
	void peopleToAssignToAreTheUsersTheMembersAndWhoeverSignedInThoseTheNameBeginsWithFirst() {
		List<Map<String, Object>> am = list(getJson("/api/people?q=am"), "people");
		assertThat(am).extracting((person) -> person.get("name")).startsWith("amy");
		assertThat(am.get(0).get("kinds").toString()).contains("user");
		assertThat(am.get(0)).as("a local user's email setting")
			.containsEntry("email", "amy@harborcity-transit.example");
		List<Map<String, Object>> ops = list(getJson("/api/people?q=ops-duty"), "people");
		assertThat(ops).singleElement()
			.satisfies((person) -> assertThat(person).containsEntry("email", "ops-duty@harborcity-transit.example")
				.containsEntry("department", "operations")
				.containsEntry("kinds", List.of("member")));
		// The member these tests sign in as has signed in.
		assertThat(list(getJson("/api/people?q=" + TestUsers.MEMBER), "people")).first()
			.satisfies((person) -> assertThat(person).containsEntry("kinds", List.of("signed-in", "user")));
		assertProblem("/api/people?size=0", "size");
	}

	@Test
	void theSummaryCountsWhatTheOrganizationSaidAndLeavesItOutOfTheTopMentions() {
		String range = "from=" + this.now.minus(3, ChronoUnit.DAYS) + "&to=" + this.now.plus(1, ChronoUnit.HOURS);
		Map<String, Object> summary = getJson("/api/analytics/summary?topic={t}&" + range, this.queue);
		assertThat(summary).containsEntry("total", 6);
		assertThat(map(summary, "said")).containsEntry("posts", 1).containsEntry("replies", 0);
		assertThat(list(summary, "topMentions")).extracting((mention) -> mention.get("id"))
			.hasSize(5)
			.doesNotContain(this.ours.id());
	}

	private Mention mention(String name, Double reach, Sentiment sentiment, boolean asks, Instant publishedAt) {
		String text = (asks ? "Why is the " : "The ") + this.run + " tram " + name + " late again" + (asks ? "?" : "")
				+ (name.equals("c") ? " and unsafe, says Metro Link" : "");
		List<String> topics = name.equals("c") ? List.of(this.queue, "delays", "safety")
				: List.of(this.queue, "delays");
		Mention mention = TestMentions.mention("x", name + this.run, text, publishedAt, Author.of("rider_" + name),
				Engagement.NONE, "en", topics, List.of("operations"));
		if (name.equals("c")) {
			mention = mention.withTags(topics, List.of("operations"), List.of("metro-link"));
		}
		return mention.withEnrichment(Optional.of("en"),
				Optional.ofNullable(sentiment)
					.map((label) -> new SentimentScore(label == Sentiment.NEGATIVE ? -0.6 : 0.1, label)),
				Optional.empty(), Optional.ofNullable(reach));
	}

}
