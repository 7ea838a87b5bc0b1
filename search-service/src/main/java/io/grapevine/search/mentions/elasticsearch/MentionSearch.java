package io.grapevine.search.mentions.elasticsearch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionBoostMode;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionScore;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.InnerHitsResult;
import co.elastic.clients.elasticsearch.core.search.TotalHits;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.handling.Handling;
import io.grapevine.search.handling.Urgency;
import io.grapevine.search.handling.elasticsearch.HandlingDocuments;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.Cursor;
import io.grapevine.search.mentions.FoundMention;
import io.grapevine.search.mentions.MentionPage;
import io.grapevine.search.mentions.MentionQuery;
import io.grapevine.search.mentions.MentionQuery.Order;
import io.grapevine.search.query.QueryCompiler;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Runs mention searches against the {@code mentions} alias, newest or widest reach first,
 * paging with {@code search_after} on the sort values, or folding each cluster of
 * near-duplicates into its best mention with {@code collapse} on {@code clusterKey} and
 * paging by offset.
 */
@Component
public class MentionSearch {

	private static final String CLUSTER = "clusterKey";

	private static final String COPIES = "copies";

	private final ElasticsearchAsyncClient client;

	private final Organization organization;

	MentionSearch(ElasticsearchAsyncClient client, Organization organization) {
		this.client = client;
		this.organization = organization;
	}

	/**
	 * Find one page of mentions.
	 * @param query the search
	 * @return the page
	 */
	public Mono<MentionPage> search(MentionQuery query) {
		Instant now = Instant.now();
		// The urgency of every page of one list is scored at the time its first page was
		// read.
		Instant readAt = query.after()
			.filter(Cursor.Scored.class::isInstance)
			.map((cursor) -> ((Cursor.Scored) cursor).readAt())
			.orElse(now);
		SearchRequest request = request(query, readAt);
		return Mono.fromFuture(() -> this.client.search(request, ObjectNode.class))
			.map((response) -> page(query, response, now, readAt));
	}

	/**
	 * The request a search sends to Elasticsearch, to measure the API beside it.
	 * @param query the search
	 * @return the request, scoring urgency as of now
	 */
	public static SearchRequest request(MentionQuery query) {
		return request(query, Instant.now());
	}

	static SearchRequest request(MentionQuery query, Instant readAt) {
		return SearchRequest.of((search) -> {
			search.index(MonthlyIndices.ALIAS)
				.ignoreUnavailable(true)
				.allowNoIndices(true)
				.trackTotalHits((track) -> track.enabled(true))
				// One more than asked tells whether another page follows.
				.size(query.size() + 1)
				.query(MentionQueries.query(query.filter(), query.text()));
			if (query.order() == Order.URGENCY) {
				search.query(urgent(MentionQueries.query(query.filter(), query.text()), readAt))
					.sort((sort) -> sort.score((score) -> score.order(SortOrder.Desc)))
					.sort((sort) -> sort.field((field) -> field.field("publishedAt").order(SortOrder.Asc)))
					.sort((sort) -> sort.field((field) -> field.field("id").order(SortOrder.Asc)));
				query.after().ifPresent((cursor) -> search.searchAfter(searchAfter((Cursor.Scored) cursor)));
				return search;
			}
			sort(search, query.order());
			if (query.collapse()) {
				// Elasticsearch pages folded results only by offset; the inner hits count
				// the copies of each cluster that match.
				search.collapse((collapse) -> collapse.field(CLUSTER).innerHits((inner) -> inner.name(COPIES).size(0)));
				query.after().ifPresent((cursor) -> search.from(((Cursor.Skip) cursor).count()));
			}
			else {
				query.after().ifPresent((cursor) -> search.searchAfter(searchAfter((Cursor.After) cursor)));
			}
			// Only the words and phrases the query looks for are marked, never those it
			// excludes or the fields it restricts.
			query.text()
				.flatMap(QueryCompiler::highlightQuery)
				.ifPresent((marked) -> search.highlight((highlight) -> highlight.encoder(HighlighterEncoder.Html)
					.preTags("<mark>")
					.postTags("</mark>")
					.fields("text", (field) -> field.numberOfFragments(3).fragmentSize(160).highlightQuery(marked))));
			return search;
		});
	}

	// The urgency of Urgency.of as Elasticsearch scores it, without scripts (the minimal
	// node has none): the sum of the reach, a weight for a negative mention, one for a
	// question, and one for each wait passed since publication, as of the time read.
	private static Query urgent(Query query, Instant readAt) {
		List<FunctionScore> functions = new ArrayList<>();
		functions.add(FunctionScore
			.of((function) -> function.fieldValueFactor((factor) -> factor.field("reach").factor(1.0).missing(0.0))));
		functions.add(FunctionScore.of((function) -> function.weight(Urgency.NEGATIVE)
			.filter((filter) -> filter
				.term((term) -> term.field("sentiment.label").value(Sentiment.NEGATIVE.label())))));
		functions.add(FunctionScore.of((function) -> function.weight(Urgency.QUESTION)
			.filter((filter) -> filter.term((term) -> term.field("question").value(true)))));
		for (Duration wait : Urgency.WAITS) {
			String before = readAt.minus(wait).toString();
			functions.add(FunctionScore.of((function) -> function.weight(Urgency.OLD)
				.filter((filter) -> filter
					.range((range) -> range.date((date) -> date.field("publishedAt").lte(before))))));
		}
		return Query.of((outer) -> outer.functionScore((score) -> score.query(query)
			.functions(functions)
			.scoreMode(FunctionScoreMode.Sum)
			.boostMode(FunctionBoostMode.Replace)));
	}

