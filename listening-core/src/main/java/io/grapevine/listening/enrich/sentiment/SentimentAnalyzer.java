package io.grapevine.listening.enrich.sentiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.grapevine.listening.enrich.sentiment.Lexicon.Inflection;
import io.grapevine.listening.enrich.sentiment.Lexicon.Term;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;

/**
 * Scores how a short social post feels, from -1 to 1 with a label, with lexicons and
 * rules shipped with the code: negation, boosters and diminishers, capitals, exclamation
 * marks, "but" clauses, emoji and emoticons. It is immutable and safe to share between
 * threads.
 */
public final class SentimentAnalyzer {

	/** Languages with a lexicon of their own; any other language is read as English. */
	public static final List<String> LANGUAGES = List.of("en", "es", "fr", "de", "pt", "it");

	private static final String FALLBACK_LANGUAGE = "en";

	private static final double NEGATION = -0.74;

	private static final double SHOUT = 0.733;

	private static final double[] BOOSTER_DECAY = { 1.0, 0.95, 0.9 };

	private static final int WINDOW = 3;

	private static final double BEFORE_CONTRAST = 0.5;

	private static final double AFTER_CONTRAST = 1.5;

	private static final double EXCLAMATION = 0.292;

	private static final int MAX_EXCLAMATIONS = 4;

	private static final double QUESTION_DAMPING = 0.25;

	/**
	 * The neutral band {@link #QUESTION_DAMPING} was set for: a language with a narrower
	 * band damps questions as much more, so that a question needs as much tone to leave
	 * its band in every language.
	 */
	private static final double QUESTION_DAMPING_BAND = 0.2;

	private static final double NORMALIZATION = 15;

	private static final SentimentAnalyzer BUNDLED = new SentimentAnalyzer();

	private final Map<String, Lexicon> lexicons;

	private final Map<String, Double> emoji;

	private final Map<String, Double> neutralBands;

	private final Tokenizer tokenizer;

	private SentimentAnalyzer() {
		VaderLexicon vader = VaderLexicon.bundled();
		Lexicon english = Lexicon.bundled("en", inflections("'s", "", "s", "", "es", ""), vader.words());
		this.lexicons = Map
			.of("en", english, "es", Lexicon.bundled("es",
					inflections("s", "", "es", "", "a", "o", "as", "o", "os", "o", "ora", "or", "oras", "or", "amos",
							"ar", "an", "ar", "aron", "ar", "ando", "ar", "ado", "ar", "ada", "ar", "ados", "ar",
							"adas", "ar", "emos", "er", "en", "er", "ieron", "er", "iendo", "er", "imos", "ir", "en",
							"ir", "ieron", "ir", "iendo", "ir", "ido", "er", "ido", "ir", "ida", "er", "ida", "ir")),
					"fr",
					Lexicon.bundled("fr",
							inflections("s", "", "x", "", "e", "", "es", "", "ee", "e", "ees", "e", "euse", "eux",
									"euses", "eux", "ive", "if", "ives", "if"),
							VaderLexicon.translatedWords("vader_lexicon_fr.txt")),
					"de", Lexicon.bundled("de", inflections("es", "", "em", "", "en", "", "er", "", "e", "", "s", "")),
					"pt",
					Lexicon.bundled("pt",
							inflections("s", "", "es", "", "a", "o", "as", "o", "os", "o", "oes", "ao", "eis", "el",
									"issimo", "o", "issima", "o", "issimos", "o", "issimas", "o", "ora", "or")),
					"it",
					Lexicon.bundled("it",
							inflections("a", "o", "i", "o", "e", "o", "i", "e", "issimo", "o", "issima", "o", "issimi",
									"o", "issime", "o", "issimo", "e", "issima", "e", "issimi", "e", "issime", "e"),
							PatternLexicon.words("it-sentiment.xml")));
		this.emoji = emoji(vader, english);
		this.tokenizer = new Tokenizer(this.emoji.keySet());
		this.lexicons.forEach((code, lexicon) -> lexicon.ownEmoji().forEach((key) -> {
			if (!this.emoji.containsKey(key)) {
				throw new IllegalStateException("'" + key + "' in sentiment resource " + code
						+ "-modifiers.txt is not an emoji or emoticon of the table every language shares");
			}
		}));
		this.neutralBands = Lexicon.neutralBands("neutral-bands.txt", LANGUAGES);
	}

