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
 * The indexer writes the mention as the query language reads it under {@code match}
 * ({@link io.grapevine.listening.query.MatchContext}): {@code match.words} holds the
 * normalised words of the text (case and accents folded, hashtag and handle words
 * included, each Han and Hiragana character a word) separated by spaces and split only on
 * whitespace, {@code match.hashtags}, {@code match.handles}, {@code match.author} and
 * {@code match.topics} hold exact keywords. The words of the tree are normalised by the
 * same code, so the compiled query asks for exact terms and needs no folding analyzer,
 * which the minimal node lacks. {@code site:} is a term on {@code site} (the url's host
 * and each parent domain down to the TLD), {@code sentiment:} a term on
 * {@code sentiment.label}, {@code is:} and {@code repost-of:} terms on
 * {@code repostOf.kind} and {@code repostOf.originalId}. Mentions indexed before
 * {@code match} was mapped lack it until re-indexed. One difference remains beyond the
 * matching table: a proximity of different words with one of them repeated
 * ({@code "a b a"~2}) may count one occurrence twice, as unordered spans allow overlaps.
 */
public final class QueryCompiler implements Node.Visitor<Query> {

	private static final String TEXT = "text";

	private static final String WORDS = "match.words";

	private static final QueryCompiler INSTANCE = new QueryCompiler();

	private static final Highlights HIGHLIGHTS = new Highlights();

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
		List<Query> queries = wanted.stream().map((node) -> node.accept(HIGHLIGHTS)).toList();
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
		return Query.of((query) -> query.term((t) -> t.field(WORDS).value(term.word())));
	}

	@Override
	public Query prefix(Node.Prefix prefix) {
		return Query.of((query) -> query.prefix((p) -> p.field(WORDS).value(prefix.stem())));
	}

	@Override
	public Query phrase(Node.Phrase phrase) {
		List<SpanQuery> clauses = phrase.words().stream().map((word) -> spanWord(WORDS, word)).toList();
		return Query.of((query) -> query.spanNear((span) -> span.clauses(clauses).slop(0).inOrder(true)));
	}

	// Unordered spans may put two equal words on the same position, so a proximity of one
	// word repeated is compiled in order, which gives each occurrence its own position.
	@Override
	public Query near(Node.Near near) {
		return near(WORDS, near);
	}

	private static Query near(String field, Node.Near near) {
		List<SpanQuery> clauses = near.words().stream().map((word) -> spanWord(field, word)).toList();
		boolean oneWordRepeated = near.words().stream().distinct().count() == 1;
		return Query.of((query) -> query
			.spanNear((span) -> span.clauses(clauses).slop(near.distance()).inOrder(oneWordRepeated)));
	}

	// The parser allows only single words, never wildcards, on either side of NEAR.
	private static SpanQuery spanWord(String field, String word) {
		return SpanQuery.of((span) -> span.spanTerm((term) -> term.field(field).value(word)));
	}

	@Override
	public Query hashtag(Node.Hashtag hashtag) {
		return exact("match.hashtags", hashtag.tag());
	}

	@Override
	public Query handle(Node.Handle handle) {
		return exact("match.handles", handle.handle());
	}

	@Override
	public Query field(Node.FieldMatch field) {
		String value = field.value();
		return switch (field.field()) {
			case LANG -> anyOf(List.of(keyword("language", value), keywordPrefix("language", value + "-"),
					keywordPrefix("language", value + "_")));
			case SOURCE -> keyword("source", value);
			case AUTHOR -> anyOf(List.of(exact("match.author", value), exactPrefix("match.author", value + "@")));
			case SITE -> exact("site", value);
			case TOPIC -> exact("match.topics", value);
			case SENTIMENT -> exact("sentiment.label", value);
			case IS -> exact("repostOf.kind", value);
			case REPOST_OF -> exact("repostOf.originalId", value);
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

	private static Query exact(String field, String value) {
		return Query.of((query) -> query.term((term) -> term.field(field).value(value)));
	}

	private static Query exactPrefix(String field, String prefix) {
		return Query.of((query) -> query.prefix((p) -> p.field(field).value(prefix)));
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

	/**
	 * Marks what a query looks for in the displayed {@code text}, analysed by the
	 * standard analyzer: close to the words the query matched, without folding accents.
	 */
	private static final class Highlights implements Node.Visitor<Query> {

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

		@Override
		public Query near(Node.Near near) {
			return QueryCompiler.near(TEXT, near);
		}

		@Override
		public Query hashtag(Node.Hashtag hashtag) {
			return matchPhrase(hashtag.tag());
		}

		@Override
		public Query handle(Node.Handle handle) {
			return matchPhrase(handle.handle());
		}

		@Override
		public Query field(Node.FieldMatch field) {
			return Query.of((query) -> query.matchNone((none) -> none));
		}

		@Override
		public Query not(Node.Not not) {
			return Query.of((query) -> query.matchNone((none) -> none));
		}

		@Override
		public Query and(Node.And and) {
			return anyOf(and.operands().stream().map((operand) -> operand.accept(this)).toList());
		}

		@Override
		public Query or(Node.Or or) {
			return anyOf(or.operands().stream().map((operand) -> operand.accept(this)).toList());
		}

		private static Query matchPhrase(String words) {
			return Query.of((query) -> query.matchPhrase((phrase) -> phrase.field(TEXT).query(words)));
		}

	}

}
