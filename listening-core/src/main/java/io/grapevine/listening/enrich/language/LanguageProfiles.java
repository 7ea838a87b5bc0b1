package io.grapevine.listening.enrich.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Naive Bayes profiles of the supported languages over letters, padded bigrams and
 * trigrams and whole words, trained once from the corpus shipped in this package's
 * resources and read-only afterwards.
 */
final class LanguageProfiles {

	/** The languages with a shipped training corpus, in profile order. */
	static final List<String> LANGUAGES = List.of("en", "es", "fr", "de", "pt", "it", "nl", "ca");

	private static final double SMOOTHING = 0.5;

	// Letters, bigrams, trigrams, words: chosen by five-fold cross-validation on two- and
	// three-word fragments of the training text, never on the labelled sample.
	private static final float[] KIND_WEIGHTS = { 0.2f, 0.5f, 1.0f, 3.0f };

	// Open addressing on the feature key; the weights of the feature in slot s are at
	// s * LANGUAGES.size(), so a lookup touches two arrays and no objects.
	private final long[] keys;

	private final float[] weights;

	private final int mask;

	private LanguageProfiles(long[] keys, float[] weights) {
		this.keys = keys;
		this.weights = weights;
		this.mask = keys.length - 1;
	}

	/**
	 * The profiles trained from the shipped corpus, built on first use.
	 * @return the shared profiles
	 */
	static LanguageProfiles shipped() {
		return Shipped.PROFILES;
	}

	/**
	 * Train profiles from one text per language.
	 * @param corpus training text by language, keyed by the codes of {@link #LANGUAGES}
	 * @return the profiles
	 */
	static LanguageProfiles train(Map<String, ? extends Iterable<String>> corpus) {
		int languages = LANGUAGES.size();
		Map<Long, int[]> counts = new HashMap<>();
		Map<Long, Integer> kinds = new HashMap<>();
		long[][] totals = new long[SocialText.KINDS][languages];
		for (int language = 0; language < languages; language++) {
			int index = language;
			Iterable<String> lines = corpus.get(LANGUAGES.get(language));
			if (lines == null) {
				throw new IllegalArgumentException("no training text for language " + LANGUAGES.get(language));
			}
			for (String line : lines) {
				SocialText.features(line, (key, kind) -> {
					counts.computeIfAbsent(key, (k) -> new int[languages])[index]++;
					kinds.putIfAbsent(key, kind);
					totals[kind][index]++;
				});
			}
		}
		int[] vocabulary = new int[SocialText.KINDS];
		kinds.values().forEach((kind) -> vocabulary[kind]++);
		int capacity = Integer.highestOneBit(Math.max(16, counts.size() * 3 / 2)) * 2;
		long[] keys = new long[capacity];
		float[] weights = new float[capacity * languages];
		for (Map.Entry<Long, int[]> entry : counts.entrySet()) {
			long key = entry.getKey();
			int kind = kinds.get(key);
			int slot = spread(key) & (capacity - 1);
			while (keys[slot] != 0) {
				slot = (slot + 1) & (capacity - 1);
			}
			keys[slot] = key;
			for (int language = 0; language < languages; language++) {
				double probability = (entry.getValue()[language] + SMOOTHING)
						/ (totals[kind][language] + SMOOTHING * vocabulary[kind]);
				weights[slot * languages + language] = (float) (KIND_WEIGHTS[kind] * Math.log(probability));
			}
		}
		return new LanguageProfiles(keys, weights);
	}

	/**
	 * Score a text against every profile.
	 * @param text the text
	 * @param scores receives one log-likelihood per language of {@link #LANGUAGES},
	 * zeroed first
	 * @return what was read
	 */
	Read score(CharSequence text, double[] scores) {
		int languages = LANGUAGES.size();
		Arrays.fill(scores, 0);
		int[] known = new int[3];
		long letters = SocialText.features(text, (key, kind) -> {
			if (kind == SocialText.WORD) {
				known[1]++;
			}
			int feature = find(key);
			if (feature >= 0) {
				if (kind == SocialText.WORD) {
					known[2]++;
				}
				int base = feature * languages;
				for (int language = 0; language < languages; language++) {
					scores[language] += this.weights[base + language];
				}
				known[0]++;
			}
		});
		return new Read((int) letters, (int) (letters >>> 32), known[0], known[1], known[2]);
	}

	/**
	 * How much of a text the profiles could read.
	 *
	 * @param letters the letters of its words
	 * @param nonLatin how many of those letters are not Latin
	 * @param known how many of its features the profiles know
	 * @param words how many words it holds
	 * @param knownWords how many of those words the training text holds, in any language
	 */
	record Read(int letters, int nonLatin, int known, int words, int knownWords) {

	}

	private int find(long key) {
		int slot = spread(key) & this.mask;
		while (true) {
			long candidate = this.keys[slot];
			if (candidate == key) {
				return slot;
			}
			if (candidate == 0) {
				return -1;
			}
			slot = (slot + 1) & this.mask;
		}
	}

	private static int spread(long key) {
		long mixed = key * 0x9E3779B97F4A7C15L;
		return (int) (mixed ^ (mixed >>> 29) ^ (mixed >>> 47));
	}

	/**
	 * Read the shipped training text of one language.
	 * @param language the language code
	 * @return its lines, blank lines and lines starting with {@code #} left out
	 */
	static List<String> shippedCorpus(String language) {
		String name = "training-" + language + ".txt";
		try (InputStream in = LanguageProfiles.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("the training text " + name + " is missing from the classpath");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			return reader.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read the training text " + name, ex);
		}
	}

	private static final class Shipped {

		static final LanguageProfiles PROFILES;

		static {
			Map<String, List<String>> corpus = new HashMap<>();
			for (String language : LANGUAGES) {
				corpus.put(language, shippedCorpus(language));
			}
			PROFILES = train(corpus);
		}

	}

}
