package io.grapevine.digest.archive;

import io.grapevine.digest.elasticsearch.ElasticsearchCalls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.grapevine.digest.composition.SavedSearch;
import io.grapevine.digest.composition.SavedSearchSubscription;
import reactor.core.publisher.Mono;

/**
 * Reads the saved searches and their subscriptions that search-service keeps (indices
 * {@value #SEARCHES} and {@value #SUBSCRIPTIONS}); before search-service has written any,
 * there are none.
 */
public class SavedSearchSubscriptions {

	/** The index of saved searches, written by search-service. */
	public static final String SEARCHES = "saved-searches";

	/** The index of subscriptions, {@code _id} = {@code <search id>:<username>}. */
	public static final String SUBSCRIPTIONS = "saved-search-subscriptions";

	private static final int PAGE = 1000;

	private final ElasticsearchClient client;

	/**
	 * Create the reader.
	 * @param client the Elasticsearch client
	 */
	public SavedSearchSubscriptions(ElasticsearchClient client) {
		this.client = client;
	}

	/**
	 * Every subscription, a page at a time.
	 * @return the subscriptions, by search and person
	 */
	public Mono<List<SavedSearchSubscription>> all() {
		return ElasticsearchCalls.call("read the subscriptions to saved searches", () -> {
			List<SavedSearchSubscription> all = new ArrayList<>();
			List<FieldValue> after = List.of();
			while (true) {
				List<FieldValue> from = after;
				SearchResponse<SavedSearchSubscription> page = this.client.search((search) -> {
					search.index(SUBSCRIPTIONS)
						.ignoreUnavailable(true)
						.allowNoIndices(true)
						.size(PAGE)
						.sort((sort) -> sort.field((field) -> field.field("searchId").order(SortOrder.Asc)))
						.sort((sort) -> sort.field((field) -> field.field("username").order(SortOrder.Asc)));
					if (!from.isEmpty()) {
						search.searchAfter(from);
					}
					return search;
				}, SavedSearchSubscription.class);
				List<Hit<SavedSearchSubscription>> hits = page.hits().hits();
				hits.stream().map(Hit::source).filter((source) -> source != null).forEach(all::add);
				if (hits.size() < PAGE) {
					return all;
				}
				after = hits.get(hits.size() - 1).sort();
			}
		});
	}

	/**
	 * A saved search by its id, as it is now.
	 * @param id the search's id
	 * @return the search, or empty when it was deleted
	 */
	public Mono<Optional<SavedSearch>> search(String id) {
		return ElasticsearchCalls.call("read the saved search " + id,
				() -> found(() -> this.client.get((get) -> get.index(SEARCHES).id(id), SavedSearch.class)));
	}

	/**
	 * Whether someone is still subscribed to a saved search, as it is now.
	 * @param searchId the search's id
	 * @param username who
	 * @return true while the subscription is there
	 */
	public Mono<Boolean> subscribed(String searchId, String username) {
		return ElasticsearchCalls.call("read the subscription of " + username + " to the saved search " + searchId,
				() -> found(() -> this.client.get((get) -> get.index(SUBSCRIPTIONS).id(searchId + ":" + username),
						SavedSearchSubscription.class))
					.isPresent());
	}

	// Reads by id see every write at once, so a search deleted or a subscription ended a
	// moment ago is gone here.
	private static <T> Optional<T> found(Read<T> read) throws IOException {
		try {
			GetResponse<T> response = read.get();
			return (response.found()) ? Optional.ofNullable(response.source()) : Optional.empty();
		}
		catch (ElasticsearchException ex) {
			if ("index_not_found_exception".equals(ex.error().type())) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	@FunctionalInterface
	private interface Read<T> {

		GetResponse<T> get() throws IOException;

	}

}
