package io.grapevine.listening.query;

import java.util.Objects;

import io.grapevine.listening.mention.Mention;

/**
 * A parsed listening query: its source text, its syntax tree and a matcher compiled from
 * it, safe to share between threads.
 */
public final class ListeningQuery {

	private final String source;

	private final Node root;

	private final CompiledMatcher matcher;

	private ListeningQuery(String source, Node root) {
		this.source = source;
		this.root = root;
		this.matcher = CompiledMatcher.compile(root);
	}

	/**
	 * Parse a query.
	 * @param source the query as written
	 * @return the parsed query
	 * @throws QueryParseException when the query is not valid, saying where and why
	 */
	public static ListeningQuery parse(String source) {
		return new ListeningQuery(source, QueryParser.parse(source));
	}

	/**
	 * The query as written.
	 * @return the source text
	 */
	public String source() {
		return this.source;
	}

	/**
	 * The syntax tree, for compiling the query to another language.
	 * @return the root node
	 */
	public Node root() {
		return this.root;
	}

	/**
	 * Whether a mention matches; analyses the mention, so use
	 * {@link #matches(MatchContext)} to match one mention against many queries.
	 * @param mention the mention
	 * @return whether it matches
	 */
	public boolean matches(Mention mention) {
		return matches(MatchContext.of(mention));
	}

	/**
	 * Whether an analysed mention matches.
	 * @param context the mention, analysed once
	 * @return whether it matches
	 */
	public boolean matches(MatchContext context) {
		Objects.requireNonNull(context, "context");
		return this.matcher.matches(context);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ListeningQuery query && this.root.equals(query.root);
	}

	@Override
	public int hashCode() {
		return this.root.hashCode();
	}

	/**
	 * The query in normalised form: lower-case words, explicit operators, parentheses
	 * only where needed; it parses to the same tree.
	 * @return the normalised query
	 */
	@Override
	public String toString() {
		return this.root.accept(QueryFormatter.INSTANCE);
	}

}
