package io.grapevine.search;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.query.Sentiment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * New voices, rising terms and the mentions waiting for an answer, over mentions
 * published in the last weeks, each feature in a department of its own.
 */
@TestInstance(Lifecycle.PER_CLASS)
class InsightsIntegrationTests extends LiveStackTestSupport {

	// Recent days, which retention keeps: the day itself is three days ago.
	private static final Instant DAY_START = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);

	private static final String DAY = "from=" + DAY_START + "&to=" + DAY_START.plus(1, ChronoUnit.DAYS);

	// The mentions waiting for an answer are tagged with the organization's own
	// departments,
	// on a day no other test publishes on, so that those departments hold nothing else
	// then.
	private static final Instant WAITING_START = Instant.parse("2024-02-29T00:00:00Z");

	private static final String WAITING_DAY = "from=" + WAITING_START + "&to=" + WAITING_START.plus(1, ChronoUnit.DAYS);

	@Autowired
	private Organization organization;

	@BeforeAll
	void indexFixtures() {
		List<Mention> mentions = List.of(
				// New voices: one heard before, two new ones, one without reach.
				mention("nv-1", "nv_regular", "voices", "Ferry timetable looks right", at(-30, "10:00"), null, 5000.0,
						null),
				mention("nv-2", "nv_regular", "voices", "Ferry again on time", at(0, "09:00"), null, 5000.0, null),
				mention("nv-3", "nv_newcomer", "voices", "First ride on the harbour ferry", at(0, "10:00"), null,
						3000.0, null),
				mention("nv-4", "nv_newcomer", "voices", "And the ride back", at(0, "18:00"), null, 100.0, null),
				mention("nv-5", "nv_quiet", "voices", "Nice pier", at(0, "11:00"), null, 10.0, null),
				mention("nv-6", "nv_unmeasured", "voices", "A ferry photo", at(0, "12:00"), null, null, null),
				// Rising terms: "tram" every day, "flooding" and the topic keyword
				// "delay"
				// only on the day.
				mention("rt-1", "rt_a", "rising", "The tram schedule works well for my commute", at(-4, "08:00"), null,
						null, null),
				mention("rt-2", "rt_b", "rising", "Took the tram to the market this morning", at(-3, "08:00"), null,
						null, null),
				mention("rt-3", "rt_c", "rising", "Evening tram was quiet and warm", at(-2, "08:00"), null, null, null),
				mention("rt-4", "rt_d", "rising", "Tram drivers were friendly today", at(-1, "08:00"), null, null,
						null),
				mention("rt-5", "rt_e", "rising", "Flooding near the tram depot, big delay", at(0, "07:00"), null, null,
						null),
				mention("rt-6", "rt_f", "rising", "Tram delay because of flooding on Pier Road", at(0, "08:00"), null,
						null, null),
				mention("rt-7", "rt_g", "rising", "The flooding made my tram delay worse", at(0, "09:00"), null, null,
						null),
				mention("rt-8", "rt_h", "rising", "Delay again, flooding everywhere near tram stops", at(0, "10:00"),
						null, null, null),
				// Waiting for an answer: questions and negative ones about delays, which
				// operations owns and communications follows.
				waiting("wa-1", "How late does the night ferry run", "08:00", null, 800.0, null, "delays"),
				waiting("wa-2", "Worst crossing ever, cold and late", "09:00", Sentiment.NEGATIVE, 1500.0, null,
						"delays"),
				waiting("wa-3", "Lovely crossing this morning", "10:00", Sentiment.POSITIVE, 2000.0, null, "delays"),
				waiting("wa-5", "Is the ferry cancelled today?", "12:00", null, 900.0, "cluster-wa", "delays"),
				waiting("wa-6", "RT Is the ferry cancelled today?", "13:00", null, 20.0, "cluster-wa", "delays"));
		publish(mentions.toArray(Mention[]::new));
		Mention answered = waiting("wa-4", "Where do I buy a ferry pass?", "11:00", null, 5000.0, null, "delays");
		publishRaw(answered.id(), MentionJson.write(answered)
			.replaceFirst("\\{", "{\"handling\":{\"state\":\"answered\",\"department\":[\"operations\"]},"));
		// Assigned to communications, and a fares mention escalated to operations.
		Mention handedOver = waiting("wa-7", "Why is the ramp closed?", "14:00", null, 700.0, null, "delays");
		publishRaw(handedOver.id(), MentionJson.write(handedOver)
			.replaceFirst("\\{", "{\"handling\":{\"state\":\"assigned\",\"department\":[\"communications\"]},"));
		Mention escalated = waiting("wa-8", "Who fixes the broken gate?", "15:00", null, 600.0, null, "fares");
		publishRaw(escalated.id(), MentionJson.write(escalated)
			.replaceFirst("\\{", "{\"handling\":{\"state\":\"escalated\",\"department\":[\"operations\"]},"));
		awaitIndexed(mentions.toArray(Mention[]::new));
		awaitIndexed(answered, handedOver, escalated);
	}

	@Test
	void newVoicesAreTheAuthorsWithNoEarlierMentionWidestReachFirst() {
		Map<String, Object> answer = getJson("/api/analytics/new-voices?department=voices&" + DAY);
		List<Map<String, Object>> voices = list(answer, "voices");
		assertThat(voices).extracting((voice) -> voice.get("handle"))
			.containsExactly("nv_newcomer", "nv_quiet", "nv_unmeasured");
		Map<String, Object> newcomer = voices.get(0);
		assertThat(newcomer).containsEntry("source", "x").containsEntry("mentions", 2).containsEntry("reach", 3000.0);
		assertThat(map(newcomer, "mention")).containsEntry("id", "x:nv-3");
		assertThat(voices.get(2)).doesNotContainKey("reach");
	}

	@Test
	void newVoicesCanBeLimitedToAWideReach() {
		Map<String, Object> answer = getJson("/api/analytics/new-voices?department=voices&minReach=50&" + DAY);
		assertThat(list(answer, "voices")).extracting((voice) -> voice.get("handle")).containsExactly("nv_newcomer");
		Map<String, Object> one = getJson("/api/analytics/new-voices?department=voices&size=1&" + DAY);
		assertThat(list(one, "voices")).hasSize(1);
	}

	@Test
	void risingTermsAreWordsOfThePeriodRareBeforeWithoutStopWordsOrTopicKeywords() {
		Map<String, Object> answer = getJson("/api/analytics/rising-terms?department=rising&minCount=2&" + DAY);
		assertThat(answer).containsEntry("comparedFrom", at(-4, "00:00").toString());
		List<Map<String, Object>> terms = list(answer, "terms");
		assertThat(terms).extracting((term) -> term.get("term"))
			.contains("flooding")
			.doesNotContain("tram", "the", "delay");
		Map<String, Object> flooding = terms.stream()
			.filter((term) -> "flooding".equals(term.get("term")))
			.findFirst()
			.orElseThrow();
		assertThat(flooding).containsEntry("count", 4).containsEntry("before", 0).containsEntry("expected", 0.0);
	}

	@Test
	void aWordInFewerMentionsThanTheMinimumDoesNotRise() {
		Map<String, Object> answer = getJson("/api/analytics/rising-terms?department=rising&minCount=5&" + DAY);
		assertThat(list(answer, "terms")).isEmpty();
	}

	@Test
	void waitingMentionsAreUnansweredQuestionsAndNegativeOnesTheDepartmentHoldsWidestReachFirstOnePerCluster() {
		Map<String, Object> answer = getJson("/api/analytics/waiting?department=operations&" + WAITING_DAY);
		List<Map<String, Object>> waiting = list(answer, "mentions");
		assertThat(waiting).extracting((found) -> map(found, "mention").get("id"))
			.containsExactly("x:wa-2", "x:wa-5", "x:wa-1", "x:wa-8");
		assertThat(waiting).extracting((found) -> found.get("copies")).containsExactly(1, 2, 1, 1);
		assertThat(waiting).extracting((found) -> found.get("question")).containsExactly(false, true, true, true);
		assertThat(waiting).extracting((found) -> found.get("negative")).containsExactly(true, false, false, false);
		assertThat(answer).containsEntry("total", 5);
	}

	@Test
	void eachDayOfTheSummaryCountsItsNegativeMentionsAsTheNegativeQueryDoes() {
		String range = "department=operations&from=" + WAITING_START.minus(1, ChronoUnit.DAYS) + "&to="
				+ WAITING_START.plus(2, ChronoUnit.DAYS);
		List<Map<String, Object>> days = list(getJson("/api/analytics/summary?" + range), "volumeByDay");
		List<Map<String, Object>> negative = list(getJson("/api/analytics/summary?q=sentiment:negative&" + range),
				"volumeByDay");
		assertThat(days).extracting((day) -> day.get("date"))
			.containsExactlyElementsOf(negative.stream().map((day) -> day.get("date")).toList());
		assertThat(days).extracting((day) -> day.get("negative"))
			.containsExactlyElementsOf(negative.stream().map((day) -> day.get("count")).toList());
		assertThat(days).extracting((day) -> ((Number) day.get("negative")).longValue())
			.anySatisfy((count) -> assertThat(count).isPositive());
	}

	@Test
	void aDepartmentThatFollowsATopicWaitsOnlyForWhatItHoldsAsItsQueueShows() {
		Map<String, Object> answer = getJson("/api/analytics/waiting?department=communications&" + WAITING_DAY);
		assertThat(list(answer, "mentions")).extracting((found) -> map(found, "mention").get("id"))
			.containsExactly("x:wa-7");
		assertThat(answer).containsEntry("total", 1);
		Map<String, Object> queue = getJson("/api/handling?department=communications&" + WAITING_DAY);
		assertThat(list(queue, "mentions")).extracting((found) -> map(found, "mention").get("id"))
			.containsExactly("x:wa-7");
		Map<String, Object> everyone = getJson("/api/analytics/waiting?" + WAITING_DAY);
		assertThat(everyone).containsEntry("total", 6);
	}

	@Test
	void withoutFromEachInsightCoversTheDayBeforeToAndWithoutToTheDayUntilNow() {
		assertRangeDefaults("/api/analytics/new-voices", Duration.ofDays(1));
		assertRangeDefaults("/api/analytics/rising-terms", Duration.ofDays(1));
		assertRangeDefaults("/api/analytics/waiting", Duration.ofDays(1));
	}

	@Test
	void badParametersAreAnsweredWithAProblemDetailNamingTheParameter() {
		assertProblem("/api/analytics/new-voices?minReach=wide", "minReach");
		assertProblem("/api/analytics/new-voices?minReach=-1", "minReach");
		assertProblem("/api/analytics/new-voices?from=yesterday", "from");
		assertProblem("/api/analytics/new-voices?size=51", "size");
		assertProblem("/api/analytics/rising-terms?periods=40", "periods");
		assertProblem("/api/analytics/rising-terms?minCount=0", "minCount");
		assertProblem("/api/analytics/rising-terms?size=ten", "size");
		assertProblem("/api/analytics/rising-terms?from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z", "from");
		assertProblem("/api/analytics/waiting?size=0", "size");
		assertProblem("/api/analytics/waiting?to=tomorrow", "to");
		assertProblem("/api/analytics/waiting?from=1900-01-01T00:00:00Z&to=2020-01-01T00:00:00Z", "from");
	}

	private static Instant at(int days, String time) {
		return DAY_START.plus(days, ChronoUnit.DAYS)
			.plus(Duration.between(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.parse(time)));
	}

	private static Mention mention(String id, String handle, String department, String text, Instant publishedAt,
			Sentiment sentiment, Double reach, String cluster) {
		Mention mention = TestMentions.mention("x", id, text, publishedAt, Author.of(handle), Engagement.NONE, "en",
				List.of(), List.of(department));
		return mention.withEnrichment(mention.language(),
				Optional.ofNullable(sentiment)
					.map((label) -> new SentimentScore((label == Sentiment.NEGATIVE) ? -0.7 : 0.7, label)),
				Optional.ofNullable(cluster), Optional.ofNullable(reach));
	}

	// A mention of the waiting day, tagged with a topic of the organization file and the
	// departments that own or follow it.
	private Mention waiting(String id, String text, String time, Sentiment sentiment, Double reach, String cluster,
			String topic) {
		List<String> departments = this.organization.departmentsListeningTo(topic)
			.stream()
			.map(Department::id)
			.toList();
		Mention mention = TestMentions.mention("x", id, text,
				WAITING_START.plus(Duration.between(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.parse(time))),
				Author.of("wa_" + id.substring(3)), Engagement.NONE, "en", List.of(topic), departments);
		return mention.withEnrichment(mention.language(),
				Optional.ofNullable(sentiment)
					.map((label) -> new SentimentScore((label == Sentiment.NEGATIVE) ? -0.7 : 0.7, label)),
				Optional.ofNullable(cluster), Optional.ofNullable(reach));
	}

}
