package io.grapevine.listening.enrich.sentiment;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a social post into words, emoji, emoticons and clause boundaries, keeping what
 * sentiment needs: capitals, exclamation and question marks.
 */
final class Tokenizer {

	/**
	 * Elided words longer than one letter: French {@code qu'} and its compounds, Italian
	 * {@code un'}, articulated prepositions and demonstratives.
	 */
	private static final Set<String> ELIDED = Set.of("qu", "jusqu", "lorsqu", "puisqu", "un", "dell", "nell", "all",
			"dall", "sull", "quest", "quell", "nessun");

	private final Set<String> emoticons;

	Tokenizer(Set<String> emoticons) {
		this.emoticons = emoticons;
	}

	Tokens tokenize(String text) {
		List<Token> tokens = new ArrayList<>();
		int exclamations = 0;
		int questions = 0;
		int shoutedWords = 0;
		int quietWords = 0;
		int length = text.length();
		int chunkStart = 0;
		while (chunkStart < length) {
			while (chunkStart < length && Character.isWhitespace(text.charAt(chunkStart))) {
				chunkStart++;
			}
			int chunkEnd = chunkStart;
			while (chunkEnd < length && !Character.isWhitespace(text.charAt(chunkEnd))) {
				chunkEnd++;
			}
			if (chunkEnd == chunkStart) {
				break;
			}
			String chunk = text.substring(chunkStart, chunkEnd);
			chunkStart = chunkEnd;
			if (isLinkOrHandle(chunk)) {
				continue;
			}
			Emoticon emoticon = emoticonIn(chunk);
			if (emoticon != null) {
				tokens.add(new Token(Token.Type.EMOTICON, emoticon.key(), false));
				for (int i = emoticon.length(); i < chunk.length(); i++) {
					tokens.add(new Token(Token.Type.BOUNDARY, String.valueOf(chunk.charAt(i)), false));
					exclamations += (chunk.charAt(i) == '!') ? 1 : 0;
				}
				continue;
			}
			int wordStart = -1;
			int i = 0;
			while (i <= chunk.length()) {
				int codePoint = (i < chunk.length()) ? chunk.codePointAt(i) : ' ';
				int width = (i < chunk.length()) ? Character.charCount(codePoint) : 1;
				boolean wordPart = Character.isLetterOrDigit(codePoint) || isApostrophe(codePoint)
						|| Character.getType(codePoint) == Character.NON_SPACING_MARK;
				if (wordPart) {
					if (wordStart < 0) {
						wordStart = i;
					}
				}
				else {
					if (wordStart >= 0) {
						String raw = chunk.substring(wordStart, i);
						int elision = elision(raw);
						if (elision > 0) {
							tokens.add(new Token(Token.Type.WORD,
									withoutAccents(raw.substring(0, elision).toLowerCase(Locale.ROOT)) + "'", false));
							raw = raw.substring(elision + 1);
						}
						Token word = word(raw);
						if (word != null) {
							tokens.add(word);
							if (word.shouted()) {
								shoutedWords++;
							}
							else if (hasLetter(word.text())) {
								quietWords++;
							}
						}
						wordStart = -1;
					}
					if (i < chunk.length()) {
						if (isEmoji(codePoint)) {
							tokens.add(new Token(Token.Type.EMOJI, new String(Character.toChars(codePoint)), false));
						}
						else if (isBoundary(codePoint)) {
							tokens.add(new Token(Token.Type.BOUNDARY, new String(Character.toChars(codePoint)), false));
							exclamations += (codePoint == '!') ? 1 : 0;
							questions += (codePoint == '?') ? 1 : 0;
						}
					}
				}
				i += width;
			}
		}
		return new Tokens(List.copyOf(tokens), exclamations, questions, shoutedWords > 0 && quietWords > 0);
	}

	/**
	 * Where a French or Italian elided article or pronoun ends ({@code l'}, {@code n'},
	 * {@code qu'}, {@code dell'}), so that it reads as a word of its own.
	 * @param raw a word
	 * @return the index of the apostrophe after the elided word, or -1
	 */
	private static int elision(String raw) {
		int apostrophe = -1;
		for (int k = 0; k < raw.length(); k++) {
			if (isApostrophe(raw.charAt(k))) {
				apostrophe = k;
				break;
			}
		}
		if (apostrophe < 1 || apostrophe >= raw.length() - 1 || !Character.isLetter(raw.charAt(apostrophe + 1))) {
			return -1;
		}
		String before = raw.substring(0, apostrophe).toLowerCase(Locale.ROOT);
		boolean elided = before.length() == 1 || ELIDED.contains(before);
		return elided ? apostrophe : -1;
	}

