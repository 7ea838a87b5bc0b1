package io.grapevine.listening.enrich.cluster;

import java.lang.Character.UnicodeScript;
import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What near-duplicate detection sees of a mention's text: its words once the decoration
 * of copies is gone, their shingles, and the numbers it states.
 * <p>
 * Normalising strips a leading {@code RT @name:}, links, the {@code @handles} a reply
 * starts with, a trailing {@code via @name}, blocks of two or more hashtags and a
 * trailing hashtag block, the {@code #} of a lone hashtag, punctuation, emoji, case and
 * accents. Texts of {@value #SHORT_TEXT_WORDS} or more words are shingled into word
 * 3-grams; a shorter text is one shingle of all its words, so it only matches the same
 * words exactly.
 *
 * @param words the normalised words
 * @param vocabulary hashes of the distinct words, sorted
 * @param shingles hashes of the shingles, sorted, without repeats
 * @param numbers hash of the sorted distinct words that hold a digit (0 when none)
 */
record ClusterText(List<String> words, int[] vocabulary, int[] shingles, long numbers) {

	static final int SHORT_TEXT_WORDS = 5;

	private static final Pattern RETWEET = Pattern.compile("^\\s*(?:RT\\s+@[\\w.@-]+\\s*:?\\s*)+",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern LINK = Pattern.compile("(?:https?://|www\\.)\\S+", Pattern.CASE_INSENSITIVE);

	private static final Pattern LEADING_HANDLES = Pattern.compile("^\\s*(?:[.]?@[\\w.@-]+[\\s,:]*)+");

	private static final Pattern VIA = Pattern.compile("[\\s(\\[\\-–—|]*\\bvia\\s+@[\\w.@-]+[\\s)\\].!]*$",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern HASHTAG_BLOCK = Pattern.compile("(?:(?<![\\w&])#[\\w-]+[\\s,]*){2,}");

	private static final Pattern TRAILING_HASHTAGS = Pattern.compile("(?:(?<![\\w&])#[\\w-]+[\\s,.!]*)+$");

	static ClusterText of(String text) {
		List<String> words = words(strip(text));
		if (words.isEmpty()) {
			return onlyLinks(text);
		}
		long[] hashes = new long[words.size()];
		for (int i = 0; i < hashes.length; i++) {
			hashes[i] = Hashing.hash(words.get(i));
		}
		return new ClusterText(words, vocabulary(hashes), shingles(words, hashes), numbers(words));
	}

	// A post that is nothing but a link is a copy of another that is the same link.
	private static ClusterText onlyLinks(String text) {
		TreeSet<String> links = new TreeSet<>();
		Matcher matcher = LINK.matcher(text);
		while (matcher.find()) {
			String link = matcher.group();
			try {
				canonicalUrl(URI.create(link.startsWith("www.") ? "https://" + link : link)).ifPresent(links::add);
			}
			catch (IllegalArgumentException ex) {
				links.add(link);
			}
		}
		if (links.isEmpty()) {
			return new ClusterText(List.of(), new int[0], new int[0], 0);
		}
		String key = "link " + String.join(" ", links);
		return new ClusterText(List.of(), new int[0], new int[] { (int) Hashing.hash(key) }, Hashing.hash(key));
	}

	static String strip(String text) {
		// Each pattern runs only when its mark is there: most texts have no retweet
		// prefix,
		// link, leading handle, via or hashtag, and the patterns cost far more than a
		// scan.
		String stripped = startsWith(text, "rt ") ? RETWEET.matcher(text).replaceFirst("") : text;
		if (stripped.contains("http") || stripped.contains("www.") || stripped.contains("WWW.")) {
			stripped = LINK.matcher(stripped).replaceAll(" ");
		}
		if (startsWith(stripped, "@") || startsWith(stripped, ".@")) {
			stripped = LEADING_HANDLES.matcher(stripped).replaceFirst("");
		}
		boolean hashtags = stripped.indexOf('#') >= 0;
		if (hashtags || containsVia(stripped)) {
			String before;
			do {
				before = stripped;
				stripped = VIA.matcher(stripped).replaceFirst("");
				stripped = hashtags ? TRAILING_HASHTAGS.matcher(stripped).replaceFirst("") : stripped;
			}
			while (!stripped.equals(before));
		}
		return hashtags ? HASHTAG_BLOCK.matcher(stripped).replaceAll(" ") : stripped;
	}

	private static boolean startsWith(String text, String prefix) {
		int start = 0;
		while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
			start++;
		}
		return text.regionMatches(true, start, prefix, 0, prefix.length());
	}

	private static boolean containsVia(String text) {
		for (int i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
			if (i >= 4 && text.regionMatches(true, i - 4, "via", 0, 3)) {
				return true;
			}
		}
		return false;
	}

	static List<String> words(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		String folded = isAscii(lower) ? lower : Normalizer.normalize(lower, Normalizer.Form.NFD);
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < folded.length();) {
			int cp = folded.codePointAt(i);
			i += Character.charCount(cp);
			int type = Character.getType(cp);
			if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
				continue;
			}
			if (Character.isLetterOrDigit(cp) || type == Character.COMBINING_SPACING_MARK) {
				if (cp > 0x2E7F && standsAlone(cp)) {
					flush(word, words);
					words.add(Character.toString(cp));
				}
				else {
					word.appendCodePoint(cp);
				}
			}
			else if (cp != '\'' && cp != '’') {
				flush(word, words);
			}
		}
		flush(word, words);
		return words;
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	private static boolean standsAlone(int cp) {
		UnicodeScript script = UnicodeScript.of(cp);
		return script == UnicodeScript.HAN || script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA
				|| script == UnicodeScript.THAI;
	}

	private static void flush(StringBuilder word, List<String> words) {
		if (!word.isEmpty()) {
			words.add(word.toString());
			word.setLength(0);
		}
	}

	private static int[] shingles(List<String> words, long[] wordHashes) {
		if (words.size() < SHORT_TEXT_WORDS) {
			return new int[] { (int) Hashing.hash(String.join(" ", words)) };
		}
		int[] hashes = new int[words.size() - 2];
		for (int i = 0; i < hashes.length; i++) {
			long hash = Hashing.mix(wordHashes[i] * 31 + wordHashes[i + 1]);
			hash = Hashing.mix(hash * 31 + wordHashes[i + 2]);
			hashes[i] = (int) (hash ^ (hash >>> 32));
		}
		return distinct(hashes);
	}

	private static int[] vocabulary(long[] wordHashes) {
		int[] hashes = new int[wordHashes.length];
		for (int i = 0; i < hashes.length; i++) {
			hashes[i] = (int) wordHashes[i];
		}
		return distinct(hashes);
	}

	private static int[] distinct(int[] hashes) {
		Arrays.sort(hashes);
		int distinct = 0;
		for (int i = 0; i < hashes.length; i++) {
			if (i == 0 || hashes[i] != hashes[i - 1]) {
				hashes[distinct++] = hashes[i];
			}
		}
		return Arrays.copyOf(hashes, distinct);
	}

	/**
	 * Whether each text has a word the other lacks, as when a template is filled in twice
	 * ("at Northgate" and "at Central") rather than one text adding to or cutting the
	 * other.
	 * @param other the other text's vocabulary
	 * @return whether words were swapped rather than only added or removed
	 */
	boolean swapsWordsWith(int[] other) {
		return hasOneMissingFrom(this.vocabulary, other) && hasOneMissingFrom(other, this.vocabulary);
	}

	private static boolean hasOneMissingFrom(int[] words, int[] other) {
		for (int word : words) {
			if (Arrays.binarySearch(other, word) < 0) {
				return true;
			}
		}
		return false;
	}

	private static long numbers(List<String> words) {
		TreeSet<String> numbers = null;
		for (String word : words) {
			for (int i = 0; i < word.length(); i++) {
				if (Character.isDigit(word.charAt(i))) {
					numbers = (numbers != null) ? numbers : new TreeSet<>();
					numbers.add(word);
					break;
				}
			}
		}
		return (numbers == null) ? 0 : Hashing.hash(String.join(" ", numbers));
	}

	/**
	 * The share of shingles two texts have in common (Jaccard similarity).
	 * @param other the other text's shingles
	 * @return from 0 (nothing shared) to 1 (the same shingles)
	 */
	double similarity(int[] other) {
		return jaccard(this.shingles, other);
	}

	static double jaccard(int[] a, int[] b) {
		if (a.length == 0 || b.length == 0) {
			return 0;
		}
		int i = 0;
		int j = 0;
		int shared = 0;
		while (i < a.length && j < b.length) {
			if (a[i] == b[j]) {
				shared++;
				i++;
				j++;
			}
			else if (a[i] < b[j]) {
				i++;
			}
			else {
				j++;
			}
		}
		return (double) shared / (a.length + b.length - shared);
	}

	/**
	 * A link in a canonical form, so copies of one page with tracking parameters, another
	 * scheme or a trailing slash compare equal.
	 * @param url the link
	 * @return the canonical form, or empty for a link without a host
	 */
	static Optional<String> canonicalUrl(URI url) {
		String host = url.getHost();
		if (host == null) {
			return Optional.empty();
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.startsWith("www.")) {
			host = host.substring(4);
		}
		String path = Optional.ofNullable(url.getRawPath()).orElse("");
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		String query = Optional.ofNullable(url.getRawQuery()).map(ClusterText::withoutTracking).orElse("");
		return Optional.of(host + path + (query.isEmpty() ? "" : "?" + query));
	}

	private static String withoutTracking(String query) {
		StringBuilder kept = new StringBuilder();
		for (String parameter : query.split("&")) {
			String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
			if (name.startsWith("utm_") || name.equals("fbclid") || name.equals("gclid") || name.equals("ref")
					|| name.equals("s") || parameter.isEmpty()) {
				continue;
			}
			kept.append(kept.isEmpty() ? "" : "&").append(parameter);
		}
		return kept.toString();
	}

	static boolean isRetweet(String text) {
		Matcher matcher = RETWEET.matcher(text);
		return matcher.find();
	}

}
