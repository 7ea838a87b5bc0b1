package io.grapevine.ingest.source.bluesky;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.grapevine.listening.organization.Account;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import io.grapevine.listening.query.dialect.BlueskyDialect;

/**
 * The search queries built from the organization's own accounts ({@code from:<handle>},
 * each a query) and its topics: each topic's listening query compiled to Bluesky's
 * syntax, or else one per keyword (the search has no reliable {@code OR}), phrases
 * quoted, hashtags and handles as they are.
 */
final class BlueskyQueries {

	private BlueskyQueries() {
	}

	static List<String> of(Organization organization) {
		Set<String> seen = new LinkedHashSet<>();
		List<String> queries = new ArrayList<>();
		// The organization's replies seldom repeat a topic's words, yet they answer the
		// posts they reply to: its own accounts are searched too.
		for (Account account : organization.accounts().own()) {
			if (BlueskyPosts.SOURCE.equals(account.network()) && !account.key().startsWith("did:")
					&& seen.add("from:" + account.key())) {
				queries.add("from:" + account.key());
			}
		}
		for (Topic topic : organization.listenedTopics()) {
			for (String term : terms(topic)) {
				if (!term.isEmpty() && seen.add(term.toLowerCase(Locale.ROOT))) {
					queries.add(term);
				}
			}
		}
		return List.copyOf(queries);
	}

	private static List<String> terms(Topic topic) {
		if (topic.query().isPresent()) {
			List<String> compiled = BlueskyDialect.compile(topic.query().get());
			if (!compiled.equals(List.of(""))) {
				// An empty list means no post can match: the topic adds nothing to fetch.
				return compiled;
			}
		}
		return topic.keywords().stream().map(BlueskyQueries::term).toList();
	}

	private static String term(String keyword) {
		String stripped = keyword.strip().replace("\"", "");
		if (stripped.isEmpty() || stripped.chars().noneMatch(Character::isWhitespace)) {
			return stripped;
		}
		return '"' + stripped.replaceAll("\\s+", " ") + '"';
	}

}
