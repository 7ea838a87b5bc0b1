package io.grapevine.search.analytics.elasticsearch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.SignificantStringTermsAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.TermsExclude;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.grapevine.search.analytics.RisingTerms;
import io.grapevine.search.analytics.RisingTerms.Term;
import io.grapevine.search.analytics.StopWords;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.mentions.elasticsearch.MentionQueries;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Finds rising terms with Elasticsearch's {@code significant_text} aggregation on the
 * words of the query language ({@code match.words}): the mentions of a range (a sample of
 * them on a large shard) against the background of the same mentions over the range and
 * the periods before it.
 */
@Component
public class RisingTermsSearch {

	/** How many mentions of the range each shard reads words from. */
	static final int SAMPLE = 2000;

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
		SearchRequest request = request(heard, comparedFrom, minCount, excluded, size);
		return Mono.fromFuture(() -> this.client.search(request, Void.class))
			.map((response) -> new RisingTerms(from, to, comparedFrom, terms(response, periods, minCount, size)));
	}

	static SearchRequest request(MentionFilter filter, Instant comparedFrom, int minCount, Set<String> excluded,
			int size) {
		MentionFilter background = filter.between(Optional.of(comparedFrom), filter.to());
		return SearchRequest
			.of((search) -> search.index(MonthlyIndices.ALIAS)
				.ignoreUnavailable(true)
				.allowNoIndices(true)
				.size(0)
				.query(MentionQueries.query(filter, Optional.empty()))
				.aggregations("sample", (sample) -> sample.sampler((sampler) -> sampler.shardSize(SAMPLE))
					.aggregations("rising", (rising) -> rising.significantText((text) -> text.field("match.words")
						// Asked for more than shown, as words too short or too common are
						// dropped after.
						.size(size * 3)
						.minDocCount((long) minCount)
						.filterDuplicateText(true)
						.backgroundFilter(MentionQueries.query(background, Optional.empty()))
						.exclude(TermsExclude.of((exclude) -> exclude.terms(List.copyOf(excluded))))))));
	}

	private static List<Term> terms(SearchResponse<Void> response, int periods, int minCount, int size) {
		Aggregate sample = response.aggregations().get("sample");
		if (sample == null || !sample.isSampler()) {
			return List.of();
		}
		Aggregate rising = sample.sampler().aggregations().get("rising");
		if (rising == null || !rising.isSigsterms()) {
			return List.of();
		}
		SignificantStringTermsAggregate terms = rising.sigsterms();
		return terms.buckets().array().stream().filter((bucket) -> StopWords.meaningful(bucket.key())).map((bucket) -> {
			long before = Math.max(0, bucket.bgCount() - bucket.docCount());
			return new Term(bucket.key(), bucket.docCount(), before, (double) before / periods, bucket.score());
		}).filter((term) -> RisingTerms.rises(term.count(), term.expected(), minCount)).limit(size).toList();
	}

}
