package io.grapevine.listening.enrich.language;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells which of the organization's languages a short social text is written in, offline
 * and thread-safe, or answers nothing when the text is too short, not in a supported
 * language, or too close to call.
 */
public final class LanguageDetector {

	/**
	 * The languages the detector can recognise from text: en, es, fr, de, pt, it, nl and
	 * ca. Text in one of them that the organization does not listen in gets no language
	 * rather than the closest configured one.
	 */
	public static final Set<String> SUPPORTED = Set.copyOf(LanguageProfiles.LANGUAGES);

	/**
	 * Fewer letters than this, once URLs, handles and hashtags are dropped, is too short.
	 */
	static final int MIN_LETTERS = 5;

	/**
	 * The log-likelihood lead the best language needs over the next one in a text of five
	 * words or more.
	 */
	static final double MIN_MARGIN = 1.0;

	/**
	 * The lead a text of four words needs.
	 */
	static final double MIN_MARGIN_FOUR_WORDS = 2.0;

	/**
	 * The lead a text of one or two words needs at least, and a text of three words 1.0
	 * less, when the two best languages are not neighbours and every word was seen in the
	 * training text.
	 */
	static final double MIN_MARGIN_SHORT = 2.0;

	/**
	 * What a text of up to three words needs on top when its two best languages are
	 * {@link #NEIGHBOURS}: Spanish read as Catalan or Portuguese, Catalan as French,
	 * Italian as Portuguese are most of the wrong answers on short text.
	 */
	static final double NEIGHBOURS_LEAD = 3.0;

	/**
	 * What a text of up to three words needs on top when one of its words never occurs in
	 * the training text, so that letters alone decide it.
	 */
	static final double UNSEEN_WORD_LEAD = 3.0;

	/**
	 * Languages so close that a few words hardly tell them apart. The leads were chosen
	 * on Tatoeba's sentences cut into one, two and three words (the development sample,
	 * never the test sample), where they leave no language with more than 2.6% wrong
	 * answers.
	 */
	static final Set<String> NEIGHBOURS = Set.of("es", "ca", "pt", "it");

	private static final int SHORT_WORDS = 3;

	private final LanguageProfiles profiles;

	private final boolean[] answered;

	private final Set<String> languages;

	/**
	 * A detector that answers only among the given languages.
	 * @param languages the languages the organization listens in, as ISO 639-1 codes or
	 * BCP 47 tags; those outside {@link #SUPPORTED} are never answered from text
	 * @throws IllegalArgumentException when the set is empty or a code is not a language
	 * code
	 */
	public LanguageDetector(Collection<String> languages) {
		this(LanguageProfiles.shipped(), languages);
	}

	LanguageDetector(LanguageProfiles profiles, Collection<String> languages) {
		this.profiles = profiles;
		this.languages = configured(languages);
		this.answered = new boolean[LanguageProfiles.LANGUAGES.size()];
		for (int i = 0; i < this.answered.length; i++) {
			this.answered[i] = this.languages.contains(LanguageProfiles.LANGUAGES.get(i));
		}
	}

	/**
	 * Read configured language codes.
	 * @param languages the codes as configured
	 * @return their ISO 639-1 codes
	 * @throws IllegalArgumentException naming the first code that is not a language code
	 */
	static Set<String> configured(Collection<String> languages) {
		if (languages == null || languages.isEmpty()) {
			throw new IllegalArgumentException(
					"languages must name at least one language code, for example [en, es, fr, de, pt, it]");
		}
		Set<String> codes = new TreeSet<>();
		for (String language : languages) {
			String code = LanguageTags.primary(language)
				.orElseThrow(() -> new IllegalArgumentException("languages: '" + language
						+ "' is not a language code; use ISO 639-1 codes such as en, es, fr, de, pt, it"));
			codes.add(code);
		}
		return Set.copyOf(codes);
	}

	/**
	 * The languages this detector was configured with.
	 * @return their ISO 639-1 codes
	 */
	public Set<String> languages() {
		return this.languages;
	}

	/**
	 * Detect the language of a text.
	 * @param text a post, possibly with URLs, handles, hashtags and emoji; {@code null}
	 * reads as empty
	 * @return the ISO 639-1 code of one of the configured languages, or empty when unsure
	 */
	public Optional<String> detect(CharSequence text) {
		Guess guess = guess(text);
		if (guess.language().isEmpty() || !guess.confident()) {
			return Optional.empty();
		}
		return guess.language().filter(this.languages::contains);
	}