	private static Map<String, Double> emoji(VaderLexicon vader, Lexicon english) {
		Map<String, Double> emoji = new HashMap<>(vader.emojiValences((word) -> {
			Term term = english.word(word);
			return (term != null) ? term.valence() : 0;
		}));
		emoji.putAll(vader.emoticons());
		emoji.putAll(Lexicon.bundledEmoji());
		return Map.copyOf(emoji);
	}

	private static List<Inflection> inflections(String... endingsAndReplacements) {
		List<Inflection> inflections = new ArrayList<>();
		for (int i = 0; i < endingsAndReplacements.length; i += 2) {
			inflections.add(new Inflection(endingsAndReplacements[i], endingsAndReplacements[i + 1]));
		}
		return inflections;
	}

	/**
	 * The analyzer with the lexicons shipped in this package.
	 * @return the shared analyzer
	 */
	public static SentimentAnalyzer bundled() {
		return BUNDLED;
	}

	/**
	 * Score a text in the given language.
	 * @param text the text of the post; {@code null} or blank reads as neutral
	 * @param language ISO 639-1 code (a region such as {@code es-MX} is ignored), or
	 * empty to read it as English
	 * @return its score and label, neutral when nothing in it carries a tone
	 */
	public SentimentScore analyze(String text, Optional<String> language) {
		if (text == null || text.isBlank()) {
			return neutral();
		}
		String code = languageCode((language != null) ? language : Optional.empty());
		Lexicon lexicon = this.lexicons.get(code);
		Tokenizer.Tokens tokens = this.tokenizer.tokenize(text);
		List<Scored> items = match(tokens.tokens(), lexicon);
		double sum = 0;
		int contrastAt = contrastIndex(items);
		boolean anyTone = false;
		for (int i = 0; i < items.size(); i++) {
			Scored item = items.get(i);
			if (item.valence() == 0 || modifiesTone(items, i)) {
				continue;
			}
			anyTone = true;
			double valence = item.emotive() ? item.valence() : modified(items, i, tokens.mixedCase());
			if (contrastAt >= 0) {
				valence *= (i < contrastAt) ? BEFORE_CONTRAST : (i > contrastAt) ? AFTER_CONTRAST : 1;
			}
			sum += valence;
		}
		if (!anyTone || sum == 0) {
			return neutral();
		}
		sum += Math.signum(sum) * punctuationEmphasis(tokens);
		double band = this.neutralBands.get(code);
		if (asksForInformation(items, tokens, text, lexicon)) {
			sum *= QUESTION_DAMPING * band / QUESTION_DAMPING_BAND;
		}
		double compound = sum / Math.sqrt(sum * sum + NORMALIZATION);
		compound = Math.max(-1, Math.min(1, Math.round(compound * 10_000) / 10_000.0));
		return new SentimentScore(compound, label(compound, band));
	}

	/**
	 * Score a text in the given language.
	 * @param text the text of the post
	 * @param language ISO 639-1 code, or {@code null} to read it as English
	 * @return its score and label
	 */
	public SentimentScore analyze(String text, String language) {
		return analyze(text, Optional.ofNullable(language));
	}

	/**
	 * The half-width of the band of scores a language labels neutral: a score strictly
	 * between {@code -band} and {@code band} is neutral. Each language has its own, as a
	 * thinner lexicon gives smaller scores.
	 * @param language ISO 639-1 code; a language without a lexicon of its own is read as
	 * English
	 * @return the band, greater than 0 and less than 1
	 */
	public double neutralBand(String language) {
		return this.neutralBands.get(languageCode(Optional.ofNullable(language)));
	}

	private String languageCode(Optional<String> language) {
		String code = language.map((tag) -> tag.strip().toLowerCase(Locale.ROOT))
			.map((tag) -> tag.split("[-_]", 2)[0])
			.orElse(FALLBACK_LANGUAGE);
		return this.lexicons.containsKey(code) ? code : FALLBACK_LANGUAGE;
	}

	private List<Scored> match(List<Token> tokens, Lexicon lexicon) {
		List<Scored> items = new ArrayList<>(tokens.size());
		int i = 0;
		while (i < tokens.size()) {
			Token token = tokens.get(i);
			switch (token.type()) {
				case BOUNDARY -> {
					items.add(Scored.BOUNDARY);
					i++;
				}
				case EMOJI, EMOTICON -> {
					String key = Lexicon.emojiKey(token.text());
					Double own = lexicon.emoji(key);
					items.add(new Scored((own != null) ? own : this.emoji.getOrDefault(key, 0.0), false, 0, false,
							false, true, token.text()));
					i++;
				}
				case WORD -> i += matchWords(tokens, i, lexicon, items);
			}
		}
		return items;
	}

