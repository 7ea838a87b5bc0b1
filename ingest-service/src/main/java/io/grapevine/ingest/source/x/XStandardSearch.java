package io.grapevine.ingest.source.x;

import java.util.List;
import java.util.Optional;

import io.grapevine.listening.organization.Organization;

/**
 * The v1.1 standard-search query built from the organization's topics as the v2 recent
 * search builds its own: each topic's listening query compiled to X's syntax, or its
 * keywords, all of them OR-ed, retweets left out with {@code -filter:retweets}, within
 * the 500 characters standard search accepts.
 */
public final class XStandardSearch {

	/** Standard search refuses longer queries. */
	public static final int MAX_LENGTH = 500;

	private static final String SUFFIX = ") -filter:retweets";

	private XStandardSearch() {
	}

	/**
	 * The query of an organization's topics.
	 * @param organization the organization
	 * @return the query, or empty when no topic gives X anything to search for
	 */
	public static Optional<String> of(Organization organization) {
		XQuery query = XQuery.of(organization, SUFFIX, MAX_LENGTH);
		return query.text().equals("(" + SUFFIX) ? Optional.empty() : Optional.of(query.text());
	}

	/**
	 * The topics' query terms left out because the query would be too long.
	 * @param organization the organization
	 * @return the terms left out
	 */
	public static List<String> dropped(Organization organization) {
		return XQuery.of(organization, SUFFIX, MAX_LENGTH).dropped();
	}

}
