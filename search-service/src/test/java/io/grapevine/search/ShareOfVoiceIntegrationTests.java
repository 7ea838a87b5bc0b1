package io.grapevine.search;

import java.time.Duration;
import java.time.Instant;
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
import static org.assertj.core.api.Assertions.within;

/**
 * The share of voice of the demo organization against its competitors ({@code metro-link}
 * and {@code bay-ferries}) over mentions published in July 2019.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ShareOfVoiceIntegrationTests extends LiveStackTestSupport {

	private static final String RANGE = "from=2019-07-01T00:00:00Z&to=2019-08-01T00:00:00Z";

	private final List<Mention> fixtures = List.of(
			mention("sv-1", "2019-07-02T08:00:00Z", List.of("delays"), List.of(), Sentiment.POSITIVE, 0.5),
			mention("sv-2", "2019-07-03T08:00:00Z", List.of("fares"), List.of("metro-link"), Sentiment.NEGATIVE, -0.5),
			mention("sv-3", "2019-07-04T08:00:00Z", List.of("brand"), List.of(), null, 0),
			mention("sv-4", "2019-07-05T08:00:00Z", List.of("delays", "safety"), List.of(), Sentiment.POSITIVE, 1.0),
			mention("sv-5", "2019-07-06T08:00:00Z", List.of(), List.of("metro-link"), Sentiment.NEGATIVE, -0.7),
			mention("sv-6", "2019-07-31T23:59:59Z", List.of(), List.of("metro-link"), Sentiment.NEUTRAL, 0.0),
			// Said about nobody the organization listens for, and outside the range.
			mention("sv-7", "2019-07-07T08:00:00Z", List.of(), List.of(), Sentiment.NEGATIVE, -0.9),
			mention("sv-8", "2019-08-01T00:00:00Z", List.of("delays"), List.of("bay-ferries"), Sentiment.NEGATIVE,
					-0.9),
			mention("sv-9", "2019-06-30T23:59:59Z", List.of(), List.of("bay-ferries"), Sentiment.NEGATIVE, -0.9));

	@BeforeAll
	void indexFixtures() {
		publish(this.fixtures.toArray(Mention[]::new));
		awaitIndexed(this.fixtures.toArray(Mention[]::new));
	}

	@Test
	void theOrganizationsVoiceIsItsMentionsOfAnyTopicAndEachCompetitorsTheMentionsNamingIt() {
		Map<String, Object> share = getJson("/api/analytics/share-of-voice?" + RANGE);

		assertThat(share).containsEntry("from", "2019-07-01T00:00:00Z").containsEntry("to", "2019-08-01T00:00:00Z");
		// sv-2 names the organization and Metro Link, so it is in both voices.
		assertThat(share).containsEntry("total", 7);
		Map<String, Object> organization = map(share, "organization");
		assertThat(organization).containsEntry("name", "Harbor City Transit")
			.containsEntry("mentions", 4)
			.doesNotContainKey("id");
		assertThat((Double) organization.get("share")).isCloseTo(4.0 / 7, within(1e-9));
		Map<String, Object> sentiment = map(organization, "sentiment");
		assertThat(sentiment).containsEntry("positive", 2).containsEntry("negative", 1).containsEntry("neutral", 0);
		assertThat((Double) sentiment.get("averageScore")).isCloseTo(1.0 / 3, within(1e-6));

		List<Map<String, Object>> competitors = list(share, "competitors");
		assertThat(competitors).extracting((voice) -> voice.get("id")).containsExactly("metro-link", "bay-ferries");
		Map<String, Object> metro = competitors.get(0);
		assertThat(metro).containsEntry("name", "Metro Link").containsEntry("mentions", 3);
		assertThat((Double) metro.get("share")).isCloseTo(3.0 / 7, within(1e-9));
		assertThat(map(metro, "sentiment")).containsEntry("positive", 0)
			.containsEntry("negative", 2)
			.containsEntry("neutral", 1);
		Map<String, Object> ferries = competitors.get(1);
		assertThat(ferries).containsEntry("name", "Bay Ferries").containsEntry("mentions", 0);
		assertThat(((Number) ferries.get("share")).doubleValue()).isZero();
		assertThat(map(ferries, "sentiment")).doesNotContainKey("averageScore");
	}

	@Test
	void aRangeNobodySpokeInHasEveryVoiceSilentWithNoShare() {
		Map<String, Object> share = getJson(
				"/api/analytics/share-of-voice?from=1990-01-01T00:00:00Z&to=1990-02-01T00:00:00Z");

		assertThat(share).containsEntry("total", 0);
		assertThat(map(share, "organization")).containsEntry("mentions", 0);
		assertThat(((Number) map(share, "organization").get("share")).doubleValue()).isZero();
		assertThat(list(share, "competitors")).extracting((voice) -> voice.get("mentions")).containsExactly(0, 0);
	}

	@Test
	void withoutFromTheRangeIsThe30DaysBeforeToAndWithoutToThe30DaysUntilNow() {
		assertRangeDefaults("/api/analytics/share-of-voice", Duration.ofDays(30));
	}

	@Test
	void badRangesAreAnsweredWithAProblemDetailNamingTheParameter() {
		assertProblem("/api/analytics/share-of-voice?from=2019-08-01T00:00:00Z&to=2019-07-01T00:00:00Z", "from");
		assertProblem("/api/analytics/share-of-voice?from=yesterday", "from");
		assertProblem("/api/analytics/share-of-voice?to=yesterday", "to");
		assertProblem("/api/analytics/share-of-voice?from=1900-01-01T00:00:00Z&to=2020-01-01T00:00:00Z", "from");
	}

	private static Mention mention(String id, String publishedAt, List<String> topics, List<String> competitors,
			Sentiment label, double score) {
		Mention mention = TestMentions
			.mention("x", id, "Buses, trams and ferries " + id, Instant.parse(publishedAt), Author.of("voice_" + id),
					Engagement.NONE, "en", topics, topics.isEmpty() ? List.of() : List.of("operations"))
			.withTags(topics, topics.isEmpty() ? List.of() : List.of("operations"), competitors);
		return mention.withEnrichment(mention.language(),
				Optional.ofNullable(label).map((sentiment) -> new SentimentScore(score, sentiment)), Optional.empty(),
				Optional.empty());
	}

}