	private int matchWords(List<Token> tokens, int start, Lexicon lexicon, List<Scored> items) {
		int run = 1;
		if (lexicon.startsPhrase(tokens.get(start).text())) {
			while (run < lexicon.longestTerm() && start + run < tokens.size()
					&& tokens.get(start + run).type() == Token.Type.WORD) {
				run++;
			}
		}
		for (int length = run; length > 1; length--) {
			StringBuilder phrase = new StringBuilder(tokens.get(start).text());
			boolean shouted = tokens.get(start).shouted();
			for (int k = 1; k < length; k++) {
				phrase.append(' ').append(tokens.get(start + k).text());
				shouted &= tokens.get(start + k).shouted();
			}
			Term term = lexicon.phrase(phrase.toString());
			if (term != null) {
				items.add(Scored.of(term, shouted, phrase.toString()));
				return length;
			}
		}
		Token token = tokens.get(start);
		Term term = lexicon.word(token.text());
		items.add((term != null) ? Scored.of(term, token.shouted(), token.text())
				: new Scored(0, false, 0, false, false, false, token.text()));
		return 1;
	}

	private static double modified(List<Scored> items, int index, boolean mixedCase) {
		Scored item = items.get(index);
		double valence = item.valence();
		double sign = Math.signum(valence);
		if (item.shouted() && mixedCase) {
			valence += sign * SHOUT;
		}
		boolean negated = false;
		for (int distance = 1; distance <= WINDOW && index - distance >= 0; distance++) {
			Scored before = items.get(index - distance);
			if (before == Scored.BOUNDARY) {
				break;
			}
			if (before.booster() != 0) {
				double boost = before.booster() * BOOSTER_DECAY[distance - 1];
				if (before.shouted() && mixedCase) {
					boost += Math.signum(before.booster()) * SHOUT;
				}
				valence += sign * boost;
			}
			negated |= before.negator();
		}
		if (negated) {
			valence *= NEGATION;
		}
		return valence;
	}

	/**
	 * Whether a word that has a tone of its own but also negates or boosts ("super",
	 * "pretty", "no") is here modifying a toned word after it in its clause, as in "super
	 * late" or "no problem", and so carries no tone itself.
	 */
	private static boolean modifiesTone(List<Scored> items, int index) {
		Scored item = items.get(index);
		if (item.booster() == 0 && !item.negator()) {
			return false;
		}
		for (int k = index + 1; k <= index + WINDOW && k < items.size(); k++) {
			Scored after = items.get(k);
			if (after == Scored.BOUNDARY || after.emotive()) {
				return false;
			}
			if (after.valence() != 0) {
				return true;
			}
		}
		return false;
	}

	private static int contrastIndex(List<Scored> items) {
		for (int i = 0; i < items.size(); i++) {
			if (items.get(i).contrast()) {
				return i;
			}
		}
		return -1;
	}

	private static double punctuationEmphasis(Tokenizer.Tokens tokens) {
		double emphasis = Math.min(tokens.exclamations(), MAX_EXCLAMATIONS) * EXCLAMATION;
		if (tokens.questions() > 1) {
			emphasis += (tokens.questions() <= 3) ? tokens.questions() * 0.18 : 0.96;
		}
		return emphasis;
	}

	private static boolean asksForInformation(List<Scored> items, Tokenizer.Tokens tokens, String text,
			Lexicon lexicon) {
		if (tokens.exclamations() > 0 || tokens.questions() == 0 || !text.strip().endsWith("?")) {
			return false;
		}
		for (Scored item : items) {
			if (item != Scored.BOUNDARY) {
				int space = item.text().indexOf(' ');
				return lexicon.opensQuestion((space < 0) ? item.text() : item.text().substring(0, space));
			}
		}
		return false;
	}

	private static Sentiment label(double compound, double band) {
		if (compound >= band) {
			return Sentiment.POSITIVE;
		}
		if (compound <= -band) {
			return Sentiment.NEGATIVE;
		}
		return Sentiment.NEUTRAL;
	}

	private static SentimentScore neutral() {
		return new SentimentScore(0, Sentiment.NEUTRAL);
	}

	/**
	 * One matched word, phrase, emoji or boundary and what it does to the score.
	 */
	private record Scored(double valence, boolean negator, double booster, boolean contrast, boolean shouted,
			boolean emotive, String text) {

		static final Scored BOUNDARY = new Scored(0, false, 0, false, false, false, "");

		static Scored of(Term term, boolean shouted, String text) {
			return new Scored(term.valence(), term.negator(), term.booster(), term.contrast(), shouted, false, text);
		}

	}

}
