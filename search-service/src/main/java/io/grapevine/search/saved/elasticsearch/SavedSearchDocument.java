package io.grapevine.search.saved.elasticsearch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.grapevine.search.saved.SavedFilters;
import io.grapevine.search.saved.SavedSearch;

/**
 * A saved search as the index {@value SavedSearchStore#INDEX} keeps it, written and read
 * by the client's JSON mapper: times as ISO-8601 text, absent values left out.
 *
 * @param id the search's id, also the document's {@code _id}
 * @param name its name
 * @param query its listening query, empty for none
 * @param filters its filters
 * @param createdBy who saved it
 * @param createdAt when
 * @param updatedAt when it last changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SavedSearchDocument(String id, String name, String query, Filters filters, String createdBy,
		String createdAt, String updatedAt) {

	static SavedSearchDocument of(SavedSearch search) {
		SavedFilters filters = search.filters();
		return new SavedSearchDocument(search.id(), search.name(), search.query(), new Filters(filters.department(),
				filters.topic(), filters.source(), filters.language(), filters.sentiment(), filters.competitor(),
				filters.owned().orElse(null), filters.question().orElse(null), filters.minReach().orElse(null),
				filters.sort(), filters.collapse(), filters.period().orElse(null),
				filters.from().map(Instant::toString).orElse(null), filters.to().map(Instant::toString).orElse(null)),
				search.createdBy(), search.createdAt().toString(), search.updatedAt().toString());
	}

	SavedSearch toSavedSearch() {
		Filters stored = (this.filters != null) ? this.filters
				: new Filters(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
		SavedFilters filters = new SavedFilters(stored.department(), stored.topic(), stored.source(), stored.language(),
				stored.sentiment(), stored.competitor(), Optional.ofNullable(stored.owned()),
				Optional.ofNullable(stored.question()), Optional.ofNullable(stored.minReach()), stored.sort(),
				Boolean.TRUE.equals(stored.collapse()), Optional.ofNullable(stored.period()),
				Optional.ofNullable(stored.from()).map(Instant::parse),
				Optional.ofNullable(stored.to()).map(Instant::parse));
		return new SavedSearch(this.id, this.name, this.query, filters, this.createdBy, Instant.parse(this.createdAt),
				Optional.ofNullable(this.updatedAt).map(Instant::parse).orElse(null));
	}

	/**
	 * The filters of a saved search as stored.
	 *
	 * @param department department ids
	 * @param topic topic ids
	 * @param source source kinds
	 * @param language language codes
	 * @param sentiment sentiment labels
	 * @param competitor competitor ids
	 * @param owned only the organization's own posts, or only others'
	 * @param question only questions, or none
	 * @param minReach the least reach
	 * @param sort newest or reach
	 * @param collapse whether near-duplicates are folded
	 * @param period a span back from now
	 * @param from an absolute range's start
	 * @param to an absolute range's end
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Filters(List<String> department, List<String> topic, List<String> source, List<String> language,
			List<String> sentiment, List<String> competitor, Boolean owned, Boolean question, Double minReach,
			String sort, Boolean collapse, String period, String from, String to) {

	}

	/**
	 * The fields a rename changes.
	 *
	 * @param name the new name
	 * @param updatedAt when
	 */
	record Renamed(String name, String updatedAt) {

	}

}
