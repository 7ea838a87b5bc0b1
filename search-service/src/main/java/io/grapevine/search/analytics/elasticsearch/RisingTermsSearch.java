package io.grapevine.search.analytics.elasticsearch;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.TotalHits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.search.analytics.RisingTerms;
import io.grapevine.search.analytics.RisingTerms.Term;
import io.grapevine.search.analytics.StopWords;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.mentions.elasticsearch.MentionQueries;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Finds rising terms in two searches: the words of the query language
 * ({@code match.words}) of the mentions of a range (a sample of them when there are many,
 * copied passages counted once), then how many mentions of the range and the periods
 * before it hold each word that may show, one count a word in a {@code filters}
 * aggregation.
 */
@Component
public class RisingTermsSearch {

	/** How many mentions of the range words are read from, the first in index order. */
	static final int SAMPLE = 2000;

	/**
	 * How many words of the range at most have their history counted, those in the most
	 * mentions first.
	 */
	static final int CANDIDATES = 500;

	private static final String WORDS = "match.words";

	private final ElasticsearchAsyncClient client;

	RisingTermsSearch(ElasticsearchAsyncClient client) {
		this.client = client;
	}

	/**
	 * Find the rising terms of a range.
	 * @param filter the mentions to look at; its {@code from} and {@code to} are present
	 * @param periods how many periods of the range's length before it make the background
	 * @param minCount how many mentions of the range a word must be in at least
	 * @param excluded words never to show (stop-words, topic keywords)
	 * @param size how many terms at most
	 * @return the rising terms, most significant first
	 */
	public Mono<RisingTerms> find(MentionFilter filter, int periods, int minCount, Set<String> excluded, int size) {
		Instant from = filter.from().orElseThrow();
		Instant to = filter.to().orElseThrow();
		Instant comparedFrom = from.minus(Duration.between(from, to).multipliedBy(periods));
		// What the organization posts itself is what it said, not what it heard.
		MentionFilter heard = new MentionFilter(filter.from(), filter.to(), filter.sources(), filter.languages(),
				filter.topics(), filter.departments(), filter.handling(), filter.sentiments(), filter.competitors(),
				Optional.of(false), filter.question(), filter.minReach());
		SearchRequest sample = sample(heard);
		return Mono.fromFuture(() -> this.client.search(sample, ObjectNode.class))
			.map((response) -> range(response, minCount, excluded))
			.flatMap((range) -> {
				if (range.counts().isEmpty()) {
					return Mono.just(new RisingTerms(from, to, comparedFrom, List.of()));
				}
				SearchRequest history = history(heard, comparedFrom, range.counts().keySet());
				return Mono.fromFuture(() -> this.client.search(history, Void.class))
					.map((response) -> new RisingTerms(from, to, comparedFrom,
							terms(range, response, periods, minCount, size)));
			});
	}

	/**
	 * The search for the words of a sample of a range's mentions, read from their
	 * {@code _source} in index order as {@code significant_text}'s {@code sampler} would.
	 * @param filter the mentions of the range
	 * @return the request
	 */
	static SearchRequest sample(MentionFilter filter) {
		return SearchRequest.of((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.size(SAMPLE)
			.trackTotalHits((total) -> total.enabled(false))
			.sort((sort) -> sort.field((field) -> field.field("_doc")))
			.source((source) -> source.filter((fields) -> fields.includes(WORDS)))
			.query(MentionQueries.query(filter, Optional.empty())));
	}

	/**
	 * The search for how many mentions of the range and the periods before it hold each
	 * word, and how many there are in all.
	 * @param filter the mentions of the range
	 * @param comparedFrom start of the earlier periods
	 * @param words the words to count
	 * @return the request
	 */
	static SearchRequest history(MentionFilter filter, Instant comparedFrom, Set<String> words) {
		MentionFilter background = filter.between(Optional.of(comparedFrom), filter.to());
		Map<String, Query> byWord = new LinkedHashMap<>();
		words.forEach(
				(word) -> byWord.put(word, Query.of((query) -> query.term((term) -> term.field(WORDS).value(word)))));
		return SearchRequest.of((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.size(0)
			.trackTotalHits((total) -> total.enabled(true))
			.query(MentionQueries.query(background, Optional.empty()))
			.aggregations("history",
					(history) -> history.filters((filters) -> filters.filters((buckets) -> buckets.keyed(byWord)))));
	}

	private static Range range(SearchResponse<ObjectNode> response, int minCount, Set<String> excluded) {
		SampledWords words = new SampledWords((word) -> !excluded.contains(word) && StopWords.meaningful(word));
		for (Hit<ObjectNode> hit : response.hits().hits()) {
			JsonNode text = (hit.source() != null) ? hit.source().path("match").path("words") : null;
			words.add((text != null && text.isTextual()) ? text.asText() : "");
		}
		return new Range(words.mentions(), words.atLeast(minCount, CANDIDATES));
	}

	private static List<Term> terms(Range range, SearchResponse<Void> response, int periods, int minCount, int size) {
		Aggregate history = response.aggregations().get("history");
		TotalHits total = response.hits().total();
		if (history == null || !history.isFilters() || total == null) {
			return List.of();
		}
		Map<String, FiltersBucket> before = history.filters().buckets().keyed();
		long all = total.value();
		return range.counts().entrySet().stream().map((word) -> {
			long count = word.getValue();
			FiltersBucket bucket = before.get(word.getKey());
			long background = (bucket != null) ? bucket.docCount() : 0;
			long earlier = Math.max(0, background - count);
			return new Term(word.getKey(), count, earlier, (double) earlier / periods,
					jlh(count, range.mentions(), background, all));
		})
			.filter((term) -> term.score() > 0 && RisingTerms.rises(term.count(), term.expected(), minCount))
			.sorted(Comparator.comparingDouble(Term::score)
				.reversed()
				.thenComparing(Comparator.comparingLong(Term::count).reversed())
				.thenComparing(Term::term))
			.limit(size)
			.toList();
	}

	/**
	 * Elasticsearch's JLH score, as {@code significant_text} gives it: how much more
	 * often a word is in the mentions of the range than in those of the range and the
	 * periods before it, absolute change times relative change; zero when not more often.
	 * @param count mentions of the range with the word
	 * @param mentions mentions of the range
	 * @param background mentions of the range and the earlier periods with the word
	 * @param all mentions of the range and the earlier periods
	 * @return the score
	 */
	static double jlh(long count, long mentions, long background, long all) {
		if (mentions == 0 || all == 0) {
			return 0;
		}
		double inRange = (double) count / mentions;
		double inBackground = (double) Math.max(background, 1) / all;
		double change = inRange - inBackground;
		return (change <= 0) ? 0 : change * (inRange / inBackground);
	}

	/**
	 * The words of a range that may show.
	 *
	 * @param mentions how many mentions of the range the words were read from
	 * @param counts each word's mentions in the range
	 */
	private record Range(long mentions, Map<String, Long> counts) {
	}

}
