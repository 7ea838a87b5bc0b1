package io.grapevine.search.analytics.elasticsearch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Counts the mentions of a sample that hold each word, as {@code significant_text} with
 * {@code filter_duplicate_text} does: a passage of {@value #COPIED} words or more that an
 * earlier mention of the sample already holds is a copy, and its words are not counted
 * again.
 */
final class SampledWords {

	/** How many words in a row make a copied passage. */
	static final int COPIED = 6;

	private final Predicate<String> counted;

	private final Set<String> passages = new HashSet<>();

	private final Map<String, Long> counts = new HashMap<>();

	private long mentions;

	/**
	 * Start counting.
	 * @param counted which words are counted at all
	 */
	SampledWords(Predicate<String> counted) {
		this.counted = counted;
	}

	/**
	 * Count the words of the next mention of the sample.
	 * @param words its words as the {@code whitespace} analyzer reads them
	 */
	void add(String words) {
		this.mentions++;
		List<String> tokens = tokens(words);
		boolean[] copied = new boolean[tokens.size()];
		List<String> own = new ArrayList<>();
		for (int i = 0; i + COPIED <= tokens.size(); i++) {
			String passage = String.join(" ", tokens.subList(i, i + COPIED));
			if (this.passages.contains(passage)) {
				for (int j = i; j < i + COPIED; j++) {
					copied[j] = true;
				}
			}
			own.add(passage);
		}
		this.passages.addAll(own);
		Set<String> held = new HashSet<>();
		for (int i = 0; i < tokens.size(); i++) {
			if (!copied[i] && this.counted.test(tokens.get(i))) {
				held.add(tokens.get(i));
			}
		}
		held.forEach((word) -> this.counts.merge(word, 1L, Long::sum));
	}

	/**
	 * How many mentions were counted.
	 * @return the number
	 */
	long mentions() {
		return this.mentions;
	}

	/**
	 * The words in at least some number of mentions, the most said first.
	 * @param minCount the least count
	 * @param limit how many words at most
	 * @return each word's count, in order
	 */
	Map<String, Long> atLeast(int minCount, int limit) {
		Map<String, Long> words = new LinkedHashMap<>();
		this.counts.entrySet()
			.stream()
			.filter((word) -> word.getValue() >= minCount)
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(limit)
			.forEach((word) -> words.put(word.getKey(), word.getValue()));
		return words;
	}

	private static List<String> tokens(String words) {
		List<String> tokens = new ArrayList<>();
		int start = -1;
		for (int i = 0; i <= words.length(); i++) {
			boolean space = i == words.length() || Character.isWhitespace(words.charAt(i));
			if (space && start >= 0) {
				tokens.add(words.substring(start, i));
				start = -1;
			}
			else if (!space && start < 0) {
				start = i;
			}
		}
		return tokens;
	}

}
