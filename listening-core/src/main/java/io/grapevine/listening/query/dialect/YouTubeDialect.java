package io.grapevine.listening.query.dialect;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.dialect.Grammar.Feature;

/**
 * Compiles a listening query to YouTube Data API {@code search.list} queries (parameter
 * {@code q}): words AND'ed by spaces, {@code -} before an excluded word and {@code |}
 * between alternative words; the API documents no phrases or parentheses, so a phrase is
 * searched as its words, an OR of more than single words becomes several queries (at most
 * ten), and hashtags and handles are searched as their words.
 */
public final class YouTubeDialect {

	private static final int MAX_LENGTH = 500;

	private static final DialectCompiler COMPILER = new DialectCompiler(
			new Grammar("youtube", EnumSet.of(Feature.NEGATION), MAX_LENGTH, 10, YouTubeDialect::write,
					(atom) -> "-" + atom, " ", YouTubeDialect::alternatives));

	private YouTubeDialect() {
	}

	/**
	 * Compile a query; see the package description for how to use the result.
	 * @param query the listening query
	 * @return the YouTube queries whose results together hold every video the query
	 * matches
	 */
	public static List<String> compile(ListeningQuery query) {
		return COMPILER.compile(query);
	}

	private static String write(Atom atom) {
		return ((Atom.Word) atom).word();
	}

	// Queries of one word each are merged into one with '|' between them.
	private static List<String> alternatives(List<String> queries) {
		List<String> merged = new ArrayList<>();
		StringBuilder words = new StringBuilder();
		for (String query : queries) {
			if (query.contains(" ") || query.startsWith("-")) {
				merged.add(query);
			}
			else if (words.length() + query.length() + 1 > MAX_LENGTH) {
				merged.add(words.toString());
				words = new StringBuilder(query);
			}
			else {
				words.append(words.isEmpty() ? "" : "|").append(query);
			}
		}
		if (!words.isEmpty()) {
			merged.add(0, words.toString());
		}
		return merged;
	}

}
