package io.grapevine.listening.enrich.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.grapevine.listening.query.Sentiment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accuracy of the English analyzer on tweets nobody on this project wrote or tuned on:
 * the 4,200 tweets of VADER's human-rated ground truth (Hutto and Gilbert, ICWSM 2014,
 * MIT licence), each with the mean rating of about twenty people from -4 to 4. A mean
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
		assertThat(results.accuracy()).isGreaterThanOrEqualTo(0.65);
		assertThat(results.macroF1()).isGreaterThanOrEqualTo(0.60);
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
				.map((fields) -> new Rated(Double.parseDouble(fields[1]), fields[2]))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A tweet and the mean of its human ratings.
	 */
	private record Rated(double rating, String text) {

		Sentiment label() {
			return (this.rating > POLAR) ? Sentiment.POSITIVE
					: (this.rating < -POLAR) ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
		}

	}

}
