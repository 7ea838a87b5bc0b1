package io.grapevine.listening.enrich.language;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the words of a social post the way language profiles see them: URLs, @handles,
 * #hashtags, e-mail addresses, digits, punctuation and emoji dropped, letters
 * lower-cased, and each word turned into its letters, its padded bigrams and trigrams,
 * and the word itself.
 */
final class SocialText {

	/** The kind of a feature: one of the n-gram sizes, or a whole word. */
	static final int UNIGRAM = 0;

	static final int BIGRAM = 1;

	static final int TRIGRAM = 2;

	static final int WORD = 3;

	static final int KINDS = 4;

	private static final int MAX_WORD = 48;

	private static final Set<String> TOP_LEVEL_DOMAINS = Set.of("com", "org", "net", "io", "co", "es", "fr", "de", "it",
			"pt", "br", "uk", "us", "ly", "me", "tv", "app", "info", "eu", "gov", "edu", "be", "ch", "at", "mx", "ar",
			"ca", "ie", "nl", "social", "online", "news", "gl", "gd", "to");

	private SocialText() {
	}

	/** Receives the features of a text. */
	interface FeatureSink {

		/**
		 * One feature.
		 * @param key the feature, unique across kinds
		 * @param kind {@link #UNIGRAM}, {@link #BIGRAM}, {@link #TRIGRAM} or
		 * {@link #WORD}
		 */
		void accept(long key, int kind);

	}

	/**
	 * Feed every feature of a text to a sink.
	 * @param text any text, possibly empty
	 * @param sink what receives the features
	 * @return how many letters the words held, and in the upper half how many of them
	 * were not Latin letters
	 */
	static long features(CharSequence text, FeatureSink sink) {
		String source = composed(text);
		char[] word = new char[MAX_WORD];
		long letters = 0;
		int length = source.length();
		int start = 0;
		while (start < length) {
			while (start < length && isSpace(source.charAt(start))) {
				start++;
			}
			int end = start;
			while (end < length && !isSpace(source.charAt(end))) {
				end++;
			}
			if (end > start && !isNoise(source, start, end)) {
				letters += words(source, start, end, word, sink);
			}
			start = end;
		}
		return letters;
	}

	private static String composed(CharSequence text) {
		String source = text.toString();
		for (int i = 0; i < source.length(); i++) {
			char c = source.charAt(i);
			// Decomposed accents (e + U+0301) would split words; compose only when
			// present.
			if (c >= '\u0300' && c <= '\u036f') {
				return Normalizer.normalize(source, Normalizer.Form.NFC);
			}
		}
		return source;
	}

	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	private static boolean isNoise(String text, int start, int end) {
		char first = text.charAt(start);
		if (first == '@' || first == '#' || first == '＃' || first == '$') {
			return true;
		}
		boolean dot = false;
		boolean slash = false;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c == '@' && i > start) {
				return true;
			}
			if (c == '/') {
				slash = true;
			}
			if (c == '.' && i > start && i < end - 1 && Character.isLetterOrDigit(text.charAt(i + 1))) {
				dot = true;
			}
			if (c == ':' && i + 2 < end && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/') {
				return true;
			}
		}
		if (end - start > 4 && text.regionMatches(true, start, "www.", 0, 4)) {
			return true;
		}
		if (dot && slash) {
			return true;
		}
		return dot && endsWithTopLevelDomain(text, start, end);
	}

	private static boolean endsWithTopLevelDomain(String text, int start, int end) {
		int last = end;
		while (last > start && !Character.isLetterOrDigit(text.charAt(last - 1))) {
			last--;
		}
		int dot = text.lastIndexOf('.', last - 1);
		if (dot <= start) {
			return false;
		}
		return TOP_LEVEL_DOMAINS.contains(text.substring(dot + 1, last).toLowerCase(Locale.ROOT));
	}

	private static long words(String text, int start, int end, char[] word, FeatureSink sink) {
		long letters = 0;
		int size = 0;
		int i = start;
		while (i < end) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			if (Character.isLetter(codePoint) && codePoint <= 0xFFFF) {
				if (size < MAX_WORD) {
					word[size++] = (char) Character.toLowerCase(codePoint);
				}
				letters += isLatin(codePoint) ? 1 : (1L << 32) + 1;
			}
			else {
				emit(word, size, sink);
				size = 0;
			}
		}
		emit(word, size, sink);
		return letters;
	}

	private static boolean isLatin(int codePoint) {
		return codePoint < 0x0250 || (codePoint >= 0x1E00 && codePoint <= 0x1EFF);
	}

	private static void emit(char[] word, int size, FeatureSink sink) {
		if (size == 0) {
			return;
		}
		long hash = 0xcbf29ce484222325L;
		char previous = ' ';
		char beforePrevious = ' ';
		for (int i = 0; i <= size; i++) {
			char c = (i < size) ? word[i] : ' ';
			if (i < size) {
				sink.accept(gram(1, 0, 0, c), UNIGRAM);
				hash = (hash ^ c) * 0x100000001b3L;
			}
			sink.accept(gram(2, 0, previous, c), BIGRAM);
			if (i > 0) {
				sink.accept(gram(3, beforePrevious, previous, c), TRIGRAM);
			}
			beforePrevious = previous;
			previous = c;
		}
		sink.accept(hash | Long.MIN_VALUE, WORD);
	}

	private static long gram(long size, long first, long second, long third) {
		return (size << 48) | (first << 32) | (second << 16) | third;
	}

}
