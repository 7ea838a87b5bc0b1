package io.grapevine.ingest.source.reddit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import io.grapevine.listening.query.dialect.RedditDialect;

/**
 * The Reddit search query built from the organization's topics: each topic's listening
 * query compiled to Reddit's syntax and parenthesised, or its keywords with phrases
 * quoted when it has no query (or nothing of it can be said to Reddit), all of them
 * OR-ed, kept under Reddit's query length limit.
 *
 * @param text the query as sent
 * @param dropped topic queries and keywords that did not fit under the limit
 */
record RedditQuery(String text, List<String> dropped) {

	/** Longest query Reddit's search accepts. */
	static final int MAX_LENGTH = 512;

	static RedditQuery of(Organization organization) {
		Set<String> seen = new LinkedHashSet<>();
		StringBuilder query = new StringBuilder();
		List<String> dropped = new ArrayList<>();
		for (Topic topic : organization.listenedTopics()) {
			for (String term : terms(topic)) {
				if (term.isEmpty() || !seen.add(term.toLowerCase(Locale.ROOT))) {
					continue;
				}
				String separator = (query.length() > 0) ? " OR " : "";
				if (query.length() + separator.length() + term.length() > MAX_LENGTH) {
					dropped.add(term);
					continue;
				}
				query.append(separator).append(term);
			}
		}
		return new RedditQuery(query.toString(), List.copyOf(dropped));
	}

	static RedditQuery of(String configured) {
		return new RedditQuery(configured.strip(), List.of());
	}

	private static List<String> terms(Topic topic) {
		if (topic.query().isPresent()) {
			List<String> compiled = RedditDialect.compile(topic.query().get());
			if (!compiled.equals(List.of(""))) {
				// An empty list means no post can match: the topic adds nothing to fetch.
				return compiled.stream().map((text) -> "(" + text + ")").toList();
			}
		}
		return topic.keywords().stream().map(RedditQuery::term).toList();
	}

	private static String term(String keyword) {
		String stripped = keyword.strip().replace("\"", "");
		if (stripped.chars().allMatch((c) -> Character.isLetterOrDigit(c) || c == '_' || c == '#')) {
			return stripped;
		}
		return '"' + stripped + '"';
	}

}
