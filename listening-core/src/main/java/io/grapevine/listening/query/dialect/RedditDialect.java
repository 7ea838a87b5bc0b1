package io.grapevine.listening.query.dialect;

import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;

import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.dialect.Grammar.Feature;

/**
 * Compiles a listening query to Reddit search queries ({@code GET /search}, parameter
 * {@code q}): words and {@code "phrases"} AND'ed by spaces, {@code OR}, {@code NOT},
 * parentheses and {@code author:}, at most 512 characters per query; hashtags and handles
 * are searched as their words, languages not at all.
 */
public final class RedditDialect {

	private static final DialectCompiler COMPILER = new DialectCompiler(new Grammar("reddit",
			EnumSet.of(Feature.PHRASE, Feature.NEGATED_PHRASE, Feature.NEGATION, Feature.FROM, Feature.OR), 512, 10,
			RedditDialect::write, (atom) -> "NOT " + atom, " OR ", UnaryOperator.identity()));

	private RedditDialect() {
	}

	/**
	 * Compile a query; see the package description for how to use the result.
	 * @param query the listening query
	 * @return the Reddit queries whose results together hold every post the query matches
	 */
	public static List<String> compile(ListeningQuery query) {
		return COMPILER.compile(query);
	}

	private static String write(Atom atom) {
		if (atom instanceof Atom.Phrase phrase) {
			return DialectCompiler.quoted(phrase);
		}
		if (atom instanceof Atom.From from) {
			return "author:" + from.handle();
		}
		return ((Atom.Word) atom).word();
	}

}
