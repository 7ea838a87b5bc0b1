package io.grapevine.search.analytics.elasticsearch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.organization.Competitor;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.analytics.ShareOfVoice;
import io.grapevine.search.analytics.ShareOfVoice.Voice;
import io.grapevine.search.analytics.Summary.SentimentSplit;
import io.grapevine.search.index.MonthlyIndices;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Computes the share of voice of the organization against its competitors in one search:
 * a filter aggregation per voice, each split by sentiment.
 */
@Component
public class ShareOfVoiceSearch {

	private static final String ORGANIZATION = "organization";

	private static final String COMPETITOR = "competitor-";

	private final ElasticsearchAsyncClient client;

	private final Organization organization;

	ShareOfVoiceSearch(ElasticsearchAsyncClient client, Organization organization) {
		this.client = client;
		this.organization = organization;
	}

	/**
	 * The share of voice over a time range.
	 * @param from start, inclusive
	 * @param to end, exclusive
	 * @return the organization's and every competitor's mentions, shares and sentiment
	 */
	public Mono<ShareOfVoice> shareOfVoice(Instant from, Instant to) {
		SearchRequest request = request(from, to);
		return Mono.fromFuture(() -> this.client.search(request, ObjectNode.class))
			.map((response) -> shareOfVoice(from, to, response));
	}

	SearchRequest request(Instant from, Instant to) {
		Map<String, Aggregation> voices = new HashMap<>();
		voices.put(ORGANIZATION, voice(Query.of((query) -> query.exists((exists) -> exists.field("topics")))));
		List<Competitor> competitors = this.organization.competitors();
		for (int i = 0; i < competitors.size(); i++) {
			FieldValue id = FieldValue.of(competitors.get(i).id());
			voices.put(COMPETITOR + i,
					voice(Query.of((query) -> query.term((term) -> term.field("competitors").value(id)))));
		}
		return SearchRequest.of((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.size(0)
			.query((query) -> query.range(
					(range) -> range.date((date) -> date.field("publishedAt").gte(from.toString()).lt(to.toString()))))
			.aggregations(voices));
	}

	private static Aggregation voice(Query filter) {
		return Aggregation.of((aggregation) -> aggregation.filter(filter)
			.aggregations("sentiment", (labels) -> labels.terms((terms) -> terms.field("sentiment.label").size(3)))
			.aggregations("sentimentScore", (scores) -> scores.avg((avg) -> avg.field("sentiment.score"))));
	}

	private ShareOfVoice shareOfVoice(Instant from, Instant to, SearchResponse<ObjectNode> response) {
		Map<String, Aggregate> aggregations = response.aggregations();
		Voice organization = voice(Optional.empty(), this.organization.name(), aggregations.get(ORGANIZATION));
		List<Competitor> competitors = this.organization.competitors();
		List<Voice> competing = new ArrayList<>();
		for (int i = 0; i < competitors.size(); i++) {
			Competitor competitor = competitors.get(i);
			competing.add(voice(Optional.of(competitor.id()), competitor.name(), aggregations.get(COMPETITOR + i)));
		}
		return ShareOfVoice.of(from, to, organization, competing);
	}

	private static Voice voice(Optional<String> id, String name, Aggregate aggregate) {
		if (aggregate == null) {
			return new Voice(id, name, 0, 0, new SentimentSplit(0, 0, 0, Optional.empty()));
		}
		var filter = aggregate.filter();
		Map<String, Long> counts = new HashMap<>();
		filter.aggregations()
			.get("sentiment")
			.sterms()
			.buckets()
			.array()
			.forEach((bucket) -> counts.put(bucket.key().stringValue(), bucket.docCount()));
		long positive = counts.getOrDefault(Sentiment.POSITIVE.label(), 0L);
		long negative = counts.getOrDefault(Sentiment.NEGATIVE.label(), 0L);
		long neutral = counts.getOrDefault(Sentiment.NEUTRAL.label(), 0L);
		Double average = filter.aggregations().get("sentimentScore").avg().value();
		boolean judged = positive + negative + neutral > 0 && average != null && Double.isFinite(average);
		return new Voice(id, name, filter.docCount(), 0,
				new SentimentSplit(positive, negative, neutral, judged ? Optional.of(average) : Optional.empty()));
	}

}
