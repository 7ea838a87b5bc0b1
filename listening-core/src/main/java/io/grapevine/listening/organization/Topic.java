package io.grapevine.listening.organization;

import java.util.List;
import java.util.Optional;

import io.grapevine.listening.query.ListeningQuery;

/**
 * A named query a department listens for.
 * <p>
 * A topic has keywords, a query in the listening query language, or both. When it has a
 * query, the query alone decides which mentions match, and the keywords only tell sources
 * what to search their APIs for (keep them broad; the query narrows). Without a query, a
 * mention matches when it contains any keyword: a whole word or phrase ignoring case and
 * accents, {@code #tag} a whole hashtag, {@code @name} a handle in the text or the
 * author's handle.
 *
 * @param id stable identifier used in tags and filters
 * @param name display name
 * @param department id of the department that owns it
 * @param keywords words or phrases sources search for; they decide matches only when
 * there is no query
 * @param query the listening query that decides matches, if there is one
 */
public record Topic(String id, String name, String department, List<String> keywords, Optional<ListeningQuery> query) {

	public Topic {
		keywords = (keywords != null) ? List.copyOf(keywords) : List.of();
		query = (query != null) ? query : Optional.empty();
		if (keywords.isEmpty() && query.isEmpty()) {
			throw new InvalidOrganizationException("topic '" + id + "' needs 'keywords', a 'query' or both");
		}
	}

	/**
	 * A topic matched by any of its keywords.
	 * @param id stable identifier used in tags and filters
	 * @param name display name
	 * @param department id of the department that owns it
	 * @param keywords words or phrases; a mention matches when it contains any of them
	 */
	public Topic(String id, String name, String department, List<String> keywords) {
		this(id, name, department, keywords, Optional.empty());
	}

	/**
	 * The query that decides whether a mention matches: the topic's query, or else any of
	 * its keywords. Built on each call, so keep it rather than asking per mention.
	 * @return the query
	 */
	public ListeningQuery matcher() {
		return this.query.orElseGet(() -> ListeningQuery.anyOf(this.keywords));
	}

}
