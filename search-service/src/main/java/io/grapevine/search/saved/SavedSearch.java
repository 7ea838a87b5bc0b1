package io.grapevine.search.saved;

import java.time.Instant;
import java.util.Objects;

/**
 * A listening query and filters kept under a name, shared with every member; only its
 * maker or an administrator may rename or delete it.
 *
 * @param id its id, part of its permalink
 * @param name what people call it, 1 to {@value #MAX_NAME} characters
 * @param query the listening query ({@code q}), empty for none
 * @param filters the dashboard's filters
 * @param createdBy who saved it
 * @param createdAt when it was saved
 * @param updatedAt when it was last changed
 */
public record SavedSearch(String id, String name, String query, SavedFilters filters, String createdBy,
		Instant createdAt, Instant updatedAt) {

	/** The longest name, in characters. */
	public static final int MAX_NAME = 120;

	/** The longest query, in characters. */
	public static final int MAX_QUERY = 2000;

	public SavedSearch {
		Objects.requireNonNull(id, "id");
		name = name(name);
		query = (query != null) ? query.strip() : "";
		if (query.length() > MAX_QUERY) {
			throw new InvalidSavedSearchException("query",
					"'query' may have at most " + MAX_QUERY + " characters, has " + query.length());
		}
		filters = (filters != null) ? filters : SavedFilters.none();
		Objects.requireNonNull(createdBy, "createdBy");
		Objects.requireNonNull(createdAt, "createdAt");
		updatedAt = (updatedAt != null) ? updatedAt : createdAt;
	}

	/**
	 * A name as people wrote it, checked.
	 * @param value the name
	 * @return the name without surrounding spaces
	 * @throws InvalidSavedSearchException naming {@code name} when it is blank or too
	 * long
	 */
	public static String name(String value) {
		String name = (value != null) ? value.strip() : "";
		if (name.isEmpty()) {
			throw new InvalidSavedSearchException("name", "'name' is missing; give the search a name of 1 to "
					+ MAX_NAME + " characters, such as \"Delays on line 4\"");
		}
		int length = name.codePointCount(0, name.length());
		if (length > MAX_NAME) {
			throw new InvalidSavedSearchException("name",
					"'name' may have at most " + MAX_NAME + " characters, has " + length);
		}
		return name;
	}

	/**
	 * The dashboard's address of this search, relative to the dashboard.
	 * @return {@code /?saved=<id>}
	 */
	public String permalink() {
		return "/?saved=" + this.id;
	}

	/**
	 * Whether someone may rename or delete this search.
	 * @param username who asks
	 * @param admin whether they are an administrator
	 * @return true for its maker and for administrators
	 */
	public boolean mayChange(String username, boolean admin) {
		return admin || this.createdBy.equals(username);
	}

	/**
	 * This search under another name.
	 * @param newName the new name
	 * @param at when it was renamed
	 * @return the renamed search
	 */
	public SavedSearch renamed(String newName, Instant at) {
		return new SavedSearch(this.id, newName, this.query, this.filters, this.createdBy, this.createdAt, at);
	}

}
