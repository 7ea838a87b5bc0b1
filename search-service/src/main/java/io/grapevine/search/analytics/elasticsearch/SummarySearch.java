package io.grapevine.search.analytics.elasticsearch;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.TopHitsAggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.analytics.Summary;
import io.grapevine.search.analytics.Summary.Said;
import io.grapevine.search.analytics.Summary.DayCount;
import io.grapevine.search.analytics.Summary.KeyCount;
import io.grapevine.search.analytics.Summary.SentimentSplit;
import io.grapevine.search.analytics.Summary.TopAuthor;
import io.grapevine.search.analytics.SummaryQuery;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.elasticsearch.MentionQueries;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Computes summaries in one search: the top mentions as hits, everything else as
 * aggregations.
 */
@Component
public class SummarySearch {

	private static final int KEY_BUCKETS = 100;

	private static final Query NEGATIVE = Query
		.of((query) -> query.term((term) -> term.field("sentiment.label").value(Sentiment.NEGATIVE.label())));

	private final ElasticsearchAsyncClient client;

	SummarySearch(ElasticsearchAsyncClient client) {
		this.client = client;
	}

	/**
	 * Summarize the mentions a query covers.
	 * @param query the summary query
	 * @return the summary
	 */
	public Mono<Summary> summarize(SummaryQuery query) {
		SearchRequest request = request(query);
		return Mono.fromFuture(() -> this.client.search(request, ObjectNode.class))
			.map((response) -> summary(query, response));
	}

