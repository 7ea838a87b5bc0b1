package io.grapevine.listening.enrich.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A subjectivity lexicon of the Pattern library (CLiPS, University of Antwerp, see
 * NOTICE), shipped unchanged: adjectives, adverbs and a few nouns and verbs, each with a
 * polarity from -1 to 1 that is read here on VADER's scale from -4 to 4.
 */
final class PatternLexicon {

	private static final Pattern WORD = Pattern.compile("<word\\s[^>]*?form=\"([^\"]+)\"[^>]*?polarity=\"([-0-9.]+)\"");

	private static final double SCALE = 4;

	private static final double WEAKEST = 0.35;

	private PatternLexicon() {
	}

	/**
	 * The valences of the words of a Pattern lexicon; a word listed for several parts of
	 * speech gets the mean of its polarities.
	 * @param resource the file shipped in this package
	 * @return valences of words, lower case without accents
	 */
	static Map<String, Double> words(String resource) {
		Map<String, double[]> sums = new HashMap<>();
		try (InputStream in = PatternLexicon.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("sentiment resource " + resource + " is missing from the classpath");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				Matcher word = WORD.matcher(line);
				if (word.find()) {
					String key = Tokenizer.withoutAccents(word.group(1).strip().toLowerCase(Locale.ROOT));
					double[] sum = sums.computeIfAbsent(key, (form) -> new double[2]);
					sum[0] += Double.parseDouble(word.group(2)) * SCALE;
					sum[1]++;
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read sentiment resource " + resource, ex);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("a polarity is not a number in sentiment resource " + resource, ex);
		}
		Map<String, Double> words = new HashMap<>();
		sums.forEach((word, sum) -> {
			double valence = sum[0] / sum[1];
			if (Math.abs(valence) >= WEAKEST && word.indexOf(' ') < 0) {
				words.put(word, valence);
			}
		});
		return Map.copyOf(words);
	}

}
