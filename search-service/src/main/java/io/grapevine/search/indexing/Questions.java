package io.grapevine.search.indexing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells whether a mention asks something: its text holds a question mark, or begins with
 * a question word of its language (of any language the platform listens in when the
 * language is not known).
 */
public final class Questions {

	private static final String QUESTION_MARKS = "?¿？؟";

	// Accents are kept: "qué" asks, "que" mostly does not.
	private static final Map<String, Set<String>> QUESTION_WORDS = Map.of("en",
			Set.of("who", "what", "when", "where", "why", "how", "which", "whose", "whom", "is", "are", "do", "does",
					"did", "can", "could", "should", "would", "anyone", "anybody", "has", "have"),
			"es",
			Set.of("qué", "quién", "quiénes", "cuándo", "dónde", "adónde", "cómo", "cuál", "cuáles", "cuánto", "cuánta",
					"cuántos", "cuántas", "alguien"),
			"fr",
			Set.of("qui", "quoi", "quand", "où", "pourquoi", "comment", "quel", "quelle", "quels", "quelles", "combien",
					"est-ce", "qu'est-ce"),
			"de",
			Set.of("wer", "was", "wann", "wo", "warum", "wieso", "weshalb", "wie", "welche", "welcher", "welches",
					"woher", "wohin", "gibt"),
			"pt",
			Set.of("quem", "quando", "onde", "porquê", "como", "qual", "quais", "quanto", "quantos", "quanta",
					"quantas", "alguém"),
			"it", Set.of("chi", "cosa", "quando", "dove", "perché", "come", "quale", "quali", "quanto", "quanti",
					"quanta", "quante", "qualcuno"));

	private static final Set<String> ANY_LANGUAGE = QUESTION_WORDS.values()
		.stream()
		.flatMap(Set::stream)
		.collect(Collectors.toUnmodifiableSet());

	private Questions() {
	}

	/**
	 * Whether a text asks a question.
	 * @param text the text
	 * @param language its ISO 639-1 language, if detected
	 * @return true when it holds a question mark or begins with a question word
	 */
	public static boolean asks(String text, Optional<String> language) {
		if (text == null || text.isBlank()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (QUESTION_MARKS.indexOf(text.charAt(i)) >= 0) {
				return true;
			}
		}
		Set<String> words = language.map((code) -> QUESTION_WORDS.get(code.toLowerCase(Locale.ROOT)))
			.orElse(ANY_LANGUAGE);
		return firstWord(text).map((word) -> ((words != null) ? words : ANY_LANGUAGE).contains(word)).orElse(false);
	}

	/**
	 * The languages whose question words are known.
	 * @return ISO 639-1 codes
	 */
	static List<String> languages() {
		return QUESTION_WORDS.keySet().stream().sorted().toList();
	}

	private static Optional<String> firstWord(String text) {
		int start = 0;
		while (start < text.length() && !Character.isLetter(text.codePointAt(start))) {
			start += Character.charCount(text.codePointAt(start));
		}
		int end = start;
		while (end < text.length()) {
			int cp = text.codePointAt(end);
			if (!Character.isLetter(cp) && cp != '\'' && cp != '’' && cp != '-') {
				break;
			}
			end += Character.charCount(cp);
		}
		if (end == start) {
			return Optional.empty();
		}
		return Optional.of(text.substring(start, end).replace('’', '\'').toLowerCase(Locale.ROOT));
	}

}
