package io.grapevine.listening.query;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Normalises and tokenises text the same way for queries and mentions.
 * <p>
 * Normalising applies NFKC and lower case ({@link Locale#ROOT}), then strips combining
 * marks after Latin, Greek and Cyrillic letters (so "Café" reads "cafe"), and maps the
 * final sigma to sigma. Marks of other scripts (Devanagari vowel signs, Japanese voicing
 * marks) carry meaning there and are kept.
 * <p>
 * A token is a run of letters, digits ({@link Character#isLetterOrDigit}), combining
 * marks and {@code _}; every Han ideograph and every Hiragana character is a token of its
 * own, as in Unicode word segmentation, so a Japanese word in a query becomes a phrase of
 * its characters. Katakana and Hangul runs stay whole words. Scripts written without
 * spaces other than these (Thai, Khmer) are tokenised by run only. A {@code #} or
 * {@code @} not preceded by a word character starts a hashtag or handle that runs over
 * the following word characters; its words are tokens too.
 */
final class TextAnalysis {

	private final List<String> tokens = new ArrayList<>();

	private final List<String> hashtags = new ArrayList<>(2);

	private final List<String> handles = new ArrayList<>(2);

	private TextAnalysis() {
	}

	static String normalize(String text) {
		if (isAscii(text)) {
			return text.toLowerCase(Locale.ROOT);
		}
		String decomposed = Normalizer
			.normalize(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
		StringBuilder kept = new StringBuilder(decomposed.length());
		boolean stripMarks = false;
		for (int i = 0; i < decomposed.length();) {
			int cp = decomposed.codePointAt(i);
			i += Character.charCount(cp);
			if (Character.getType(cp) == Character.NON_SPACING_MARK) {
				if (stripMarks) {
					continue;
				}
			}
			else {
				UnicodeScript script = UnicodeScript.of(cp);
				stripMarks = script == UnicodeScript.LATIN || script == UnicodeScript.GREEK
						|| script == UnicodeScript.CYRILLIC;
			}
			kept.appendCodePoint((cp == 'ς') ? 'σ' : cp);
		}
		return Normalizer.normalize(kept, Normalizer.Form.NFC);
	}

	static TextAnalysis of(String normalized) {
		TextAnalysis analysis = new TextAnalysis();
		analysis.analyze(normalized);
		return analysis;
	}

	static List<String> tokens(String normalized) {
		return of(normalized).tokens;
	}

	List<String> tokens() {
		return this.tokens;
	}

	List<String> hashtags() {
		return this.hashtags;
	}

	List<String> handles() {
		return this.handles;
	}

	static boolean isWordChar(int cp) {
		if (Character.isLetterOrDigit(cp) || cp == '_') {
			return true;
		}
		int type = Character.getType(cp);
		return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
				|| type == Character.ENCLOSING_MARK;
	}

	static boolean isAllWordChars(String text) {
		return !text.isEmpty() && text.codePoints().allMatch(TextAnalysis::isWordChar);
	}

	private static boolean standsAlone(int cp) {
		UnicodeScript script = UnicodeScript.of(cp);
		return script == UnicodeScript.HAN || script == UnicodeScript.HIRAGANA;
	}

	private void analyze(String text) {
		int start = -1;
		int previous = ' ';
		int length = text.length();
		for (int i = 0; i < length;) {
			int cp = text.codePointAt(i);
			int width = Character.charCount(cp);
			if (isWordChar(cp)) {
				if (cp > 0x2E7F && standsAlone(cp)) {
					flush(text, start, i);
					start = -1;
					this.tokens.add(text.substring(i, i + width));
				}
				else if (start < 0) {
					start = i;
				}
			}
			else {
				flush(text, start, i);
				start = -1;
				if ((cp == '#' || cp == '@') && !isWordChar(previous)) {
					int end = wordEnd(text, i + 1);
					if (end > i + 1) {
						((cp == '#') ? this.hashtags : this.handles).add(text.substring(i + 1, end));
					}
				}
			}
			previous = cp;
			i += width;
		}
		flush(text, start, length);
	}

	private void flush(String text, int start, int end) {
		if (start >= 0 && end > start) {
			this.tokens.add(text.substring(start, end));
		}
	}

	private static int wordEnd(String text, int from) {
		int i = from;
		while (i < text.length()) {
			int cp = text.codePointAt(i);
			if (!isWordChar(cp)) {
				break;
			}
			i += Character.charCount(cp);
		}
		return i;
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

}
