package io.grapevine.listening.query.dialect;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What one social API's search syntax can express and how it writes it.
 *
 * @param source the kind of source whose mentions the API returns, which settles
 * {@code source:}
 * @param features what the syntax can express besides plain words
 * @param maxLength the longest query the API takes, in characters
 * @param maxQueries how many queries at most a query without OR may be split into
 * @param writer writes an atom the syntax can express
 * @param negation writes a negated atom
 * @param or separates the operands of an OR, when the syntax has one
 * @param combine merges the queries of a split, for APIs with a limited OR
 */
record Grammar(String source, Set<Feature> features, int maxLength, int maxQueries, Function<Atom, String> writer,
		UnaryOperator<String> negation, String or, UnaryOperator<List<String>> combine) {

	Grammar {
		features = (features.isEmpty()) ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
	}

	boolean has(Feature feature) {
		return this.features.contains(feature);
	}

	/**
	 * What a search syntax may express besides plain words.
	 */
	enum Feature {

		/** Exact phrases in quotes. */
		PHRASE,

		/** Excluding an exact phrase. */
		NEGATED_PHRASE,

		/** Excluding a word. */
		NEGATION,

		/** Hashtags. */
		HASHTAG,

		/** A handle written in the text. */
		MENTIONS,

		/** Posts by an author. */
		FROM,

		/** A language filter. */
		LANG,

		/** OR with parentheses inside one query. */
		OR

	}

}