	static SearchRequest request(SummaryQuery query) {
		// The last bucket is the day holding the last included millisecond, not the day
		// 'to' starts.
		double lastMillis = query.to().toEpochMilli() - 1;
		double firstMillis = Math.min(query.from().toEpochMilli(), lastMillis);
		return SearchRequest.of((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.trackTotalHits((track) -> track.enabled(true))
			.size(query.top())
			.query(MentionQueries.query(query.filter(), query.text()))
			// The top mentions are what others said; the aggregations count everything.
			.postFilter((filter) -> filter.bool((bool) -> bool.mustNot(MentionQueries.OWNED)))
			.aggregations("said", (aggregation) -> aggregation.filter(MentionQueries.OWNED)
				.aggregations("replies",
						(replies) -> replies.filter((filter) -> filter.exists((exists) -> exists.field("replyTo")))))
			.sort((sort) -> sort.field((field) -> field.field("engagement.total").order(SortOrder.Desc)))
			.sort((sort) -> sort.field((field) -> field.field("author.followers").order(SortOrder.Desc)))
			.sort((sort) -> sort.field((field) -> field.field("publishedAt").order(SortOrder.Desc)))
			.sort((sort) -> sort.field((field) -> field.field("id").order(SortOrder.Desc)))
			.aggregations("volumeByDay",
					(aggregation) -> aggregation
						.dateHistogram((histogram) -> histogram.field("publishedAt")
							.calendarInterval(CalendarInterval.Day)
							.timeZone(query.zone().getId())
							.minDocCount(0)
							.extendedBounds((bounds) -> bounds.min(FieldDateMath.of((math) -> math.value(firstMillis)))
								.max(FieldDateMath.of((math) -> math.value(lastMillis)))))
						// A chart of the days shows their negative share beside their
						// volume.
						.aggregations("negative", (negative) -> negative.filter(NEGATIVE)))
			.aggregations("bySource",
					(aggregation) -> aggregation.terms((terms) -> terms.field("source").size(KEY_BUCKETS)))
			.aggregations("byTopic",
					(aggregation) -> aggregation.terms((terms) -> terms.field("topics").size(KEY_BUCKETS)))
			.aggregations("byLanguage",
					(aggregation) -> aggregation.terms((terms) -> terms.field("language").size(KEY_BUCKETS)))
			.aggregations("sentiment",
					(aggregation) -> aggregation.terms((terms) -> terms.field("sentiment.label").size(3)))
			.aggregations("sentimentScore", (aggregation) -> aggregation.avg((avg) -> avg.field("sentiment.score")))
			.aggregations("topAuthors",
					(aggregation) -> aggregation.terms((terms) -> terms.field("author.handle").size(query.top()))
						.aggregations("followers", (followers) -> followers.max((max) -> max.field("author.followers")))
						.aggregations("latest", (latest) -> latest.topHits((hits) -> hits.size(1)
							.sort((sort) -> sort.field((field) -> field.field("publishedAt").order(SortOrder.Desc)))
							.source((source) -> source.filter((filter) -> filter.includes("author.displayName")))))));
	}

	private static Summary summary(SummaryQuery query, SearchResponse<ObjectNode> response) {
		var aggregations = response.aggregations();
		List<DayCount> days = aggregations.get("volumeByDay")
			.dateHistogram()
			.buckets()
			.array()
			.stream()
			.map((bucket) -> new DayCount(Instant.ofEpochMilli(bucket.key()).atZone(query.zone()).toLocalDate(),
					bucket.docCount(), bucket.aggregations().get("negative").filter().docCount()))
			.toList();
		List<TopAuthor> authors = aggregations.get("topAuthors")
			.sterms()
			.buckets()
			.array()
			.stream()
			.map(SummarySearch::author)
			.toList();
		long others = (response.hits().total() != null) ? response.hits().total().value() : 0;
		Aggregate said = aggregations.get("said");
		long posts = said.filter().docCount();
		long total = others + posts;
		return new Summary(query.from(), query.to(), query.zone().getId(), total, days,
				keyCounts(aggregations.get("bySource")), keyCounts(aggregations.get("byTopic")),
				keyCounts(aggregations.get("byLanguage")), authors,
				response.hits().hits().stream().map((hit) -> MentionQueries.mention(hit.source())).toList(),
				sentiment(aggregations.get("sentiment"), aggregations.get("sentimentScore")),
				new Said(posts, said.filter().aggregations().get("replies").filter().docCount()));
	}

	private static SentimentSplit sentiment(Aggregate labels, Aggregate scores) {
		Map<String, Long> counts = new HashMap<>();
		keyCounts(labels).forEach((count) -> counts.put(count.key(), count.count()));
		long positive = counts.getOrDefault(Sentiment.POSITIVE.label(), 0L);
		long negative = counts.getOrDefault(Sentiment.NEGATIVE.label(), 0L);
		long neutral = counts.getOrDefault(Sentiment.NEUTRAL.label(), 0L);
		// The client reads the average of no values as 0, so whether any mention was
		// judged comes from the labels, which every judged mention has.
		Double average = scores.avg().value();
		boolean judged = positive + negative + neutral > 0 && average != null && Double.isFinite(average);
		return new SentimentSplit(positive, negative, neutral, judged ? Optional.of(average) : Optional.empty());
	}

	private static List<KeyCount> keyCounts(Aggregate aggregate) {
		return aggregate.sterms()
			.buckets()
			.array()
			.stream()
			.map((bucket) -> new KeyCount(bucket.key().stringValue(), bucket.docCount()))
			.toList();
	}

	private static TopAuthor author(StringTermsBucket bucket) {
		double followers = bucket.aggregations().get("followers").max().value();
		return new TopAuthor(bucket.key().stringValue(), displayName(bucket.aggregations().get("latest").topHits()),
				bucket.docCount(), Double.isFinite(followers) ? Optional.of((long) followers) : Optional.empty());
	}

	private static Optional<String> displayName(TopHitsAggregate latest) {
		return latest.hits()
			.hits()
			.stream()
			.findFirst()
			.map((hit) -> hit.source())
			.map(JsonData::toJson)
			.flatMap((json) -> {
				JsonValue author = json.asJsonObject().get("author");
				if (author instanceof JsonObject object
						&& object.get("displayName") instanceof jakarta.json.JsonString name) {
					return Optional.of(name.getString());
				}
				return Optional.empty();
			});
	}

}
