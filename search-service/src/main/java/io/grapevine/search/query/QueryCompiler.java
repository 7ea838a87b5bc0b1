package io.grapevine.search.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.SpanQuery;
import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.Node;

/**
 * Compiles a parsed listening query to the Elasticsearch query that finds the mentions it
 * matches in the {@code mentions} indices.
 * <p>
 * Words are matched against {@code text}, which the index analyses with the standard
 * analyzer; the words of the tree are already lower-cased, NFKC-normalised and stripped
 * of accents, so the query side is folded and the text side is not until the index gets a
 * folding analyzer. Known differences from in-process matching on the current mapping:
 * <ul>
 * <li>accented text ({@code café}) is not found by its folded form ({@code cafe});</li>
 * <li>{@code #tag} is matched as the word {@code tag} in the text, because the standard
 * analyzer drops {@code #}: it also finds the plain word, and {@code -#tag} excludes it;
 * exact hashtags need a {@code hashtags} keyword field;</li>
 * <li>{@code @handle} likewise finds the plain word in the text (or the author);</li>
 * <li>the standard tokenizer keeps {@code example.org} and {@code don't} as one token,
 * where the query language splits them into words;</li>
 * <li>a proximity of different words with one of them repeated ({@code "a b a"~2}) may
 * count one occurrence twice, as unordered spans allow overlaps.</li>
 * </ul>
 * {@code site:} is a case-insensitive term on the keyword field {@code site}, which the
 * indexer fills with the url's lower-cased host and each of its parent domains of at
 * least two labels, so {@code site:example.org} finds {@code news.example.org} but not
 * {@code badexample.org}; unlike in-process matching, a bare TLD ({@code site:org}) finds
 * nothing. Mentions indexed before {@code site} was mapped lack it until re-indexed.
 * {@code sentiment:} needs a keyword field {@code sentiment.label}, which is not mapped
 * yet, so it matches nothing.
 */
public final class QueryCompiler implements Node.Visitor<Query> {

	private static final String TEXT = "text";

	private static final QueryCompiler INSTANCE = new QueryCompiler();

	private QueryCompiler() {
	}

	/**
	 * Compile a parsed query.
	 * @param query the query
	 * @return the Elasticsearch query that matches the same mentions
	 */
	public static Query compile(ListeningQuery query) {
		Objects.requireNonNull(query, "query");
		return compile(query.root());
	}

	/**
	 * Compile a syntax tree.
	 * @param node the root of the tree
	 * @return the Elasticsearch query that matches the same mentions
	 */
	public static Query compile(Node node) {
		Objects.requireNonNull(node, "node");
		return node.accept(INSTANCE);
	}

	/**
	 * The query that marks what a listening query looks for in the text: its words,
	 * prefixes, phrases, proximities, hashtags and handles outside any negation.
	 * @param query the query
	 * @return the query for the highlighter, or empty when the query looks for nothing in
	 * the text (only fields such as {@code lang:es})
	 */
	public static Optional<Query> highlightQuery(ListeningQuery query) {
		Objects.requireNonNull(query, "query");
		List<Node> wanted = new ArrayList<>();
		collectWanted(query.root(), wanted);
		if (wanted.isEmpty()) {
			return Optional.empty();
		}
		List<Query> queries = wanted.stream().map((node) -> node.accept(INSTANCE)).toList();
		return Optional.of(anyOf(queries));
	}

	private static void collectWanted(Node node, List<Node> wanted) {
		if (node instanceof Node.And and) {
			and.operands().forEach((operand) -> collectWanted(operand, wanted));
		}
		else if (node instanceof Node.Or or) {
			or.operands().forEach((operand) -> collectWanted(operand, wanted));
		}
		else if (node instanceof Node.Handle handle) {
			// The author half of a handle is a keyword match, which marks nothing in the
			// text.
			wanted.add(new Node.Term(handle.handle()));
		}
		else if (!(node instanceof Node.Not) && !(node instanceof Node.FieldMatch)) {
			wanted.add(node);
		}
	}

	@Override
	public Query term(Node.Term term) {
		return matchPhrase(term.word());
	}

	@Override
	public Query prefix(Node.Prefix prefix) {
		return Query.of((query) -> query.prefix((p) -> p.field(TEXT).value(prefix.stem())));
	}

	@Override
	public Query phrase(Node.Phrase phrase) {
		return matchPhrase(String.join(" ", phrase.words()));
	}

	// Unordered spans may put two equal words on the same position, so a proximity of one
	// word repeated is compiled in order, which gives each occurrence its own position.
	@Override
	public Query near(Node.Near near) {
		List<SpanQuery> clauses = near.words().stream().map(QueryCompiler::spanWord).toList();
		boolean oneWordRepeated = near.words().stream().distinct().count() == 1;
		return Query.of((query) -> query
			.spanNear((span) -> span.clauses(clauses).slop(near.distance()).inOrder(oneWordRepeated)));
	}

	// The parser allows only single words, never wildcards, on either side of NEAR.
	private static SpanQuery spanWord(String word) {
		return SpanQuery.of((span) -> span.spanTerm((term) -> term.field(TEXT).value(word)));
	}

	@Override
	public Query hashtag(Node.Hashtag hashtag) {
		return matchPhrase(hashtag.tag());
	}

	@Override
	public Query handle(Node.Handle handle) {
		String name = handle.handle();
		return anyOf(List.of(matchPhrase(name), author(name)));
	}

	@Override
	public Query field(Node.FieldMatch field) {
		String value = field.value();
		return switch (field.field()) {
			case LANG -> anyOf(List.of(keyword("language", value), keywordPrefix("language", value + "-"),
					keywordPrefix("language", value + "_")));
			case SOURCE -> keyword("source", value);
			case AUTHOR -> author(value);
			case SITE -> keyword("site", value);
			case TOPIC -> keyword("topics", value);
			case SENTIMENT -> keyword("sentiment.label", value);
		};
	}

	@Override
	public Query not(Node.Not not) {
		Query operand = not.operand().accept(this);
		return Query.of((query) -> query.bool((bool) -> bool.mustNot(operand)));
	}

	@Override
	public Query and(Node.And and) {
		List<Query> operands = compileAll(and.operands());
		return Query.of((query) -> query.bool((bool) -> bool.must(operands)));
	}

	@Override
	public Query or(Node.Or or) {
		return anyOf(compileAll(or.operands()));
	}

	private List<Query> compileAll(List<Node> nodes) {
		return nodes.stream().map((node) -> node.accept(this)).toList();
	}

	private static Query matchPhrase(String words) {
		return Query.of((query) -> query.matchPhrase((phrase) -> phrase.field(TEXT).query(words)));
	}

	// The handle is stored as written (any case, maybe with '@' or an instance after it).
	private static Query author(String handle) {
		String bare = handle.startsWith("@") ? handle.substring(1) : handle;
		return anyOf(List.of(keyword("author.handle", bare), keyword("author.handle", "@" + bare),
				keywordPrefix("author.handle", bare + "@"), keywordPrefix("author.handle", "@" + bare + "@")));
	}

	private static Query keyword(String field, String value) {
		return Query.of((query) -> query.term((term) -> term.field(field).value(value).caseInsensitive(true)));
	}

	private static Query keywordPrefix(String field, String prefix) {
		return Query.of((query) -> query.prefix((p) -> p.field(field).value(prefix).caseInsensitive(true)));
	}

	private static Query anyOf(List<Query> queries) {
		return Query.of((query) -> query.bool((bool) -> bool.should(queries).minimumShouldMatch("1")));
	}

}
