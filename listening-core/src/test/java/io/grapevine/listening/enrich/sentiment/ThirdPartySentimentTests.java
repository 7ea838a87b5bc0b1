package io.grapevine.listening.enrich.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.grapevine.listening.query.Sentiment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accuracy of the English analyzer on tweets nobody on this project wrote or tuned on:
 * the 4,200 tweets of VADER's human-rated ground truth (Hutto and Gilbert, ICWSM 2014,
 * MIT licence), each with the mean rating of at least twenty people from -4 to 4. A mean
 * above 0.5 is positive, below -0.5 negative, anything between neutral.
 */
class ThirdPartySentimentTests {

	private static final String TWEETS = "/enrich/sentiment/third-party/tweets_GroundTruth.txt";

	private static final double POLAR = 0.5;

	private final SentimentAnalyzer analyzer = SentimentAnalyzer.bundled();

	@Test
	void humanRatedTweetsAreLabelledAsPeopleReadThem() {
		LabelledSample.Results results = evaluate(read(TWEETS));
		System.out.print(results.report("VADER human-rated tweets, en"));
		assertThat(results.total()).isEqualTo(4200);
		assertThat(results.accuracy()).isGreaterThanOrEqualTo(0.77);
		assertThat(results.macroF1()).isGreaterThanOrEqualTo(0.67);
	}

	@Test
	void theNeutralBandIsChosenOnTheOddTweetsAndCheckedOnTheEvenOnes() {
		List<Rated> tweets = read(TWEETS);
		List<Scored> odd = new ArrayList<>();
		List<Scored> even = new ArrayList<>();
		for (Rated tweet : tweets) {
			Scored scored = new Scored(tweet.label(), this.analyzer.analyze(tweet.text(), "en").score());
			((tweet.id() % 2 == 1) ? odd : even).add(scored);
		}
		for (double threshold : new double[] { 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5 }) {
			LabelledSample.Results development = banded(odd, threshold);
			LabelledSample.Results heldOut = banded(even, threshold);
			System.out.printf(
					"neutral band %.2f: odd tweets accuracy %.3f macro-F1 %.3f neutral %.3f;"
							+ " even tweets accuracy %.3f macro-F1 %.3f neutral %.3f%n",
					threshold, development.accuracy(), development.macroF1(),
					development.predictedShare(Sentiment.NEUTRAL), heldOut.accuracy(), heldOut.macroF1(),
					heldOut.predictedShare(Sentiment.NEUTRAL));
		}
		assertThat(odd).hasSize(2100);
		assertThat(even).hasSize(2100);
	}

	private static LabelledSample.Results banded(List<Scored> scored, double threshold) {
		LabelledSample.Results results = new LabelledSample.Results();
		for (Scored one : scored) {
			results.add(one.label(), (one.score() >= threshold) ? Sentiment.POSITIVE
					: (one.score() <= -threshold) ? Sentiment.NEGATIVE : Sentiment.NEUTRAL);
		}
		return results;
	}

	private LabelledSample.Results evaluate(List<Rated> tweets) {
		LabelledSample.Results results = new LabelledSample.Results();
		for (Rated tweet : tweets) {
			results.add(tweet.label(), this.analyzer.analyze(tweet.text(), "en").label());
		}
		return results;
	}

	private static List<Rated> read(String resource) {
		try (InputStream in = ThirdPartySentimentTests.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			return reader.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty())
				.map((line) -> line.split("\t", 3))
				.map((fields) -> new Rated(Integer.parseInt(fields[0]), Double.parseDouble(fields[1]), fields[2]))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Scored(Sentiment label, double score) {

	}

	/**
	 * A tweet and the mean of its human ratings.
	 */
	private record Rated(int id, double rating, String text) {

		Sentiment label() {
			return (this.rating > POLAR) ? Sentiment.POSITIVE
					: (this.rating < -POLAR) ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
		}

	}

}
