package io.grapevine.search.analytics.elasticsearch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.NamedValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Mention;
import io.grapevine.search.analytics.NewVoices;
import io.grapevine.search.analytics.NewVoices.Voice;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.mentions.elasticsearch.MentionQueries;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Finds new voices in two searches: the authors of a range by their widest reach with the
 * widest-reaching mention of each, then which of them have any earlier mention on the
 * same source.
 */
@Component
public class NewVoicesSearch {

	/** How many authors of the range are looked up, widest reach first. */
	static final int CANDIDATES = 200;

	private static final String HANDLE = "author.handle";

	private final ElasticsearchAsyncClient client;

	NewVoicesSearch(ElasticsearchAsyncClient client) {
		this.client = client;
	}

	/**
	 * Find the new voices of a range.
	 * @param filter the mentions to look at; its {@code from} and {@code to} are present
	 * @param minReach the least reach a new voice must have
	 * @param size how many new voices at most
	 * @return the new voices, widest reach first
	 */
	public Mono<NewVoices> find(MentionFilter filter, double minReach, int size) {
		Instant from = filter.from().orElseThrow();
		Instant to = filter.to().orElseThrow();
		SearchRequest authors = authors(filter);
		return Mono.fromFuture(() -> this.client.search(authors, ObjectNode.class))
			.map(NewVoicesSearch::candidates)
			.flatMap((candidates) -> {
				if (candidates.isEmpty()) {
					return Mono.just(new NewVoices(from, to, List.of()));
				}
				SearchRequest earlier = earlier(candidates, from);
				return Mono.fromFuture(() -> this.client.search(earlier, Void.class))
					.map((response) -> new NewVoices(from, to, newVoices(candidates, seen(response), minReach, size)));
			});
	}

	/**
	 * The search for the authors of a range, widest reach first, and the widest-reaching
	 * mention of each: the authors as a {@code terms} aggregation, their mentions as the
	 * hits collapsed on the author, read in one fetch rather than a {@code top_hits}
	 * fetch an author.
	 * @param filter the mentions of the range
	 * @return the request
	 */
	static SearchRequest authors(MentionFilter filter) {
		return SearchRequest.of((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.size(CANDIDATES)
			.trackTotalHits((total) -> total.enabled(false))
			// The organization's own accounts are no new voices.
			.query((query) -> query.bool((bool) -> bool.filter(MentionQueries.query(filter, Optional.empty()))
				.mustNot(MentionQueries.OWNED)))
			.sort(ReachOrder.WIDEST_FIRST)
			.collapse((collapse) -> collapse.field(HANDLE))
			.aggregations("authors", (authors) -> authors
				.terms((terms) -> terms.field(HANDLE)
					.size(CANDIDATES)
					.order(NamedValue.of("reach", SortOrder.Desc), NamedValue.of("_count", SortOrder.Desc)))
				.aggregations("reach", (reach) -> reach.max((max) -> max.field("reach").missing(FieldValue.of(0))))));
	}

	static SearchRequest earlier(List<Candidate> candidates, Instant before) {
		List<FieldValue> handles = candidates.stream().map(Candidate::handle).distinct().map(FieldValue::of).toList();
		Query query = Query.of((q) -> q.bool((bool) -> bool
			.filter((f) -> f.terms((terms) -> terms.field("author.handle").terms((values) -> values.value(handles))))
			.filter((f) -> f.range((range) -> range.date((date) -> date.field("publishedAt").lt(before.toString()))))));
		return SearchRequest.of((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.size(0)
			.query(query)
			.aggregations("authors",
					(authors) -> authors.terms((terms) -> terms.field("author.handle").size(handles.size()))
						.aggregations("sources",
								(sources) -> sources.terms((terms) -> terms.field("source").size(50)))));
	}

	private static List<Candidate> candidates(SearchResponse<ObjectNode> response) {
		Map<String, ObjectNode> widest = new HashMap<>();
		for (Hit<ObjectNode> hit : response.hits().hits()) {
			if (hit.source() != null) {
				widest.putIfAbsent(hit.source().path("author").path("handle").asText(), hit.source());
			}
		}
		List<Candidate> candidates = new ArrayList<>();
		for (StringTermsBucket bucket : response.aggregations().get("authors").sterms().buckets().array()) {
			ObjectNode source = widest.get(bucket.key().stringValue());
			if (source == null) {
				continue;
			}
			Mention mention = MentionQueries.mention(source);
			Double reach = bucket.aggregations().get("reach").max().value();
			candidates.add(new Candidate(bucket.key().stringValue(), mention, bucket.docCount(),
					mention.reach().map((ignored) -> reach)));
		}
		return candidates;
	}

	private static Set<String> seen(SearchResponse<Void> response) {
		Set<String> seen = new HashSet<>();
		for (StringTermsBucket author : response.aggregations().get("authors").sterms().buckets().array()) {
			for (StringTermsBucket source : author.aggregations().get("sources").sterms().buckets().array()) {
				seen.add(key(author.key().stringValue(), source.key().stringValue()));
			}
		}
		return seen;
	}

	private static List<Voice> newVoices(List<Candidate> candidates, Set<String> seen, double minReach, int size) {
		return candidates.stream()
			.filter((candidate) -> !seen.contains(key(candidate.handle(), candidate.mention().source())))
			.filter((candidate) -> candidate.reach().orElse(0.0) >= minReach)
			.limit(size)
			.map((candidate) -> new Voice(candidate.handle(), candidate.mention().source(),
					candidate.mention().author().displayName(), candidate.mention().author().followers(),
					candidate.reach(), candidate.mentions(), candidate.mention()))
			.toList();
	}

	private static String key(String handle, String source) {
		return handle + '\u0000' + source;
	}

	record Candidate(String handle, Mention mention, long mentions, Optional<Double> reach) {
	}

}