	/**
	 * Detect the language of a text with a prior: a language the text is likely in (the
	 * video's language for a comment on it), which decides only what the text leaves
	 * open. The text still decides when it leads clearly; the prior is answered when the
	 * text can be read and no language leads the prior by the lead an answer needs; text
	 * with nothing to read gets no language, whatever the prior.
	 * @param text the text
	 * @param prior a language tag (BCP 47 or ISO 639), ignored when it is not one of the
	 * configured languages with a profile
	 * @return the ISO 639-1 code of one of the configured languages, or empty when unsure
	 */
	public Optional<String> detect(CharSequence text, Optional<String> prior) {
		Optional<String> likely = prior.flatMap(LanguageTags::primary)
			.filter(this.languages::contains)
			.filter(SUPPORTED::contains);
		if (likely.isEmpty()) {
			return detect(text);
		}
		String language = likely.get();
		Guess guess = guess(text, LanguageProfiles.LANGUAGES.indexOf(language));
		if (guess.language().isEmpty()) {
			return Optional.empty();
		}
		if (guess.confident()) {
			return guess.language().filter(this.languages::contains);
		}
		String best = guess.language().get();
		return (best.equals(language) || guess.priorBehind() < needed(guess.read(), best, language)) ? likely
				: Optional.empty();
	}

	/**
	 * The best and runner-up languages for a text, with the margin between them.
	 * @param text the text
	 * @return the guess, with an empty language when there was nothing to read
	 */
	Guess guess(CharSequence text) {
		return guess(text, -1);
	}

	private Guess guess(CharSequence text, int prior) {
		if (text == null || text.isEmpty()) {
			return Guess.NONE;
		}
		double[] scores = new double[LanguageProfiles.LANGUAGES.size()];
		LanguageProfiles.Read read = this.profiles.score(text, scores);
		// Mostly another script (Cyrillic, Greek, Arabic, CJK) is none of the supported
		// languages, even when a Latin brand name or two gives the profiles something to
		// read.
		if (read.letters() < MIN_LETTERS || read.known() == 0 || 2 * read.nonLatin() > read.letters()) {
			return Guess.NONE;
		}
		int best = 0;
		for (int i = 1; i < scores.length; i++) {
			if (scores[i] > scores[best]) {
				best = i;
			}
		}
		int second = -1;
		for (int i = 0; i < scores.length; i++) {
			if (i != best && (second < 0 || scores[i] > scores[second])) {
				second = i;
			}
		}
		double margin = scores[best] - scores[second];
		String language = LanguageProfiles.LANGUAGES.get(best);
		String runnerUp = LanguageProfiles.LANGUAGES.get(second);
		double priorBehind = (prior >= 0) ? scores[best] - scores[prior] : Double.NaN;
		return new Guess(Optional.of(language), runnerUp, margin, margin >= needed(read, language, runnerUp), read,
				priorBehind);
	}

	/**
	 * The lead the best language needs over the runner-up: more on fewer words, more
	 * between neighbours and more when a word was never seen in training.
	 * @param read what the profiles read of the text
	 * @param best the best language
	 * @param runnerUp the next one
	 * @return the log-likelihood lead needed to answer
	 */
	static double needed(LanguageProfiles.Read read, String best, String runnerUp) {
		int words = read.words();
		if (words > SHORT_WORDS) {
			return (words == SHORT_WORDS + 1) ? MIN_MARGIN_FOUR_WORDS : MIN_MARGIN;
		}
		double needed = (words == SHORT_WORDS) ? MIN_MARGIN_SHORT - 1.0 : MIN_MARGIN_SHORT;
		if (NEIGHBOURS.contains(best) && NEIGHBOURS.contains(runnerUp)) {
			needed += NEIGHBOURS_LEAD;
		}
		if (read.knownWords() < words) {
			needed += UNSEEN_WORD_LEAD;
		}
		return needed;
	}

	/**
	 * What the profiles made of a text.
	 *
	 * @param language the most likely supported language, empty when nothing was read
	 * @param runnerUp the next most likely
	 * @param margin how much more likely the best is, as a log-likelihood difference
	 * @param confident whether the margin is enough to answer
	 * @param read what the profiles read of the text
	 * @param priorBehind how far the prior asked about is behind the best language in
	 * log-likelihood, {@code NaN} when none was asked about
	 */
	record Guess(Optional<String> language, String runnerUp, double margin, boolean confident,
			LanguageProfiles.Read read, double priorBehind) {

		static final Guess NONE = new Guess(Optional.empty(), "", 0, false, new LanguageProfiles.Read(0, 0, 0, 0, 0),
				Double.NaN);

	}

}
