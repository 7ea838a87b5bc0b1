package io.grapevine.ingest.source.hackernews;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

/**
 * The HN Search query built from the organization's topic keywords. Algolia requires
 * every word of a query by default and has no {@code OR} operator, so the keywords also
 * go as {@code optionalWords}, which makes a hit on any one of them enough.
 *
 * @param text the query as sent, phrases quoted
 * @param optionalWords the keywords any one of which is enough, comma-separated; absent
 * for a configured query, which is sent as written
 * @param dropped keywords that did not fit under Algolia's query length limit
 */
record HackerNewsQuery(String text, Optional<String> optionalWords, List<String> dropped) {

	/** Longest query Algolia accepts. */
	static final int MAX_LENGTH = 512;

	static HackerNewsQuery of(Organization organization) {
		Set<String> seen = new LinkedHashSet<>();
		List<String> keywords = new ArrayList<>();
		for (Topic topic : organization.topics()) {
			for (String keyword : topic.keywords()) {
				String cleaned = keyword.strip().replace("\"", "").replace(",", " ").strip();
				if (!cleaned.isEmpty() && seen.add(cleaned.toLowerCase(Locale.ROOT))) {
					keywords.add(cleaned);
				}
			}
		}
		StringBuilder query = new StringBuilder();
		List<String> kept = new ArrayList<>();
		List<String> dropped = new ArrayList<>();
		for (String keyword : keywords) {
			String term = keyword.contains(" ") ? '"' + keyword + '"' : keyword;
			String separator = query.isEmpty() ? "" : " ";
			if (query.length() + separator.length() + term.length() > MAX_LENGTH) {
				dropped.add(keyword);
				continue;
			}
			query.append(separator).append(term);
			kept.add(keyword);
		}
		return new HackerNewsQuery(query.toString(), Optional.of(String.join(",", kept)), List.copyOf(dropped));
	}

	static HackerNewsQuery of(String configured) {
		return new HackerNewsQuery(configured.strip(), Optional.empty(), List.of());
	}

}
