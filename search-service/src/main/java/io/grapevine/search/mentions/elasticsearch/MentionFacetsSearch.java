package io.grapevine.search.mentions.elasticsearch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.LongTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.Facets;
import io.grapevine.search.mentions.Facets.Count;
import io.grapevine.search.mentions.MentionFilter;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Counts the mentions of a search by each value of the facet fields, with one request of
 * terms aggregations, each field under the choices made of the others.
 */
@Component
public class MentionFacetsSearch {

	/** The most values counted per field. */
	static final int VALUES = 20;

	private static final Map<String, String> FIELDS = Map.of("source", "source", "language", "language", "sentiment",
			"sentiment.label", "topic", "topics", "department", "departments", "competitor", "competitors", "owned",
			"owned");

	private static final String TOTAL = "total";

	private static final String VALUES_OF = "values";

	private final ElasticsearchAsyncClient client;

	MentionFacetsSearch(ElasticsearchAsyncClient client) {
		this.client = client;
	}

	/**
	 * Count the mentions of a search by facet.
	 * @param filter which mentions
	 * @param text the listening query they match, if any
	 * @return the counts
	 */
	public Mono<Facets> count(MentionFilter filter, Optional<ListeningQuery> text) {
		SearchRequest request = request(filter, text);
		return Mono.fromFuture(() -> this.client.search(request, Void.class)).map(MentionFacetsSearch::facets);
	}

	// Each field is counted with the other fields' choices but not its own, so the values
	// beside a chosen one stay in sight and can be chosen too; the total counts them all.
	static SearchRequest request(MentionFilter filter, Optional<ListeningQuery> text) {
		return SearchRequest.of((search) -> {
			search.index(MonthlyIndices.ALIAS)
				.ignoreUnavailable(true)
				.allowNoIndices(true)
				.size(0)
				.query(MentionQueries.query(facetless(filter), text))
				.aggregations(TOTAL, (total) -> total.filter(MentionQueries.query(filter, Optional.empty())));
			for (String facet : Facets.FIELDS) {
				String field = FIELDS.get(facet);
				Query others = MentionQueries.query(filter.without(facet), Optional.empty());
				search.aggregations(facet, (aggregation) -> aggregation.filter(others)
					.aggregations(VALUES_OF, (values) -> values.terms((terms) -> {
						terms.field(field).size(VALUES);
						// Mentions indexed before the mark are not the organization's.
						return facet.equals("owned") ? terms.missing(FieldValue.of(false)) : terms;
					})));
			}
			return search;
		});
	}

	private static MentionFilter facetless(MentionFilter filter) {
		MentionFilter base = filter;
		for (String facet : Facets.FIELDS) {
			base = base.without(facet);
		}
		return base;
	}

	private static Facets facets(SearchResponse<Void> response) {
		Map<String, List<Count>> facets = new LinkedHashMap<>();
		for (String facet : Facets.FIELDS) {
			facets.put(facet, counts(response.aggregations().get(facet).filter().aggregations().get(VALUES_OF)));
		}
		return new Facets(response.aggregations().get(TOTAL).filter().docCount(), facets);
	}

	private static List<Count> counts(Aggregate aggregate) {
		List<Count> counts = new ArrayList<>();
		if (aggregate == null) {
			return counts;
		}
		if (aggregate.isSterms()) {
			for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
				counts.add(new Count(bucket.key().stringValue(), bucket.docCount()));
			}
		}
		else if (aggregate.isLterms()) {
			// A boolean field's terms come as numbers, 1 for true, with the words beside.
			for (LongTermsBucket bucket : aggregate.lterms().buckets().array()) {
				String key = (bucket.keyAsString() != null) ? bucket.keyAsString()
						: Boolean.toString(bucket.key() == 1);
				counts.add(new Count(key, bucket.docCount()));
			}
		}
		return counts;
	}

}
