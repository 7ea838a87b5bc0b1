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
import com.fasterxml.jackson.databind.JsonNode;
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
 * Finds new voices in three searches: the authors of a range by their widest reach with
 * the source of the widest-reaching mention of each, then which of them have any earlier
 * mention on the same source, then the whole mentions of the few that have none.
 */
@Component
public class NewVoicesSearch {

	/** How many authors of the range are looked up, widest reach first. */
	static final int CANDIDATES = 200;

	private static final String HANDLE = "author.handle";

	private static final List<String> CANDIDATE_FIELDS = List.of(HANDLE, "source", "reach");

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
					return Mono.just(List.<Voice>of());
				}
				SearchRequest earlier = earlier(candidates, from);
				Mono<List<Candidate>> chosen = Mono.fromFuture(() -> this.client.search(earlier, Void.class))
					.map((response) -> newVoices(candidates, seen(response), minReach, size));
				return chosen.flatMap(this::voices);
			})
			.map((voices) -> new NewVoices(from, to, voices));
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
			// Of each author's widest-reaching mention, what tells whether they are new;
			// the few new voices' mentions are read whole afterwards.
			.source((source) -> source.filter((fields) -> fields.includes(CANDIDATE_FIELDS)))
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

	/**
	 * The search for the whole mentions of the new voices, by id.
	 * @param candidates the new voices' candidates
	 * @return the request
	 */
	static SearchRequest mentions(List<Candidate> candidates) {
		List<String> ids = candidates.stream().map(Candidate::mentionId).toList();
		return SearchRequest.of((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.size(ids.size())
			.trackTotalHits((total) -> total.enabled(false))
			.query((query) -> query.ids((values) -> values.values(ids))));
	}

	private Mono<List<Voice>> voices(List<Candidate> chosen) {
		if (chosen.isEmpty()) {
			return Mono.just(List.of());
		}
		SearchRequest request = mentions(chosen);
		return Mono.fromFuture(() -> this.client.search(request, ObjectNode.class)).map((response) -> {
			Map<String, Mention> byId = new HashMap<>();
			for (Hit<ObjectNode> hit : response.hits().hits()) {
				if (hit.source() != null) {
					byId.put(hit.id(), MentionQueries.mention(hit.source()));
				}
			}
			List<Voice> voices = new ArrayList<>();
			for (Candidate candidate : chosen) {
				Mention mention = byId.get(candidate.mentionId());
				if (mention != null) {
					voices.add(new Voice(candidate.handle(), candidate.source(), mention.author().displayName(),
							mention.author().followers(), candidate.reach(), candidate.mentions(), mention));
				}
			}
			return voices;
		});
	}

	private static List<Candidate> candidates(SearchResponse<ObjectNode> response) {
		Map<String, Hit<ObjectNode>> widest = new HashMap<>();
		for (Hit<ObjectNode> hit : response.hits().hits()) {
			if (hit.source() != null) {
				widest.putIfAbsent(hit.source().path("author").path("handle").asText(), hit);
			}
		}
		List<Candidate> candidates = new ArrayList<>();
		for (StringTermsBucket bucket : response.aggregations().get("authors").sterms().buckets().array()) {
			Hit<ObjectNode> hit = widest.get(bucket.key().stringValue());
			if (hit == null) {
				continue;
			}
			JsonNode reached = hit.source().path("reach");
			Double reach = bucket.aggregations().get("reach").max().value();
			candidates.add(new Candidate(bucket.key().stringValue(), hit.source().path("source").asText(), hit.id(),
					bucket.docCount(), reached.isNumber() ? Optional.of(reach) : Optional.empty()));
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

	private static List<Candidate> newVoices(List<Candidate> candidates, Set<String> seen, double minReach, int size) {
		return candidates.stream()
			.filter((candidate) -> !seen.contains(key(candidate.handle(), candidate.source())))
			.filter((candidate) -> candidate.reach().orElse(0.0) >= minReach)
			.limit(size)
			.toList();
	}

	private static String key(String handle, String source) {
		return handle + '\u0000' + source;
	}

	/**
	 * An author of the range who may be a new voice.
	 *
	 * @param handle the author's handle
	 * @param source the source of their widest-reaching mention
	 * @param mentionId the id of that mention
	 * @param mentions how many mentions of theirs the range holds
	 * @param reach their widest reach, when their widest-reaching mention has one
	 */
	record Candidate(String handle, String source, String mentionId, long mentions, Optional<Double> reach) {
	}

}
