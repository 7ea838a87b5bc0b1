package io.grapevine.listening.enrich.sentiment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accuracy of the shipped analyzer on the held-out labelled sample and the held-out hard
 * posts; the development set the lexicons were tuned on is reported beside them for
 * comparison.
 */
class SentimentAccuracyTests {

	private static final String SAMPLE = "/enrich/sentiment/sample.tsv";

	private static final String DEVELOPMENT = "/enrich/sentiment/dev.tsv";

	private static final String HARD = "/enrich/sentiment/hard.tsv";

	private final SentimentAnalyzer analyzer = SentimentAnalyzer.bundled();

	@Test
	void theSampleHoldsAtLeast300PostsWithASpanishPartOfAtLeast100() {
		LabelledSample sample = LabelledSample.read(SAMPLE);
		assertThat(sample.posts()).hasSizeGreaterThanOrEqualTo(300);
		assertThat(sample.posts()).filteredOn((post) -> post.language().equals("es")).hasSizeGreaterThanOrEqualTo(100);
	}

	@Test
	void noPostOfTheHeldOutSetsIsAlsoInTheDevelopmentSet() {
		List<String> development = LabelledSample.read(DEVELOPMENT)
			.posts()
			.stream()
			.map(LabelledSample.Post::text)
			.toList();
		assertThat(LabelledSample.read(SAMPLE).posts()).extracting(LabelledSample.Post::text)
			.doesNotContainAnyElementsOf(development);
		assertThat(LabelledSample.read(HARD).posts()).extracting(LabelledSample.Post::text)
			.doesNotContainAnyElementsOf(development);
	}

	@Test
	void englishPostsOfTheHeldOutSampleAreLabelledRightAtLeastThreeTimesInFour() {
		Map<String, LabelledSample.Results> sample = LabelledSample.read(SAMPLE).evaluate(this.analyzer);
		Map<String, LabelledSample.Results> development = LabelledSample.read(DEVELOPMENT).evaluate(this.analyzer);
		sample.forEach((language, results) -> System.out.print(results.report("held-out sample, " + language)));
		LabelledSample.read(HARD)
			.evaluate(this.analyzer)
			.forEach((language, results) -> System.out.print(results.report("held-out hard posts, " + language)));
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

	@Test
	void portugueseAndItalianPostsOfTheHeldOutSampleAreLabelledRightAtLeastThreeTimesInFour() {
		Map<String, LabelledSample.Results> sample = LabelledSample.read(SAMPLE).evaluate(this.analyzer);
		assertThat(sample).containsKeys("pt", "it");
		assertThat(sample.get("pt").total()).isGreaterThanOrEqualTo(45);
		assertThat(sample.get("it").total()).isGreaterThanOrEqualTo(45);
		assertThat(sample.get("pt").accuracy()).isGreaterThanOrEqualTo(0.75);
		assertThat(sample.get("it").accuracy()).isGreaterThanOrEqualTo(0.75);
	}

	@Test
	void harderPostsWithSlangTyposAndIndirectToneAreStillLabelledRightAtLeastNineTimesInTwenty() {
		Map<String, LabelledSample.Results> hard = LabelledSample.read(HARD).evaluate(this.analyzer);
		assertThat(hard.get("en").accuracy()).isGreaterThanOrEqualTo(0.45);
		assertThat(hard.get("es").accuracy()).isGreaterThanOrEqualTo(0.45);
	}

}