	private static List<FieldValue> searchAfter(Cursor.Scored cursor) {
		return List.of(FieldValue.of(cursor.score()), FieldValue.of(cursor.publishedAtMillis()),
				FieldValue.of(cursor.id()));
	}

	/**
	 * Sort a search in an order: newest first, or widest reach first and then newest, the
	 * mention id breaking ties.
	 * @param search the search
	 * @param order the order
	 */
	static void sort(SearchRequest.Builder search, Order order) {
		if (order == Order.REACH) {
			// Mentions without reach count as 0, so the cursor always has a value.
			search.sort((sort) -> sort.field((field) -> field.field("reach")
				.order(SortOrder.Desc)
				.missing(FieldValue.of(0))
				.unmappedType(FieldType.Float)));
		}
		search.sort((sort) -> sort.field((field) -> field.field("publishedAt").order(SortOrder.Desc)))
			.sort((sort) -> sort.field((field) -> field.field("id").order(SortOrder.Desc)));
	}

	private static List<FieldValue> searchAfter(Cursor.After cursor) {
		List<FieldValue> values = new ArrayList<>();
		cursor.reach().ifPresent((reach) -> values.add(FieldValue.of(reach)));
		values.add(FieldValue.of(cursor.publishedAtMillis()));
		values.add(FieldValue.of(cursor.id()));
		return values;
	}

	private MentionPage page(MentionQuery query, SearchResponse<ObjectNode> response, Instant now, Instant readAt) {
		List<Hit<ObjectNode>> hits = response.hits().hits();
		boolean more = hits.size() > query.size();
		List<Hit<ObjectNode>> shown = more ? hits.subList(0, query.size()) : hits;
		if (query.collapse()) {
			// Folded results end with Elasticsearch's result window.
			int before = query.after().map((cursor) -> ((Cursor.Skip) cursor).count()).orElse(0);
			more = more && before + shown.size() <= Cursor.Skip.MAX;
		}
		List<FoundMention> mentions = shown.stream().map((hit) -> found(query, hit, now, readAt)).toList();
		Optional<String> next = Optional.empty();
		if (more) {
			next = Optional.of(next(query, shown, readAt).encode());
		}
		long total = (response.hits().total() != null) ? response.hits().total().value() : hits.size();
		return new MentionPage(total, mentions, next);
	}

	private FoundMention found(MentionQuery query, Hit<ObjectNode> hit, Instant now, Instant readAt) {
		Mention mention = MentionQueries.mention(hit.source());
		Optional<Urgency> urgency = (query.order() == Order.URGENCY)
				? Optional.of(Urgency.of(mention, hit.source().path("question").asBoolean(false), readAt))
				: Optional.empty();
		return new FoundMention(mention, hit.highlight().getOrDefault("text", List.of()), copies(query, hit),
				handling(hit.source(), mention, this.organization, now), urgency);
	}

	/**
	 * The handling of a stored mention as read at a given time.
	 * @param source the mention document
	 * @param mention the mention read from it
	 * @param organization the organization, for who owns its topics
	 * @param now the time of reading
	 * @return the handling, or empty for the organization's own posts
	 */
	static Optional<Handling> handling(ObjectNode source, Mention mention, Organization organization, Instant now) {
		// The organization's own posts wait for no answer.
		return mention.owned() ? Optional.empty()
				: Optional.of(HandlingDocuments.read(source, mention, organization).readAt(now));
	}

	private static Optional<Long> copies(MentionQuery query, Hit<ObjectNode> hit) {
		if (!query.collapse()) {
			return Optional.empty();
		}
		InnerHitsResult copies = hit.innerHits().get(COPIES);
		TotalHits total = (copies != null) ? copies.hits().total() : null;
		return Optional.of((total != null) ? total.value() : 1L);
	}

	private static Cursor next(MentionQuery query, List<Hit<ObjectNode>> shown, Instant readAt) {
		if (query.collapse()) {
			int before = query.after().map((cursor) -> ((Cursor.Skip) cursor).count()).orElse(0);
			return new Cursor.Skip(before + shown.size());
		}
		List<FieldValue> sort = shown.get(shown.size() - 1).sort();
		if (query.order() == Order.URGENCY) {
			return new Cursor.Scored(sort.get(0).doubleValue(), readAt, sort.get(1).longValue(),
					sort.get(2).stringValue());
		}
		if (query.order() == Order.REACH) {
			return new Cursor.After(Optional.of(sort.get(0).doubleValue()), sort.get(1).longValue(),
					sort.get(2).stringValue());
		}
		return new Cursor.After(sort.get(0).longValue(), sort.get(1).stringValue());
	}

}
