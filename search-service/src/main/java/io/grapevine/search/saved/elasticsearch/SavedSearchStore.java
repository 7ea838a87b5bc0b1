package io.grapevine.search.saved.elasticsearch;

import java.time.Instant;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import io.grapevine.search.saved.SavedSearch;
import io.grapevine.search.saved.SavedSearchNotFoundException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Keeps saved searches in the index {@value #INDEX}, {@code _id} = the search's id.
 * People save, rename and delete at their own pace, so every write is refreshed at once
 * and the list shows it straight away.
 */
@Component
public class SavedSearchStore {

	/** The index of saved searches. */
	public static final String INDEX = "saved-searches";

	/** The most saved searches the list shows (Elasticsearch's result window). */
	public static final int MAX_SEARCHES = 10_000;

	private final ElasticsearchAsyncClient client;

	private final Indices index;

	SavedSearchStore(ElasticsearchAsyncClient client) {
		this.client = client;
		this.index = new Indices(client, INDEX);
	}

	/**
	 * Keep a new saved search.
	 * @param search the search, with a fresh id
	 * @return the search as kept
	 */
	public Mono<SavedSearch> create(SavedSearch search) {
		SavedSearchDocument document = SavedSearchDocument.of(search);
		return this.index.ensure()
			.then(Mono.fromFuture(() -> this.client
				.create((create) -> create.index(INDEX).id(search.id()).document(document).refresh(Refresh.True))))
			.thenReturn(search);
	}

	/**
	 * A saved search by its id.
	 * @param id the id
	 * @return the search; fails with {@link SavedSearchNotFoundException}
	 */
	public Mono<SavedSearch> find(String id) {
		return Mono.fromFuture(() -> this.client.get((get) -> get.index(INDEX).id(id), SavedSearchDocument.class))
			.onErrorResume(Indices::missing, (ex) -> Mono.empty())
			.filter((response) -> response.found() && response.source() != null)
			.map((response) -> response.source().toSavedSearch())
			.switchIfEmpty(Mono.error(() -> new SavedSearchNotFoundException(id)));
	}

	/**
	 * Every saved search, newest first.
	 * @return up to {@value #MAX_SEARCHES} of them
	 */
	public Mono<List<SavedSearch>> all() {
		return Mono
			.fromFuture(() -> this.client.search(
					(search) -> search.index(INDEX)
						.ignoreUnavailable(true)
						.allowNoIndices(true)
						.size(MAX_SEARCHES)
						.sort((sort) -> sort.field((field) -> field.field("createdAt").order(SortOrder.Desc)))
						.sort((sort) -> sort.field((field) -> field.field("id").order(SortOrder.Asc))),
					SavedSearchDocument.class))
			.map((response) -> response.hits()
				.hits()
				.stream()
				.filter((hit) -> hit.source() != null)
				.map((hit) -> hit.source().toSavedSearch())
				.toList());
	}

	/**
	 * Give a saved search another name.
	 * @param search the search as read
	 * @param name the new name, checked
	 * @param at when
	 * @return the renamed search; fails with {@link SavedSearchNotFoundException} when it
	 * was deleted meanwhile
	 */
	public Mono<SavedSearch> rename(SavedSearch search, String name, Instant at) {
		SavedSearch renamed = search.renamed(name, at);
		SavedSearchDocument.Renamed change = new SavedSearchDocument.Renamed(renamed.name(),
				renamed.updatedAt().toString());
		return Mono
			.fromFuture(() -> this.client.update(
					(update) -> update.index(INDEX).id(search.id()).doc(change).refresh(Refresh.True),
					SavedSearchDocument.class))
			.onErrorMap(Indices::documentMissing, (ex) -> new SavedSearchNotFoundException(search.id()))
			.thenReturn(renamed);
	}

	/**
	 * Delete a saved search.
	 * @param id its id
	 * @return whether there was one
	 */
	public Mono<Boolean> delete(String id) {
		return Mono.fromFuture(() -> this.client.delete((delete) -> delete.index(INDEX).id(id).refresh(Refresh.True)))
			.map((response) -> "deleted".equals(response.result().jsonValue()))
			.onErrorResume(Indices::documentMissing, (ex) -> Mono.just(false));
	}

}
