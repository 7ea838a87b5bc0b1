package io.grapevine.ingest.source.bluesky;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

/**
 * The search queries built from the organization's topic keywords: one per keyword (the
 * search has no reliable {@code OR}), phrases quoted, hashtags and handles as they are.
 */
final class BlueskyQueries {

	private BlueskyQueries() {
	}

	static List<String> of(Organization organization) {
		Set<String> seen = new LinkedHashSet<>();
		List<String> queries = new ArrayList<>();
		for (Topic topic : organization.topics()) {
			for (String keyword : topic.keywords()) {
				String term = term(keyword);
				if (!term.isEmpty() && seen.add(term.toLowerCase(Locale.ROOT))) {
					queries.add(term);
				}
			}
		}
		return List.copyOf(queries);
	}

	private static String term(String keyword) {
		String stripped = keyword.strip().replace("\"", "");
		if (stripped.isEmpty() || stripped.chars().noneMatch(Character::isWhitespace)) {
			return stripped;
		}
		return '"' + stripped.replaceAll("\\s+", " ") + '"';
	}

}
