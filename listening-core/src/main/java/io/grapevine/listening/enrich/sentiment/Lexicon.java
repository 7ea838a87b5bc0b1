package io.grapevine.listening.enrich.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The words one language uses to say how it feels: valences of words and phrases,
 * negators, boosters and diminishers, contrast words and the words that open a question.
 */
final class Lexicon {

	private static final List<String> JAJA = List.of("jajaja", "jaja");

	private static final List<String> HAHA = List.of("hahaha", "ahahah", "haha", "ahah");

	private final String language;

	private final Map<String, Term> terms;

	private final Set<String> questionOpeners;

	private final List<Inflection> inflections;

	private final int longestTerm;

	private final Set<String> phraseStarts;

	private final Map<String, Double> emoji;

	private Lexicon(String language, Map<String, Term> terms, Set<String> questionOpeners, List<Inflection> inflections,
			Map<String, Double> emoji) {
		this.language = language;
		this.emoji = Map.copyOf(emoji);
		this.terms = Map.copyOf(terms);
		this.questionOpeners = Set.copyOf(questionOpeners);
		this.inflections = List.copyOf(inflections);
		this.longestTerm = terms.keySet().stream().mapToInt((term) -> term.split(" ").length).max().orElse(1);
		this.phraseStarts = terms.keySet()
			.stream()
			.filter((term) -> term.indexOf(' ') > 0)
			.map((term) -> term.substring(0, term.indexOf(' ')))
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Read the lexicon of a language from the resources shipped with this package.
	 * @param language the ISO 639-1 code
	 * @param inflections endings that fall back to a base form when a word is not listed
	 * @return the lexicon
	 */
	static Lexicon bundled(String language, List<Inflection> inflections) {
		return bundled(language, inflections, Map.of());
	}

	/**
	 * Read the lexicon of a language from the resources shipped with this package on top
	 * of a larger established lexicon: a word the shipped valences list keeps its shipped
	 * valence, any other word the valence of the established lexicon.
	 * @param language the ISO 639-1 code
	 * @param inflections endings that fall back to a base form when a word is not listed
	 * @param established valences of words and phrases, lower case without accents
	 * @return the lexicon
	 */
	static Lexicon bundled(String language, List<Inflection> inflections, Map<String, Double> established) {
		Map<String, Term> terms = new HashMap<>();
		established.forEach((term, valence) -> merge(terms, term, Term.valence(valence)));
		Set<String> questionOpeners = new HashSet<>();
		Map<String, Double> emoji = new HashMap<>();
		String modifiers = language + "-modifiers.txt";
		for (String[] fields : lines(modifiers)) {
			String kind = fields[0];
			switch (kind) {
				case "negator" -> merge(terms, key(fields, 1, fields.length), Term.NEGATOR);
				case "contrast" -> merge(terms, key(fields, 1, fields.length), Term.CONTRAST);
				case "booster" -> merge(terms, key(fields, 1, fields.length - 1),
						Term.booster(number(fields[fields.length - 1], modifiers)));
				case "question" -> questionOpeners.add(key(fields, 1, fields.length));
				case "emoji" -> {
					if (fields.length != 3) {
						throw new IllegalStateException("'" + String.join(" ", fields)
								+ "' is not an emoji and a valence in sentiment resource " + modifiers);
					}
					double valence = number(fields[2], modifiers);
					if (valence < -4 || valence > 4) {
						throw new IllegalStateException(
								"'" + fields[1] + "' has a valence outside -4..4 in sentiment resource " + modifiers);
					}
					if (emoji.put(emojiKey(fields[1]), valence) != null) {
						throw new IllegalStateException(
								"'" + fields[1] + "' is listed twice in sentiment resource " + modifiers);
					}
				}
				default ->
					throw new IllegalStateException("unknown kind '" + kind + "' in sentiment resource " + modifiers);
			}
		}
		String valences = language + "-valence.txt";
		Set<String> listed = new HashSet<>();
		for (String[] fields : lines(valences)) {
			double valence = number(fields[fields.length - 1], valences);
			String term = key(fields, 0, fields.length - 1);
			if (!listed.add(term)) {
				throw new IllegalStateException("'" + term + "' is listed twice in sentiment resource " + valences);
			}
			if (valence < -4 || valence > 4) {
				throw new IllegalStateException(
						"'" + term + "' has a valence outside -4..4 in sentiment resource " + valences);
			}
			// A valence of 0 says the word has no tone here, whatever the established
			// lexicon says.
			terms.merge(term, Term.valence(valence), (known, given) -> (valence != 0) ? known.with(given)
					: new Term(0, known.negator(), known.booster(), known.contrast()));
		}
		return new Lexicon(language, terms, questionOpeners, inflections, emoji);
	}

	/**
	 * The valence this language gives an emoji or emoticon where it reads it otherwise
	 * than the table shared by every language.
	 * @param key the emoji without modifiers, as {@link #emojiKey(String)} gives it
	 * @return its valence here, or {@code null} to read it as every language does
	 */
	Double emoji(String key) {
		return this.emoji.get(key);
	}

	/**
	 * The emoji and emoticons this language reads with a valence of its own.
	 * @return their keys, as {@link #emojiKey(String)} gives them
	 */
	Set<String> ownEmoji() {
		return this.emoji.keySet();
	}

	/**
	 * Read the neutral band of each language from a resource shipped with this package:
	 * lines of a language code and a band, each language listed once.
	 * @param resource the name of the resource
	 * @param languages the languages that must each have a band, and the only ones
	 * allowed
	 * @return the band of each language
	 * @throws IllegalStateException if a line is malformed, a language is unknown, listed
	 * twice or missing, or a band is not greater than 0 and less than 1
	 */
	static Map<String, Double> neutralBands(String resource, List<String> languages) {
		Map<String, Double> bands = new HashMap<>();
		for (String[] fields : lines(resource)) {
			if (fields.length != 2) {
				throw new IllegalStateException("'" + String.join(" ", fields)
						+ "' is not a language and a band in sentiment resource " + resource);
			}
			String language = fields[0];
			double band = number(fields[1], resource);
			if (!languages.contains(language)) {
				throw new IllegalStateException("'" + language + "' is not a language the analyzer reads " + languages
						+ " in sentiment resource " + resource);
			}
			if (!(band > 0 && band < 1)) {
				throw new IllegalStateException("the band of '" + language
						+ "' must be greater than 0 and less than 1 in sentiment resource " + resource);
			}
			if (bands.put(language, band) != null) {
				throw new IllegalStateException("'" + language + "' is listed twice in sentiment resource " + resource);
			}
		}
		List<String> missing = languages.stream().filter((language) -> !bands.containsKey(language)).toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("no neutral band for " + missing + " in sentiment resource " + resource);
		}
		return Map.copyOf(bands);
	}

