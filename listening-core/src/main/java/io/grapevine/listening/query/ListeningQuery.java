package io.grapevine.listening.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
	 * Build the query that matches any of some keywords, each a whole word or phrase
	 * ignoring case and accents, {@code #tag} a whole hashtag and {@code @name} a handle
	 * in the text or the author's handle.
	 * @param keywords the keywords, at least one, each with a letter or digit
	 * @return the query, whose source is its normalised form
	 * @throws IllegalArgumentException when there are no keywords or one has no letter or
	 * digit
	 */
	public static ListeningQuery anyOf(List<String> keywords) {
		Objects.requireNonNull(keywords, "keywords");
		Set<Node> operands = new LinkedHashSet<>();
		for (String keyword : keywords) {
			operands.add(keyword(keyword));
		}
		if (operands.isEmpty()) {
			throw new IllegalArgumentException("a query needs at least one keyword");
		}
		Node root = (operands.size() == 1) ? operands.iterator().next() : new Node.Or(new ArrayList<>(operands));
		return new ListeningQuery(root.accept(QueryFormatter.INSTANCE), root);
	}

	private static Node keyword(String keyword) {
		if (keyword == null || keyword.isBlank()) {
			throw new IllegalArgumentException("a keyword cannot be empty");
		}
		String normalized = TextAnalysis.normalize(keyword.strip());
		if (normalized.startsWith("#") || normalized.startsWith("@")) {
			String value = normalized.substring(1);
			if (TextAnalysis.isAllWordChars(value)) {
				return normalized.startsWith("#") ? new Node.Hashtag(value) : new Node.Handle(value);
			}
		}
		List<String> words = TextAnalysis.tokens(normalized);
		if (words.isEmpty()) {
			throw new IllegalArgumentException("the keyword '" + keyword + "' has no letter or digit to match");
		}
		return (words.size() == 1) ? new Node.Term(words.get(0)) : new Node.Phrase(words);
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
