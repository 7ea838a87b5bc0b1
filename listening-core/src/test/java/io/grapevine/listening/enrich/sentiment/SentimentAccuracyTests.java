package io.grapevine.listening.enrich.sentiment;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accuracy of the shipped analyzer on the held-out labelled sample; the development set
 * the lexicons were tuned on is reported beside it for comparison.
 */
class SentimentAccuracyTests {

	private static final String SAMPLE = "/enrich/sentiment/sample.tsv";

	private static final String DEVELOPMENT = "/enrich/sentiment/dev.tsv";

	private final SentimentAnalyzer analyzer = SentimentAnalyzer.bundled();

	@Test
	void theSampleHoldsAtLeast300PostsWithASpanishPartOfAtLeast100() {
		LabelledSample sample = LabelledSample.read(SAMPLE);
		assertThat(sample.posts()).hasSizeGreaterThanOrEqualTo(300);
		assertThat(sample.posts()).filteredOn((post) -> post.language().equals("es")).hasSizeGreaterThanOrEqualTo(100);
	}

	@Test
	void noPostOfTheSampleIsAlsoInTheDevelopmentSet() {
		LabelledSample sample = LabelledSample.read(SAMPLE);
		LabelledSample development = LabelledSample.read(DEVELOPMENT);
		assertThat(sample.posts()).extracting(LabelledSample.Post::text)
			.doesNotContainAnyElementsOf(development.posts().stream().map(LabelledSample.Post::text).toList());
	}

	@Test
	void englishPostsOfTheHeldOutSampleAreLabelledRightAtLeastThreeTimesInFour() {
		Map<String, LabelledSample.Results> sample = LabelledSample.read(SAMPLE).evaluate(this.analyzer);
		Map<String, LabelledSample.Results> development = LabelledSample.read(DEVELOPMENT).evaluate(this.analyzer);
		sample.forEach((language, results) -> System.out.print(results.report("held-out sample, " + language)));
		development.forEach((language, results) -> System.out.print(results.report("development set, " + language)));
		LabelledSample.read(DEVELOPMENT)
			.misses(this.analyzer)
			.forEach((miss) -> System.out.println("development miss: " + miss));
		assertThat(sample.get("en").accuracy()).isGreaterThanOrEqualTo(0.75);
	}

	@Test
	void spanishFrenchAndGermanPostsOfTheHeldOutSampleAreLabelledRightAtLeastThreeTimesInFour() {
		Map<String, LabelledSample.Results> sample = LabelledSample.read(SAMPLE).evaluate(this.analyzer);
		assertThat(sample).containsKeys("es", "fr", "de");
		assertThat(sample.get("es").accuracy()).isGreaterThanOrEqualTo(0.75);
		assertThat(sample.get("fr").accuracy()).isGreaterThanOrEqualTo(0.75);
		assertThat(sample.get("de").accuracy()).isGreaterThanOrEqualTo(0.75);
	}

}
