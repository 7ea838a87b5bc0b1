package io.grapevine.listening.enrich.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The English sentiment lexicon and emoji names of VADER (C.J. Hutto and E. Gilbert,
 * ICWSM 2014, MIT licence, see NOTICE), shipped unchanged as {@code vader_lexicon.txt}
 * and {@code emoji_utf8_lexicon.txt}: about 7,500 words, slang, initialisms and
 * emoticons, each with the mean valence ten people gave it from -4 to 4. Translations of
 * that lexicon into other languages, in its format, are read by
 * {@link #translatedWords(String)}.
 *
 * @param words valences of words and phrases, lower case without accents, words of a
 * hyphenated entry separated by single spaces
 * @param emoticons valences of emoticons as written
 * @param emojiNames the CLDR name of each emoji, keyed as {@link Lexicon#emojiKey}
 */
record VaderLexicon(Map<String, Double> words, Map<String, Double> emoticons, Map<String, String> emojiNames) {

	private static final String LEXICON = "vader_lexicon.txt";

	private static final String EMOJI = "emoji_utf8_lexicon.txt";

	private static final double WEAKEST = 0.35;

	static VaderLexicon bundled() {
		Map<String, Double> words = new HashMap<>();
		Map<String, Double> emoticons = new HashMap<>();
		read(LEXICON, words, emoticons);
		Map<String, String> names = new HashMap<>();
		for (String[] fields : lines(EMOJI)) {
			String key = Lexicon.emojiKey(fields[0]);
			if (key.codePointCount(0, key.length()) == 1 && fields.length > 1) {
				names.putIfAbsent(key, fields[1].toLowerCase(Locale.ROOT));
			}
		}
		return new VaderLexicon(Map.copyOf(words), Map.copyOf(emoticons), Map.copyOf(names));
	}

	/**
	 * The words of a translation of VADER's lexicon into another language, in VADER's own
	 * format (see NOTICE for where each comes from); its emoticons are left to the
	 * English lexicon.
	 * @param resource the file shipped in this package
	 * @return valences of words and phrases, lower case without accents
	 */
	static Map<String, Double> translatedWords(String resource) {
		Map<String, Double> words = new HashMap<>();
		read(resource, words, new HashMap<>());
		return Map.copyOf(words);
	}

	/**
	 * Read a lexicon in VADER's format; a word listed more than once, as a translation of
	 * several English words can be, gets the mean of its valences.
	 */
	private static void read(String resource, Map<String, Double> words, Map<String, Double> emoticons) {
		Map<String, double[]> sums = new HashMap<>();
		for (String[] fields : lines(resource)) {
			if (fields.length < 2) {
				continue;
			}
			String entry = fields[0].strip();
			double valence = number(fields[1], resource);
			if (Math.abs(valence) < WEAKEST) {
				continue;
			}
			if (isWordy(entry)) {
				String key = Tokenizer.withoutAccents(entry.toLowerCase(Locale.ROOT)).replace('-', ' ');
				double[] sum = sums.computeIfAbsent(key.strip().replaceAll(" +", " "), (word) -> new double[2]);
				sum[0] += valence;
				sum[1]++;
			}
			else {
				emoticons.put(entry, valence);
			}
		}
		sums.forEach((word, sum) -> words.put(word, sum[0] / sum[1]));
	}

	/**
	 * The valence of each emoji as the sum of the valences of the words of its name
	 * ("face with tears of joy" reads as "joy"), for the emoji whose name carries a tone.
	 * @param wordValence the valence of one word, 0 when it has none
	 * @return valences keyed as {@link Lexicon#emojiKey}
	 */
	Map<String, Double> emojiValences(ToDoubleFunction<String> wordValence) {
		Map<String, Double> valences = new HashMap<>();
		this.emojiNames.forEach((emoji, name) -> {
			double sum = 0;
			for (String word : name.split("[^a-z']+")) {
				if (!word.isEmpty()) {
					sum += wordValence.applyAsDouble(word);
				}
			}
			if (sum != 0) {
				valences.put(emoji, sum);
			}
		});
		return Map.copyOf(valences);
	}

	private static boolean isWordy(String entry) {
		boolean letter = false;
		for (int i = 0; i < entry.length(); i++) {
			char c = entry.charAt(i);
			if (Character.isLetter(c)) {
				letter = true;
			}
			else if (!(Character.isDigit(c) || c == '\'' || c == '-' || c == ' ')) {
				return false;
			}
		}
		for (String part : entry.split("-")) {
			if (part.length() < 2) {
				return false;
			}
		}
		return letter && Character.isLetter(entry.charAt(0)) && Character.isLetter(entry.charAt(entry.length() - 1));
	}

	private static double number(String text, String resource) {
		try {
			return Double.parseDouble(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("'" + text + "' is not a number in sentiment resource " + resource, ex);
		}
	}

	private static List<String[]> lines(String resource) {
		try (InputStream in = VaderLexicon.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("sentiment resource " + resource + " is missing from the classpath");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			return reader.lines().filter((line) -> !line.isBlank()).map((line) -> line.split("\t")).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read sentiment resource " + resource, ex);
		}
	}

}