	/**
	 * The emoticon a chunk is, as listed or drawn out the way people write them on social
	 * media: a mouth repeated ({@code :(((}, {@code ;-)))}) or the whole emoticon
	 * repeated ({@code :P:P:P}), then perhaps punctuation.
	 */
	private Emoticon emoticonIn(String chunk) {
		if (this.emoticons.contains(chunk)) {
			return new Emoticon(chunk, chunk.length());
		}
		int end = chunk.length();
		while (end > 0 && isTrailingPunctuation(chunk.charAt(end - 1))) {
			end--;
		}
		if (end == 0) {
			return null;
		}
		String drawn = chunk.substring(0, end);
		if (this.emoticons.contains(drawn)) {
			return new Emoticon(drawn, end);
		}
		if (hasLetter(drawn) && Character.isLetter(drawn.charAt(0))) {
			return null;
		}
		String collapsed = collapseRuns(drawn);
		if (collapsed.length() < drawn.length() && collapsed.length() >= 2 && this.emoticons.contains(collapsed)) {
			return new Emoticon(collapsed, end);
		}
		for (int unit = 2; unit <= 3 && unit * 2 <= drawn.length(); unit++) {
			String first = drawn.substring(0, unit);
			if (drawn.length() % unit == 0 && this.emoticons.contains(first)
					&& drawn.equals(first.repeat(drawn.length() / unit))) {
				return new Emoticon(first, end);
			}
		}
		return null;
	}

	private static String collapseRuns(String text) {
		StringBuilder collapsed = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			if (i == 0 || text.charAt(i) != text.charAt(i - 1)) {
				collapsed.append(text.charAt(i));
			}
		}
		return collapsed.toString();
	}

	private static Token word(String raw) {
		String stripped = stripApostrophes(raw);
		if (stripped.isEmpty()) {
			return null;
		}
		boolean shouted = isShouted(stripped);
		String lower = stripped.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
		return new Token(Token.Type.WORD, withoutAccents(lower), shouted);
	}

	static String withoutAccents(String word) {
		for (int i = 0; i < word.length(); i++) {
			if (word.charAt(i) > 0x7F) {
				String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
				StringBuilder plain = new StringBuilder(decomposed.length());
				for (int k = 0; k < decomposed.length(); k++) {
					char c = decomposed.charAt(k);
					if (Character.getType(c) != Character.NON_SPACING_MARK) {
						plain.append(c);
					}
				}
				return plain.toString();
			}
		}
		return word;
	}

	private static String stripApostrophes(String raw) {
		int start = 0;
		int end = raw.length();
		while (start < end && isApostrophe(raw.charAt(start))) {
			start++;
		}
		while (end > start && isApostrophe(raw.charAt(end - 1))) {
			end--;
		}
		return raw.substring(start, end);
	}

	private static boolean isShouted(String word) {
		int letters = 0;
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			if (Character.isLetter(c)) {
				if (!Character.isUpperCase(c)) {
					return false;
				}
				letters++;
			}
		}
		return letters >= 2;
	}

	private static boolean hasLetter(String word) {
		for (int i = 0; i < word.length(); i++) {
			if (Character.isLetter(word.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isLinkOrHandle(String chunk) {
		return chunk.startsWith("@") || chunk.startsWith("http://") || chunk.startsWith("https://")
				|| chunk.startsWith("www.");
	}

	private static boolean isApostrophe(int codePoint) {
		return codePoint == '\'' || codePoint == '\u2019' || codePoint == '\u2018';
	}

	private static boolean isTrailingPunctuation(char c) {
		return c == '.' || c == ',' || c == '!' || c == ';';
	}

	private static boolean isBoundary(int codePoint) {
		return switch (codePoint) {
			case '.', ',', ';', ':', '!', '?', '\u00a1', '\u00bf', '(', ')', '\u2026', '"', '\u201c', '\u201d' -> true;
			default -> false;
		};
	}

	static boolean isEmoji(int codePoint) {
		if (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF) {
			return false;
		}
		return (codePoint >= 0x1F000 && codePoint <= 0x1FAFF) || (codePoint >= 0x2600 && codePoint <= 0x27BF)
				|| (codePoint >= 0x2B00 && codePoint <= 0x2BFF) || codePoint == 0x2665 || codePoint == 0x2764;
	}

	/**
	 * An emoticon found at the start of a chunk.
	 *
	 * @param key the emoticon as listed
	 * @param length how many characters of the chunk it covers
	 */
	private record Emoticon(String key, int length) {

	}

	/**
	 * A text cut into tokens, with the punctuation and capitals that amplify its tone.
	 *
	 * @param tokens the tokens in order
	 * @param exclamations how many exclamation marks it has
	 * @param questions how many question marks it has
	 * @param mixedCase whether some words are in capitals and others not, so capitals
	 * stand out
	 */
	record Tokens(List<Token> tokens, int exclamations, int questions, boolean mixedCase) {

	}

}
