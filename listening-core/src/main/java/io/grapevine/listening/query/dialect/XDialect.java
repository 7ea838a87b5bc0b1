package io.grapevine.listening.query.dialect;

import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;

import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.dialect.Grammar.Feature;

/**
 * Compiles a listening query to X API v2 search queries
 * ({@code GET /2/tweets/search/recent}, parameter {@code query}): words and
 * {@code "phrases"} AND'ed by spaces, {@code OR}, {@code -} before an excluded word,
 * phrase, hashtag, handle or language, {@code #hashtag}, {@code @handle}, {@code from:},
 * {@code lang:} and parentheses, at most 512 characters per query.
 */
public final class XDialect {

	private static final DialectCompiler COMPILER = new DialectCompiler(new Grammar("x",
			EnumSet.of(Feature.PHRASE, Feature.NEGATED_PHRASE, Feature.NEGATION, Feature.HASHTAG, Feature.MENTIONS,
					Feature.FROM, Feature.LANG, Feature.OR),
			512, 10, XDialect::write, (atom) -> "-" + atom, " OR ", UnaryOperator.identity()));

	private XDialect() {
	}

	/**
	 * Compile a query; see the package description for how to use the result.
	 * @param query the listening query
	 * @return the X queries whose results together hold every post the query matches
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
			return "@" + mentions.handle();
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
