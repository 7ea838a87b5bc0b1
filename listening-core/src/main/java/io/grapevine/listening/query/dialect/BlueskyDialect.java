package io.grapevine.listening.query.dialect;

import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;

import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.dialect.Grammar.Feature;

/**
 * Compiles a listening query to Bluesky {@code app.bsky.feed.searchPosts} queries
 * (parameter {@code q}): words and {@code "phrases"} AND'ed by spaces, {@code -} before
 * an excluded word, hashtag, handle or language, {@code #hashtag}, {@code mentions:},
 * {@code from:} and {@code lang:}; there is no OR, so an OR becomes several queries (at
 * most ten; beyond that the largest OR is dropped).
 */
public final class BlueskyDialect {

	private static final DialectCompiler COMPILER = new DialectCompiler(new Grammar("bluesky",
			EnumSet.of(Feature.PHRASE, Feature.NEGATION, Feature.HASHTAG, Feature.MENTIONS, Feature.FROM, Feature.LANG),
			1000, 10, BlueskyDialect::write, (atom) -> "-" + atom, " ", UnaryOperator.identity()));

	private BlueskyDialect() {
	}

	/**
	 * Compile a query; see the package description for how to use the result.
	 * @param query the listening query
	 * @return the Bluesky queries whose results together hold every post the query
	 * matches
	 */
	public static List<String> compile(ListeningQuery query) {
		return COMPILER.compile(query);
	}

	private static String write(Atom atom) {
		if (atom instanceof Atom.Phrase phrase) {
			return DialectCompiler.quoted(phrase);
		}
		if (atom instanceof Atom.Tag tag) {
			return "#" + tag.tag();
		}
		if (atom instanceof Atom.Mentions mentions) {
			return "mentions:" + mentions.handle();
		}
		if (atom instanceof Atom.From from) {
			return "from:" + from.handle();
		}
		if (atom instanceof Atom.Lang lang) {
			return "lang:" + lang.code();
		}
		return ((Atom.Word) atom).word();
	}

}
