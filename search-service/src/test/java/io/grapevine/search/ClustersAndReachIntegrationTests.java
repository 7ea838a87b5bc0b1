package io.grapevine.search;

import java.time.Instant;
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
import static org.assertj.core.api.Assertions.within;

/**
 * Sorting by reach, folding clusters of near-duplicates, {@code sentiment:} and the
 * sentiment split of the analytics, over mentions enriched as the ingest pipeline does,
 * published in May 2020.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ClustersAndReachIntegrationTests extends LiveStackTestSupport {

	private static final String RANGE = "from=2020-05-01T00:00:00Z&to=2020-05-02T00:00:00Z";

	// Three copies of one press release, the newest with the widest reach.
	private final Mention original = enriched("cl-1", "Ferry service resumes Monday", "2020-05-01T08:00:00Z",
			Sentiment.POSITIVE, 0.6, "press-1", 500.0);

	private final Mention repost = enriched("cl-2", "RT Ferry service resumes Monday", "2020-05-01T09:00:00Z",
			Sentiment.POSITIVE, 0.5, "press-1", 20.0);

	private final Mention syndicated = enriched("cl-3", "Ferry service resumes Monday, says the port",
			"2020-05-01T10:00:00Z", Sentiment.NEUTRAL, 0.0, "press-1", 900.0);

	private final Mention complaint = enriched("cl-4", "Ferry late again, cold and wet", "2020-05-01T11:00:00Z",
			Sentiment.NEGATIVE, -0.8, null, 50.0);

	// Indexed before enrichment judged anything: no sentiment, cluster or reach.
	private final Mention plain = TestMentions.mention("x", "cl-5", "Ferry photos from the pier",
			Instant.parse("2020-05-01T12:00:00Z"), Author.of("eve"), Engagement.NONE, "en", List.of(), List.of());

	@BeforeAll
	void indexFixtures() {
		publish(this.original, this.repost, this.syndicated, this.complaint, this.plain);
		awaitIndexed(this.original, this.repost, this.syndicated, this.complaint, this.plain);
	}

	@Test
	void sortByReachPutsTheWidestReachFirstAndMentionsWithoutReachLast() {
		assertThat(mentionIds(getJson("/api/mentions?q=ferry&sort=reach&" + RANGE))).containsExactly("x:cl-3", "x:cl-1",
				"x:cl-4", "x:cl-2", "x:cl-5");
		assertThat(mentionIds(getJson("/api/mentions?q=ferry&sort=newest&" + RANGE))).containsExactly("x:cl-5",
				"x:cl-4", "x:cl-3", "x:cl-2", "x:cl-1");
	}

	@Test
	void followingTheCursorOfAReachSortedSearchVisitsEveryMentionOnceInOrder() {
		List<String> seen = new ArrayList<>();
		Map<String, Object> page = getJson("/api/mentions?q=ferry&sort=reach&size=2&" + RANGE);
		seen.addAll(mentionIds(page));
		while (page.containsKey("nextCursor")) {
			page = getJson("/api/mentions?q=ferry&sort=reach&size=2&" + RANGE + "&cursor=" + page.get("nextCursor"));
			seen.addAll(mentionIds(page));
		}
		assertThat(seen).containsExactly("x:cl-3", "x:cl-1", "x:cl-4", "x:cl-2", "x:cl-5");
	}

	@Test
	void collapseShowsOneMentionPerClusterWithItsNumberOfCopiesAndKeepsMentionsWithoutACluster() {
		Map<String, Object> page = getJson("/api/mentions?q=ferry&collapse=true&" + RANGE);
		assertThat(mentionIds(page)).containsExactly("x:cl-5", "x:cl-4", "x:cl-3");
		assertThat(copies(page)).containsExactly(1, 1, 3);
		assertThat(page).containsEntry("total", 5);
		Map<String, Object> byReach = getJson("/api/mentions?q={q}&collapse=true&sort=reach&" + RANGE, "ferry -port");
		assertThat(mentionIds(byReach)).containsExactly("x:cl-1", "x:cl-4", "x:cl-5");
		assertThat(copies(byReach)).containsExactly(2, 1, 1);
		Map<String, Object> unfolded = getJson("/api/mentions?q=ferry&" + RANGE);
		assertThat((List<?>) unfolded.get("mentions"))
			.allSatisfy((found) -> assertThat(((Map<?, ?>) found).containsKey("copies")).isFalse());
	}

	@Test
	void foldedResultsArePagedClusterByCluster() {
		Map<String, Object> first = getJson("/api/mentions?q=ferry&collapse=true&size=2&" + RANGE);
		assertThat(mentionIds(first)).containsExactly("x:cl-5", "x:cl-4");
		Map<String, Object> second = getJson(
				"/api/mentions?q=ferry&collapse=true&size=2&" + RANGE + "&cursor=" + first.get("nextCursor"));
		assertThat(mentionIds(second)).containsExactly("x:cl-3");
		assertThat(second).doesNotContainKey("nextCursor");
	}

	@Test
	void aCursorFromAnotherOrderOrFoldingAndUnknownValuesAreRejected() {
		Map<String, Object> newest = getJson("/api/mentions?q=ferry&size=2&" + RANGE);
		assertProblem("/api/mentions?q=ferry&sort=reach&size=2&cursor=" + newest.get("nextCursor"), "cursor");
		assertProblem("/api/mentions?q=ferry&collapse=true&size=2&cursor=" + newest.get("nextCursor"), "cursor");
		assertProblem("/api/mentions?sort=loudest", "sort");
		assertProblem("/api/mentions?collapse=yes", "collapse");
	}

	@Test
	void sentimentFindsTheMentionsEnrichmentLabelledSo() {
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "ferry sentiment:negative")))
			.containsExactly("x:cl-4");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "sentiment:positive"))).containsExactly("x:cl-2",
				"x:cl-1");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "ferry -sentiment:positive")))
			.containsExactly("x:cl-5", "x:cl-4", "x:cl-3");
	}

	@Test
	void theSummarySplitsJudgedMentionsBySentimentWithTheirAverageScore() {
		Map<String, Object> summary = getJson("/api/analytics/summary?" + RANGE);
		Map<String, Object> sentiment = map(summary, "sentiment");
		assertThat(sentiment).containsEntry("positive", 2).containsEntry("negative", 1).containsEntry("neutral", 1);
		// (0.6 + 0.5 + 0 - 0.8) / 4, from scores stored as floats.
		assertThat((Double) sentiment.get("averageScore")).isCloseTo(0.075, within(0.0001));
		Map<String, Object> none = getJson("/api/analytics/summary?q={q}&" + RANGE, "photos");
		assertThat(none.get("sentiment")).isEqualTo(Map.of("positive", 0, "negative", 0, "neutral", 0));
	}

	private static Mention enriched(String id, String text, String publishedAt, Sentiment label, double score,
			String cluster, Double reach) {
		Mention mention = TestMentions.mention("x", id, text, Instant.parse(publishedAt), Author.of("port_" + id),
				Engagement.NONE, "en", List.of(), List.of());
		return mention.withEnrichment(mention.language(), Optional.of(new SentimentScore(score, label)),
				Optional.ofNullable(cluster), Optional.ofNullable(reach));
	}

	private static List<Object> copies(Map<String, Object> page) {
		return list(page, "mentions").stream().map((found) -> found.get("copies")).toList();
	}

}
