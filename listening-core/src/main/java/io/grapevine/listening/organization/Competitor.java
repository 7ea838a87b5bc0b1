package io.grapevine.listening.organization;

import java.util.List;
import java.util.Optional;

import io.grapevine.listening.query.ListeningQuery;

/**
 * Another organization whose mentions are counted beside the organization's own, for its
 * share of voice.
 * <p>
 * A competitor matches mentions as a topic does: by its query when it has one, or else by
 * any of its keywords; sources search for its keywords as they do for topics'.
 *
 * @param id stable identifier used in tags and filters, distinct from every topic id
 * @param name display name
 * @param keywords words or phrases sources search for; they decide matches only when
 * there is no query
 * @param query the listening query that decides matches, if there is one
 */
public record Competitor(String id, String name, List<String> keywords, Optional<ListeningQuery> query) {

	/**
	 * The department of the topic a competitor is listened to as: none.
	 */
	public static final String NO_DEPARTMENT = "";

	public Competitor {
		keywords = (keywords != null) ? List.copyOf(keywords) : List.of();
		query = (query != null) ? query : Optional.empty();
		if (keywords.isEmpty() && query.isEmpty()) {
			throw new InvalidOrganizationException("competitor '" + id + "' needs 'keywords', a 'query' or both");
		}
	}

	/**
	 * A competitor matched by any of its keywords.
	 * @param id stable identifier
	 * @param name display name
	 * @param keywords words or phrases; a mention matches when it contains any of them
	 */
	public Competitor(String id, String name, List<String> keywords) {
		this(id, name, keywords, Optional.empty());
	}

	/**
	 * The query that decides whether a mention names this competitor. Built on each call,
	 * so keep it rather than asking per mention.
	 * @return the query
	 */
	public ListeningQuery matcher() {
		return this.query.orElseGet(() -> ListeningQuery.anyOf(this.keywords));
	}

	/**
	 * This competitor as a topic that no department owns ({@link #NO_DEPARTMENT}), for
	 * sources that build their searches from topics.
	 * @return the topic
	 */
	public Topic asTopic() {
		return new Topic(this.id, this.name, NO_DEPARTMENT, this.keywords, this.query);
	}

}
