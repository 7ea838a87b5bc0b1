package io.grapevine.search.saved.elasticsearch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.grapevine.search.saved.Subscription;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Keeps who is subscribed to which saved search's daily email in the index
 * {@value #INDEX}, {@code _id} = {@code <search id>:<username>}, so subscribing twice
 * keeps one subscription. digest-service reads the index to send the emails.
 */
@Component
public class SubscriptionStore {

	/** The index of subscriptions. */
	public static final String INDEX = "saved-search-subscriptions";

	private static final int MAX = SavedSearchStore.MAX_SEARCHES;

	private final ElasticsearchAsyncClient client;

	private final Indices index;

	SubscriptionStore(ElasticsearchAsyncClient client) {
		this.client = client;
		this.index = new Indices(client, INDEX);
	}

	/**
	 * Subscribe, or change the address or zone of a subscription, keeping when it began.
	 * @param subscription the subscription
	 * @return the subscription as kept
	 */
	public Mono<Subscription> save(Subscription subscription) {
		return find(subscription.searchId(), subscription.username())
			.map((existing) -> existing.map((before) -> new Subscription(subscription.searchId(),
					subscription.username(), subscription.email(), subscription.timeZone(), before.since()))
				.orElse(subscription))
			.flatMap((kept) -> this.index.ensure()
				.then(Mono.fromFuture(() -> this.client.index((index) -> index.index(INDEX)
					.id(kept.id())
					.document(SubscriptionDocument.of(kept))
					.refresh(Refresh.True))))
				.thenReturn(kept));
	}

	/**
	 * Someone's subscription to a saved search.
	 * @param searchId the saved search
	 * @param username who
	 * @return the subscription, if they have one
	 */
	public Mono<Optional<Subscription>> find(String searchId, String username) {
		return Mono
			.fromFuture(() -> this.client.get((get) -> get.index(INDEX).id(Subscription.id(searchId, username)),
					SubscriptionDocument.class))
			.map((response) -> (response.found() && response.source() != null)
					? Optional.of(response.source().toSubscription()) : Optional.<Subscription>empty())
			.onErrorResume(Indices::missing, (ex) -> Mono.just(Optional.empty()));
	}

	/**
	 * End someone's subscription.
	 * @param searchId the saved search
	 * @param username who
	 * @return whether they were subscribed
	 */
	public Mono<Boolean> delete(String searchId, String username) {
		return Mono
			.fromFuture(() -> this.client
				.delete((delete) -> delete.index(INDEX).id(Subscription.id(searchId, username)).refresh(Refresh.True)))
			.map((response) -> "deleted".equals(response.result().jsonValue()))
			.onErrorResume(Indices::documentMissing, (ex) -> Mono.just(false));
	}

	/**
	 * End every subscription to a saved search (the minimal node has no
	 * {@code _delete_by_query}: they are found, then deleted by id).
	 * @param searchId the saved search
	 * @return how many ended
	 */
	public Mono<Integer> deleteAll(String searchId) {
		return Mono
			.fromFuture(
					() -> this.client.search(
							(search) -> search.index(INDEX)
								.ignoreUnavailable(true)
								.allowNoIndices(true)
								.size(MAX)
								.source((source) -> source.fetch(false))
								.query((query) -> query
									.term((term) -> term.field("searchId").value(FieldValue.of(searchId)))),
							Void.class))
			.map((response) -> response.hits().hits().stream().map((hit) -> hit.id()).toList())
			.flatMap((ids) -> ids.isEmpty() ? Mono.just(0) : deleteIds(ids));
	}

	private Mono<Integer> deleteIds(List<String> ids) {
		List<BulkOperation> operations = ids.stream()
			.map((id) -> BulkOperation.of((operation) -> operation.delete((delete) -> delete.index(INDEX).id(id))))
			.toList();
		return Mono.fromFuture(() -> this.client.bulk((bulk) -> bulk.operations(operations).refresh(Refresh.True)))
			.flatMap((response) -> {
				for (var item : response.items()) {
					if (item.error() != null && item.status() != 404) {
						return Mono.<Integer>error(new IllegalStateException("The subscription " + item.id()
								+ " did not end: " + item.error().type() + ": " + item.error().reason()));
					}
				}
				return Mono.just(ids.size());
			});
	}

	/**
	 * How many people are subscribed to each saved search.
	 * @return the count of each search that has subscribers
	 */
	public Mono<Map<String, Long>> counts() {
		return Mono.fromFuture(() -> this.client.search(
				(search) -> search.index(INDEX)
					.ignoreUnavailable(true)
					.allowNoIndices(true)
					.size(0)
					.aggregations("searches", (agg) -> agg.terms((terms) -> terms.field("searchId").size(MAX))),
				Void.class))
			.map((response) -> {
				Map<String, Long> counts = new HashMap<>();
				Aggregate searches = response.aggregations().get("searches");
				if (searches != null && searches.isSterms()) {
					for (StringTermsBucket bucket : searches.sterms().buckets().array()) {
						counts.put(bucket.key().stringValue(), bucket.docCount());
					}
				}
				return counts;
			});
	}

	/**
	 * How many people are subscribed to a saved search.
	 * @param searchId the saved search
	 * @return the count
	 */
	public Mono<Long> count(String searchId) {
		return Mono
			.fromFuture(() -> this.client.count((count) -> count.index(INDEX)
				.ignoreUnavailable(true)
				.allowNoIndices(true)
				.query((query) -> query.term((term) -> term.field("searchId").value(FieldValue.of(searchId))))))
			.map((response) -> response.count());
	}

	/**
	 * The saved searches someone is subscribed to.
	 * @param username who
	 * @return the ids of the searches
	 */
	public Mono<Set<String>> subscribedBy(String username) {
		return Mono.fromFuture(
				() -> this.client.search(
						(search) -> search.index(INDEX)
							.ignoreUnavailable(true)
							.allowNoIndices(true)
							.size(MAX)
							.query((query) -> query
								.term((term) -> term.field("username").value(FieldValue.of(username)))),
						SubscriptionDocument.class))
			.map((response) -> {
				Set<String> ids = new HashSet<>();
				response.hits().hits().forEach((hit) -> {
					if (hit.source() != null) {
						ids.add(hit.source().searchId());
					}
				});
				return ids;
			});
	}

}