	/**
	 * Read emoji and emoticon valences from the resources shipped with this package.
	 * @return valences keyed by emoji without modifiers, or by emoticon as written
	 */
	static Map<String, Double> bundledEmoji() {
		Map<String, Double> valences = new HashMap<>();
		for (String[] fields : lines("emoji.txt")) {
			valences.put(emojiKey(fields[0]), number(fields[1], "emoji.txt"));
		}
		return Map.copyOf(valences);
	}

	/**
	 * The key an emoji is listed under: without variation selectors, joiners or skin
	 * tones.
	 * @param emoji the emoji as written
	 * @return its key
	 */
	static String emojiKey(String emoji) {
		StringBuilder key = null;
		for (int i = 0; i < emoji.length(); i += Character.charCount(emoji.codePointAt(i))) {
			int cp = emoji.codePointAt(i);
			boolean modifier = cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF);
			if (modifier && key == null) {
				key = new StringBuilder(emoji.substring(0, i));
			}
			else if (!modifier && key != null) {
				key.appendCodePoint(cp);
			}
		}
		return (key != null) ? key.toString() : emoji;
	}

	String language() {
		return this.language;
	}

	int longestTerm() {
		return this.longestTerm;
	}

	boolean startsPhrase(String word) {
		return this.phraseStarts.contains(word);
	}

	boolean opensQuestion(String word) {
		return this.questionOpeners.contains(word);
	}

	/**
	 * The term listed for a phrase of several words, exactly.
	 * @param phrase words joined by single spaces
	 * @return the term, or {@code null}
	 */
	Term phrase(String phrase) {
		return this.terms.get(phrase);
	}

	/**
	 * The term listed for one word, falling back to its form without letters repeated for
	 * emphasis and to its base form.
	 * @param word the word, lower case without accents
	 * @return the term, or {@code null}
	 */
	Term word(String word) {
		Term term = this.terms.get(word);
		if (term != null) {
			return term;
		}
		String base = withoutElongation(word);
		if (base != word) {
			term = this.terms.get(base);
			if (term != null) {
				return term;
			}
			String single = withoutRepeats(word);
			term = this.terms.get(single);
			if (term != null) {
				return term;
			}
		}
		for (Inflection inflection : this.inflections) {
			String candidate = inflection.baseOf(base);
			if (candidate != null) {
				term = this.terms.get(candidate);
				if (term != null && term.valence() != 0) {
					return term;
				}
			}
		}
		return laughter(word);
	}

	/**
	 * The term listed for laughter written out at any length ({@code jajajajaj},
	 * {@code jejeje}, {@code hahahah}, {@code ahahahah}): the longest of the language's
	 * own laughter entries, or {@code null} when the word is not laughter (a {@code j} or
	 * an {@code h} at least twice between the vowels, letters held aside: not
	 * {@code ahhhh} or {@code ihhh}) or the language lists none.
	 */
	private Term laughter(String word) {
		if (word.length() < 4) {
			return null;
		}
		char consonant = 0;
		int consonants = 0;
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			if (i > 0 && c == word.charAt(i - 1)) {
				continue;
			}
			if (c == 'j' || c == 'h') {
				if (consonant != 0 && c != consonant) {
					return null;
				}
				consonant = c;
				consonants++;
			}
			else if (c != 'a' && c != 'e' && c != 'i') {
				return null;
			}
		}
		if (consonants < 2) {
			return null;
		}
		for (String listed : (consonant == 'j') ? JAJA : HAHA) {
			Term term = this.terms.get(listed);
			if (term != null) {
				return term;
			}
		}
		return null;
	}

	private static String withoutElongation(String word) {
		int run = 1;
		for (int i = 1; i < word.length(); i++) {
			run = (word.charAt(i) == word.charAt(i - 1)) ? run + 1 : 1;
			if (run >= 3) {
				return collapse(word, 2);
			}
		}
		return word;
	}

	private static String withoutRepeats(String word) {
		return collapse(word, 1);
	}

	private static String collapse(String word, int keep) {
		StringBuilder collapsed = new StringBuilder(word.length());
		int run = 0;
		for (int i = 0; i < word.length(); i++) {
			run = (i > 0 && word.charAt(i) == word.charAt(i - 1)) ? run + 1 : 1;
			if (run <= keep) {
				collapsed.append(word.charAt(i));
			}
		}
		return collapsed.toString();
	}

	private static void merge(Map<String, Term> terms, String key, Term term) {
		terms.merge(key, term, Term::with);
	}

	private static String key(String[] fields, int from, int to) {
		StringBuilder key = new StringBuilder();
		for (int i = from; i < to; i++) {
			if (key.length() > 0) {
				key.append(' ');
			}
			key.append(Tokenizer.withoutAccents(fields[i].toLowerCase(Locale.ROOT)));
		}
		return key.toString();
	}

	private static double number(String text, String resource) {
		try {
			return Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("'" + text + "' is not a number in sentiment resource " + resource, ex);
		}
	}

	private static List<String[]> lines(String resource) {
		try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("sentiment resource " + resource + " is missing from the classpath");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			return reader.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.map((line) -> line.split("\\s+"))
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read sentiment resource " + resource, ex);
		}
	}

	/**
	 * What one listed word or phrase does: carry a valence, negate, boost or diminish, or
	 * mark a contrast. A term may do several at once ("seriously" boosts and complains).
	 *
	 * @param valence how positive (above 0) or negative (below 0) it is, 0 when it has no
	 * tone of its own
	 * @param negator whether it flips the words after it
	 * @param booster how much it strengthens (above 0) or weakens (below 0) the next word
	 * @param contrast whether the clause after it outweighs the clause before it
	 */
	record Term(double valence, boolean negator, double booster, boolean contrast) {

		static final Term NEGATOR = new Term(0, true, 0, false);

		static final Term CONTRAST = new Term(0, false, 0, true);

		static Term valence(double valence) {
			return new Term(valence, false, 0, false);
		}

		static Term booster(double booster) {
			return new Term(0, false, booster, false);
		}

		Term with(Term other) {
			return new Term((other.valence != 0) ? other.valence : this.valence, this.negator || other.negator,
					(other.booster != 0) ? other.booster : this.booster, this.contrast || other.contrast);
		}

	}

	/**
	 * An ending that a language adds to a base form, as a plural "s" or a feminine "a".
	 *
	 * @param ending the ending of the inflected word
	 * @param replacement what the base form ends with instead
	 */
	record Inflection(String ending, String replacement) {

		String baseOf(String word) {
			if (word.length() > this.ending.length() + 2 && word.endsWith(this.ending)) {
				return word.substring(0, word.length() - this.ending.length()) + this.replacement;
			}
			return null;
		}

	}

}
