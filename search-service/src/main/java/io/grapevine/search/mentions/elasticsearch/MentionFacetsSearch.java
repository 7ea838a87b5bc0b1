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
 * terms aggregations.
 */
@Component
public class MentionFacetsSearch {

	/** The most values counted per field. */
	static final int VALUES = 20;

	private static final Map<String, String> FIELDS = Map.of("source", "source", "language", "language", "sentiment",
			"sentiment.label", "topic", "topics", "department", "departments", "competitor", "competitors", "owned",
			"owned");

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

	static SearchRequest request(MentionFilter filter, Optional<ListeningQuery> text) {
		return SearchRequest.of((search) -> {
			search.index(MonthlyIndices.ALIAS)
				.ignoreUnavailable(true)
				.allowNoIndices(true)
				.trackTotalHits((track) -> track.enabled(true))
				.size(0)
				.query(MentionQueries.query(filter, text));
			for (String facet : Facets.FIELDS) {
				String field = FIELDS.get(facet);
				if (facet.equals("owned")) {
					// Mentions indexed before the mark are not the organization's.
					search.aggregations(facet, (aggregation) -> aggregation
						.terms((terms) -> terms.field(field).missing(FieldValue.of(false))));
				}
				else {
					search.aggregations(facet,
							(aggregation) -> aggregation.terms((terms) -> terms.field(field).size(VALUES)));
				}
			}
			return search;
		});
	}

	private static Facets facets(SearchResponse<Void> response) {
		Map<String, List<Count>> facets = new LinkedHashMap<>();
		for (String facet : Facets.FIELDS) {
			facets.put(facet, counts(response.aggregations().get(facet)));
		}
		long total = (response.hits().total() != null) ? response.hits().total().value() : 0;
		return new Facets(total, facets);
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
