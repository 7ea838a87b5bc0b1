package io.grapevine.listening.enrich.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;

/**
 * A labelled set of posts read from a test resource ({@code lang TAB label TAB text}),
 * and how an analyzer fares on it.
 */
final class LabelledSample {

	private final List<Post> posts;

	private LabelledSample(List<Post> posts) {
		this.posts = posts;
	}

	static LabelledSample read(String resource) {
		try (InputStream in = LabelledSample.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			return new LabelledSample(reader.lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.map((line) -> line.split("\t", 3))
				.map((fields) -> new Post(fields[0], Sentiment.of(fields[1]), fields[2]))
				.toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<Post> posts() {
		return this.posts;
	}

	/**
	 * Score every post and tally the results per language.
	 * @param analyzer the analyzer
	 * @return the results keyed by language
	 */
	Map<String, Results> evaluate(SentimentAnalyzer analyzer) {
		Map<String, Results> results = new TreeMap<>();
		for (Post post : this.posts) {
			Sentiment predicted = analyzer.analyze(post.text(), post.language()).label();
			results.computeIfAbsent(post.language(), (language) -> new Results()).add(post.label(), predicted);
		}
		return results;
	}

	/**
	 * Score posts and label them with a neutral band of the caller's choosing instead of
	 * the analyzer's own, to see what another band would do.
	 * @param analyzer the analyzer
	 * @param posts the posts
	 * @param band scores strictly inside (-band, band) read as neutral
	 * @return the results
	 */
	static Results banded(SentimentAnalyzer analyzer, List<Post> posts, double band) {
		Results results = new Results();
		for (Post post : posts) {
			double score = analyzer.analyze(post.text(), post.language()).score();
			results.add(post.label(),
					(score >= band) ? Sentiment.POSITIVE : (score <= -band) ? Sentiment.NEGATIVE : Sentiment.NEUTRAL);
		}
		return results;
	}

	/**
	 * The posts the analyzer labels wrong, to tune the lexicons on (never on the held-out
	 * sample).
	 * @param analyzer the analyzer
	 * @return one line per miss: language, expected and predicted label, score, text
	 */
	List<String> misses(SentimentAnalyzer analyzer) {
		return this.posts.stream().map((post) -> {
			SentimentScore score = analyzer.analyze(post.text(), post.language());
			return (score.label() != post.label()) ? String.format("%s %s->%s %.3f %s", post.language(),
					post.label().label(), score.label().label(), score.score(), post.text()) : null;
		}).filter(Objects::nonNull).toList();
	}

	record Post(String language, Sentiment label, String text) {

	}

	/**
	 * A confusion matrix over the three labels.
	 */
	static final class Results {

		private static final List<Sentiment> ORDER = List.of(Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE);

		private final Map<Sentiment, Map<Sentiment, Integer>> counts = new EnumMap<>(Sentiment.class);

		void add(Sentiment expected, Sentiment predicted) {
			this.counts.computeIfAbsent(expected, (label) -> new EnumMap<>(Sentiment.class))
				.merge(predicted, 1, Integer::sum);
		}

		int count(Sentiment expected, Sentiment predicted) {
			return this.counts.getOrDefault(expected, Map.of()).getOrDefault(predicted, 0);
		}

		int total() {
			return this.counts.values()
				.stream()
				.flatMap((row) -> row.values().stream())
				.mapToInt(Integer::intValue)
				.sum();
		}

		double accuracy() {
			int correct = ORDER.stream().mapToInt((label) -> count(label, label)).sum();
			return (double) correct / total();
		}

		/**
		 * The mean over the labels people used of the harmonic mean of precision and
		 * recall, so that a rare label counts as much as a common one; a set labelled
		 * only positive or negative is measured over those two.
		 */
		double macroF1() {
			double sum = 0;
			int labels = 0;
			for (Sentiment label : ORDER) {
				int correct = count(label, label);
				int predicted = ORDER.stream().mapToInt((expected) -> count(expected, label)).sum();
				int expected = ORDER.stream().mapToInt((other) -> count(label, other)).sum();
				if (expected == 0) {
					continue;
				}
				labels++;
				double precision = (predicted > 0) ? (double) correct / predicted : 0;
				double recall = (double) correct / expected;
				sum += (precision + recall > 0) ? 2 * precision * recall / (precision + recall) : 0;
			}
			return (labels > 0) ? sum / labels : 0;
		}

		double predictedShare(Sentiment label) {
			return (double) ORDER.stream().mapToInt((expected) -> count(expected, label)).sum() / total();
		}

		double expectedShare(Sentiment label) {
			return (double) ORDER.stream().mapToInt((predicted) -> count(label, predicted)).sum() / total();
		}

		String report(String title) {
			StringBuilder report = new StringBuilder();
			report.append(String.format("%s: accuracy %.3f, macro-F1 %.3f on %d posts; neutral %.3f (people %.3f)%n",
					title, accuracy(), macroF1(), total(), predictedShare(Sentiment.NEUTRAL),
					expectedShare(Sentiment.NEUTRAL)));
			report.append(
					String.format("  %-18s %9s %9s %9s%n", "expected\\predicted", "negative", "neutral", "positive"));
			for (Sentiment expected : ORDER) {
				report.append(String.format("  %-18s %9d %9d %9d%n", expected.label(), count(expected, ORDER.get(0)),
						count(expected, ORDER.get(1)), count(expected, ORDER.get(2))));
			}
			return report.toString();
		}

	}

}
