package io.grapevine.search.saved.web;

import java.time.Instant;
import java.util.List;

import io.grapevine.search.saved.SavedFilters;
import io.grapevine.search.saved.SavedSearch;

/**
 * A saved search as the API answers it, with what it means to the person asking.
 *
 * @param id its id
 * @param name its name
 * @param query its listening query, empty for none
 * @param filters its filters
 * @param createdBy who saved it
 * @param createdAt when
 * @param updatedAt when it last changed
 * @param subscribed whether the person asking receives its daily email
 * @param subscribers how many people receive it
 * @param permalink the dashboard's address of it, {@code /?saved=<id>}
 */
record SavedSearchView(String id, String name, String query, SavedFilters filters, String createdBy, Instant createdAt,
		Instant updatedAt, boolean subscribed, long subscribers, String permalink) {

	static SavedSearchView of(SavedSearch search, boolean subscribed, long subscribers) {
		return new SavedSearchView(search.id(), search.name(), search.query(), search.filters(), search.createdBy(),
				search.createdAt(), search.updatedAt(), subscribed, subscribers, search.permalink());
	}

	/**
	 * Every saved search.
	 *
	 * @param searches newest first
	 */
	record All(List<SavedSearchView> searches) {

	}

}
