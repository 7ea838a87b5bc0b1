package io.grapevine.search;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executive view over mentions of March 2023 (the period), February 2023 (the one
 * before) and March 2022 (a year before), a stretch of time no other test uses.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ExecutiveIntegrationTests extends LiveStackTestSupport {

	private static final Instant MARCH = Instant.parse("2023-03-01T00:00:00Z");

	private static final Instant APRIL = Instant.parse("2023-04-01T00:00:00Z");

	private final List<Mention> march = new ArrayList<>();

	private final Mention question = mention("q1", "Why is the 7 late again?", MARCH.plus(2, ChronoUnit.DAYS),
			Sentiment.NEGATIVE, 1000, List.of("delays"), List.of("operations", "communications"), List.of());

	private final Mention reply = Mention.builder("x", "exec-r1")
		.url(java.net.URI.create("https://x.com/hctransit_help/status/1"))
		.text("@rider Sorry, the 7 is back on time")
		.author(Author.of("hctransit_help"))
		.publishedAt(MARCH.plus(2, ChronoUnit.DAYS).plusSeconds(3600))
		.language("en")
		.inReplyTo("exec-q1")
		.build()
		.withTags(List.of("delays"), List.of("operations"))
		.withOwner(true, Optional.of("customer-service"), Optional.empty());

	@BeforeAll
	void indexThreePeriods() throws java.io.IOException {
		// March: 6 heard (2 positive, 3 negative, 1 neutral; 1 names Metro Link), 1 copy
		// of the first, the organization's reply; February: 2 heard; March 2022: 1.
		this.march.add(this.question);
		this.march.add(mention("m2", "The new trams are great", MARCH.plus(3, ChronoUnit.DAYS), Sentiment.POSITIVE, 500,
				List.of("brand"), List.of("communications"), List.of()));
		this.march.add(mention("m3", "Fares up again, terrible", MARCH.plus(10, ChronoUnit.DAYS), Sentiment.NEGATIVE,
				20, List.of("fares"), List.of("communications"), List.of()));
		this.march.add(mention("m4", "Metro Link is better than this", MARCH.plus(11, ChronoUnit.DAYS),
				Sentiment.NEGATIVE, 10, List.of("brand"), List.of("communications"), List.of("metro-link")));
		this.march.add(mention("m5", "Lovely driver today", MARCH.plus(20, ChronoUnit.DAYS), Sentiment.POSITIVE, 5,
				List.of("staff-praise"), List.of("customer-service"), List.of()));
		this.march.add(mention("m6", "Bus times changed", MARCH.plus(25, ChronoUnit.DAYS), Sentiment.NEUTRAL, 0,
				List.of("delays"), List.of("operations"), List.of()));
		Mention copy = mention("m7", "Why is the 7 late again?", MARCH.plus(2, ChronoUnit.DAYS).plusSeconds(60),
				Sentiment.NEGATIVE, 3, List.of("delays"), List.of("operations", "communications"), List.of());
		this.march
			.add(copy.withEnrichment(copy.language(), copy.sentiment(), Optional.of("exec-cluster-1"), copy.reach()));
		this.march.set(0, this.question.withEnrichment(this.question.language(), this.question.sentiment(),
				Optional.of("exec-cluster-1"), Optional.of(4.0)));
		List<Mention> all = new ArrayList<>(this.march);
		all.add(this.reply);
		all.add(mention("f1", "February praise", Instant.parse("2023-02-10T10:00:00Z"), Sentiment.POSITIVE, 10,
				List.of("brand"), List.of("communications"), List.of()));
		all.add(mention("f2", "February moan", Instant.parse("2023-02-11T10:00:00Z"), Sentiment.NEGATIVE, 10,
				List.of("fares"), List.of("communications"), List.of()));
		all.add(mention("y1", "A year before", Instant.parse("2022-03-15T10:00:00Z"), Sentiment.POSITIVE, 10,
				List.of("brand"), List.of("communications"), List.of()));
		Mention[] mentions = all.toArray(Mention[]::new);
		publish(mentions);
		awaitIndexed(mentions);
		awaitAnswered(this.question.id());
	}

	@Test
	void theHeadlineComparesThePeriodWithTheOneBeforeAndTheSameAYearBefore() {
		Map<String, Object> view = executive();
		Map<String, Object> headline = map(view, "headline");
		assertThat(map(headline, "volume")).containsEntry("current", 7.0)
			.containsEntry("previous", 2.0)
			.containsEntry("yearBefore", 1.0);
		assertThat(map(headline, "audience")).containsEntry("current", 1538.0);
		// 2 positive, 4 negative, 1 neutral of 7 judged: (2 - 4) / 7.
		assertThat(map(headline, "netSentiment")).containsEntry("current", -28.6)
			.containsEntry("previous", 0.0)
			.containsEntry("yearBefore", 100.0);
		// Every March mention names a topic (the organization's voice); one names Metro
		// Link.
		assertThat(map(headline, "shareOfVoice")).containsEntry("current", 87.5);
		// Of the 4 that asked or were negative, the one the organization replied to.
		assertThat(map(headline, "answeredShare")).containsEntry("current", 25.0);
		assertThat(map(headline, "medianTimeToAnswerSeconds")).containsEntry("current", 3600.0)
			.doesNotContainKey("previous");
	}

	@Test
	void theTimelineHasADayForEachDayOfTheMonthWithWhatWasSaidHeardAndAnswered() {
		List<Map<String, Object>> timeline = list(executive(), "timeline");
		assertThat(timeline).hasSize(31);
		Map<String, Object> third = timeline.get(2);
		assertThat(third).containsEntry("date", "2023-03-03")
			.containsEntry("heard", 2)
			.containsEntry("said", 1)
			.containsEntry("answered", 1)
			.containsEntry("negative", 2)
			.containsEntry("netSentiment", -100.0);
		assertThat(map(third, "voices")).containsEntry("organization", 2).containsEntry("metro-link", 0);
	}

	@Test
	void eachVoiceHasItsShareAndSentimentAndDepartmentsStandSideBySide() {
		Map<String, Object> view = executive();
		assertThat(list(view, "voices")).first()
			.satisfies((voice) -> assertThat(voice).containsEntry("id", "organization")
				.containsEntry("mentions", 7)
				.containsEntry("share", 87.5));
		assertThat(list(view, "voices")).anySatisfy((voice) -> assertThat(voice).containsEntry("id", "metro-link")
			.containsEntry("mentions", 1)
			.containsEntry("netSentiment", -100.0));
		Map<String, Object> operations = list(view, "departments").stream()
			.filter((department) -> department.get("id").equals("operations"))
			.findFirst()
			.orElseThrow();
		assertThat(operations).containsEntry("volume", 3)
			.containsEntry("negativeShare", 66.7)
			.containsEntry("answeredShare", 50.0)
			.containsEntry("medianTimeToAnswerSeconds", 3600.0)
			.containsKey("waiting");
	}

	@Test
	void returnOnAttentionSetsWhatTheOrganizationSaidBesideWhatItHeardAndAnswered() {
		Map<String, Object> attention = map(executive(), "attention");
		assertThat(attention).containsEntry("said", 1).containsEntry("heard", 7).containsEntry("answered", 1);
		assertThat(list(attention, "byNetwork"))
			.contains(Map.of("key", "x", "name", "x", "said", 1, "heard", 7, "answered", 1));
		assertThat(list(attention, "byDepartment"))
			.anySatisfy((row) -> assertThat(row).containsEntry("key", "customer-service")
				.containsEntry("said", 1)
				.containsEntry("heard", 1));
	}

	@Test
	void theTopStoriesAreTheLargestClusterAndTheWidestReachingMentions() {
		Map<String, Object> stories = map(executive(), "topStories");
		assertThat(list(stories, "largest")).first().satisfies((story) -> assertThat(story).containsEntry("copies", 2));
		assertThat(list(stories, "widest")).first()
			.satisfies((story) -> assertThat(map(story, "mention")).containsEntry("id", this.question.id()));
	}

	@Test
	void aDepartmentNarrowsTheViewAndAWrongParameterIsRefused() {
		Map<String, Object> view = getJson("/api/analytics/executive?from={from}&to={to}&department=customer-service",
				MARCH, APRIL);
		assertThat(map(map(view, "headline"), "volume")).containsEntry("current", 1.0);
		assertThat(map(view, "attention")).containsEntry("said", 1);
		assertProblem("/api/analytics/executive?department=nowhere", "department");
		assertProblem("/api/analytics/executive?from=2023-04-01T00:00:00Z&to=2023-03-01T00:00:00Z", "from");
		assertProblem("/api/analytics/executive?zone=Mars/Olympus", "zone");
	}

	private Map<String, Object> executive() {
		return getJson("/api/analytics/executive?from={from}&to={to}", MARCH, APRIL);
	}

	private void awaitAnswered(String id) throws java.io.IOException {
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(map(getJson("/api/mentions/{id}/handling", id), "handling"))
				.containsEntry("state", "answered"));
		this.elasticsearch.indices().refresh((refresh) -> refresh.index("mentions"));
	}

	private static Mention mention(String id, String text, Instant at, Sentiment label, long followers,
			List<String> topics, List<String> departments, List<String> competitors) {
		Mention mention = TestMentions.mention("x", "exec-" + id, text, at,
				Author.of("rider_" + id, "Rider", followers), Engagement.NONE, "en", topics, departments);
		return mention.withTags(topics, departments, competitors)
			.withEnrichment(Optional.of("en"),
					Optional.of(new SentimentScore(label == Sentiment.NEGATIVE ? -0.5 : 0.5, label)), Optional.empty(),
					Optional.of(1.0));
	}

}
