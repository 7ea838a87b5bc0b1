package io.grapevine.listening.query.dialect;

import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;

import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.dialect.Grammar.Feature;

/**
 * Compiles a listening query to Hacker News Algolia queries
 * ({@code GET /api/v1/search_by_date}, parameter {@code query}, sent with
 * {@code advancedSyntax=true} so that {@code "phrases"} and {@code -word} work): words
 * AND'ed by spaces, {@code -} before an excluded word, at most 512 characters; there is
 * no OR, so an OR becomes several queries (at most ten), and hashtags and handles are
 * searched as their words.
 */
public final class HackerNewsDialect {

	private static final DialectCompiler COMPILER = new DialectCompiler(
			new Grammar("hackernews", EnumSet.of(Feature.PHRASE, Feature.NEGATION), 512, 10, HackerNewsDialect::write,
					(atom) -> "-" + atom, " ", UnaryOperator.identity()));

	private HackerNewsDialect() {
	}

	/**
	 * Compile a query; see the package description for how to use the result.
	 * @param query the listening query
	 * @return the Algolia queries whose results together hold every item the query
	 * matches
	 */
	public static List<String> compile(ListeningQuery query) {
		return COMPILER.compile(query);
	}

	private static String write(Atom atom) {
		if (atom instanceof Atom.Phrase phrase) {
			return DialectCompiler.quoted(phrase);
		}
		return ((Atom.Word) atom).word();
	}

}
