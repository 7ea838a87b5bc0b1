package io.grapevine.search.executive.elasticsearch;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.search.index.KeptIndex;
import io.grapevine.search.index.MonthlyIndices;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * How many mentions others said each near-duplicate cluster holds over all days, kept for
 * the clusters of at least {@value #FLOOR} in the index {@value #INDEX} ({@code _id} =
 * the cluster): when a day is counted again, the size of every cluster it holds is
 * counted over every day and stored with the time it was counted as its external version,
 * so an older count never replaces a newer one. A size is an upper bound of what a
 * cluster holds in the days counted before it (a mention removed since only makes it
 * larger than true), which is what {@link LargestClusters} needs to name a period's
 * largest clusters without counting all of them.
 */
@Component
public class ClusterSizes {

	/** The index of the sizes, {@code _id} = the cluster's key. */
	public static final String INDEX = "executive-clusters";

	/** The fewest mentions a cluster has for its size to be kept. */
	static final long FLOOR = 5;

	private static final int PAGE = 1_000;

	private final ElasticsearchAsyncClient client;

	private final KeptIndex index = new KeptIndex(INDEX, "the sizes of near-duplicate clusters",
			(mappings) -> mappings.properties("clusterKey", (property) -> property.keyword((keyword) -> keyword))
				.properties("size", (property) -> property.long_((number) -> number))
				.properties("countedAt", (property) -> property.date((date) -> date)));

	ClusterSizes(ElasticsearchAsyncClient client) {
		this.client = client;
	}

	/**
	 * Count over every day the size of each cluster that has mentions on a day, and keep
	 * those of at least {@value #FLOOR}.
	 * @param day the day
	 * @param version when the count began, epoch milliseconds
	 * @return completion once the sizes are stored
	 */
	Mono<Void> count(LocalDate day, long version) {
		String from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
		String to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
		Query heard = TallyAggregations.heard(Optional.empty());
		return ensureIndex().then(page(from, to, heard, Map.of()))
			.expand((page) -> page.after().isEmpty() ? Mono.empty() : page(from, to, heard, page.after()))
			.concatMap((page) -> store(page.keys(), heard, version))
			.then();
	}

	private Mono<Page> page(String from, String to, Query heard, Map<String, FieldValue> after) {
		return Mono.fromFuture(() -> this.client.search((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.size(0)
			.trackTotalHits((track) -> track.enabled(false))
			.query((query) -> query.bool((bool) -> bool.filter(heard)
				.filter((range) -> range.range((r) -> r.date((date) -> date.field("publishedAt").gte(from).lt(to))))))
			.aggregations("clusters", (clusters) -> clusters.composite((composite) -> {
				composite.size(PAGE)
					.sources(Map.of("key", CompositeAggregationSource
						.of((source) -> source.terms((terms) -> terms.field("clusterKey")))));
				if (!after.isEmpty()) {
					composite.after(after);
				}
				return composite;
			})), Void.class)).map((response) -> {
				CompositeAggregate clusters = response.aggregations().get("clusters").composite();
				List<String> keys = clusters.buckets()
					.array()
					.stream()
					.map((bucket) -> bucket.key().get("key").stringValue())
					.toList();
				Map<String, FieldValue> next = (keys.size() < PAGE || clusters.afterKey() == null) ? Map.of()
						: clusters.afterKey();
				return new Page(keys, next);
			});
	}

	private Mono<Void> store(List<String> keys, Query heard, long version) {
		if (keys.isEmpty()) {
			return Mono.empty();
		}
		List<FieldValue> values = keys.stream().map(FieldValue::of).toList();
		String countedAt = java.time.Instant.ofEpochMilli(version).toString();
		return Mono
			.fromFuture(() -> this.client.search(
					(search) -> search.index(MonthlyIndices.ALIAS)
						.ignoreUnavailable(true)
						.allowNoIndices(true)
						.size(0)
						.trackTotalHits((track) -> track.enabled(false))
						.query((query) -> query.bool((bool) -> bool.filter(heard)
							.filter((terms) -> terms
								.terms((t) -> t.field("clusterKey").terms((v) -> v.value(values))))))
						.aggregations("sizes", (sizes) -> sizes
							.terms((terms) -> terms.field("clusterKey").size(keys.size()).minDocCount((int) FLOOR))),
					Void.class))
			.flatMap((response) -> {
				List<BulkOperation> operations = new ArrayList<>();
				for (StringTermsBucket bucket : response.aggregations().get("sizes").sterms().buckets().array()) {
					Map<String, Object> document = Map.of("clusterKey", bucket.key().stringValue(), "size",
							bucket.docCount(), "countedAt", countedAt);
					operations.add(BulkOperation.of((operation) -> operation.index((index) -> index.index(INDEX)
						.id(bucket.key().stringValue())
						.version(version)
						.versionType(VersionType.ExternalGte)
						.document(document))));
				}
				if (operations.isEmpty()) {
					return Mono.empty();
				}
				return Mono.fromFuture(() -> this.client.bulk((bulk) -> bulk.operations(operations)))
					.flatMap((written) -> {
						for (var item : written.items()) {
							// A conflict is a newer count already stored: it stays.
							if (item.error() != null && item.status() != 409) {
								return Mono.error(new IllegalStateException(
										"The size of the cluster " + item.id() + " could not be stored: "
												+ item.error().type() + ": " + item.error().reason()));
							}
						}
						return Mono.<Void>empty();
					});
			});
	}

	/**
	 * The search of the largest clusters overall, most mentions first, then by key.
	 * @param max how many
	 * @return the search, for a multi-search
	 */
	RequestItem largest(int max) {
		return RequestItem
			.of((item) -> item.header((header) -> header.index(INDEX).ignoreUnavailable(true).allowNoIndices(true))
				.body((body) -> body.size(max)
					.trackTotalHits((track) -> track.enabled(false))
					.sort((sort) -> sort.field((field) -> field.field("size").order(SortOrder.Desc)))
					.sort((sort) -> sort.field((field) -> field.field("clusterKey").order(SortOrder.Asc)))));
	}

	/**
	 * The clusters the search of {@link #largest(int)} answered.
	 * @param item its answer
	 * @return the clusters, most mentions first
	 */
	static List<Size> read(MultiSearchResponseItem<ObjectNode> item) {
		if (item.isFailure()) {
			throw new IllegalStateException(
					"The largest clusters could not be read: " + item.failure().error().reason());
		}
		return sizes(item.result().hits().hits());
	}

	private static List<Size> sizes(List<Hit<ObjectNode>> hits) {
		List<Size> sizes = new ArrayList<>();
		for (Hit<ObjectNode> hit : hits) {
			ObjectNode source = hit.source();
			if (source != null) {
				sizes.add(new Size(source.path("clusterKey").asText(), source.path("size").asLong()));
			}
		}
		return sizes;
	}

	private Mono<Void> ensureIndex() {
		return this.index.ensure(this.client);
	}

	/**
	 * A cluster and how many mentions it held when counted.
	 *
	 * @param clusterKey the cluster
	 * @param size its mentions
	 */
	record Size(String clusterKey, long size) {
	}

	private record Page(List<String> keys, Map<String, FieldValue> after) {
	}

}
