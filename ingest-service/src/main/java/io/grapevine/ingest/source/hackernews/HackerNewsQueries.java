package io.grapevine.ingest.source.hackernews;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import io.grapevine.listening.query.dialect.HackerNewsDialect;

/**
 * The HN Search queries built from the organization's topics: each topic's listening
 * query compiled to Algolia's syntax, one query per string it yields, and one query for
 * the keywords of the topics without a query (or with one HN Search cannot say). Algolia
 * requires every word of a query by default and has no {@code OR} operator, so the
 * keywords also go as {@code optionalWords}, which makes a hit on any one of them enough.
 *
 * @param queries the queries, the keyword query first
 * @param dropped keywords that did not fit under Algolia's query length limit
 */
record HackerNewsQueries(List<HackerNewsQuery> queries, List<String> dropped) {

	HackerNewsQueries {
		queries = List.copyOf(queries);
		dropped = List.copyOf(dropped);
	}

	static HackerNewsQueries of(String configured) {
		return new HackerNewsQueries(List.of(HackerNewsQuery.of(configured)), List.of());
	}

	static HackerNewsQueries of(Organization organization) {
		Set<String> seenKeywords = new LinkedHashSet<>();
		List<String> keywords = new ArrayList<>();
		Set<String> seenQueries = new LinkedHashSet<>();
		List<HackerNewsQuery> compiled = new ArrayList<>();
		for (Topic topic : organization.listenedTopics()) {
			Optional<List<String>> texts = topic.query().map(HackerNewsDialect::compile);
			if (texts.isPresent() && !texts.get().equals(List.of(""))) {
				// An empty list means no item can match: the topic adds nothing to fetch.
				for (String text : texts.get()) {
					if (!text.isBlank() && seenQueries.add(text.toLowerCase(Locale.ROOT))) {
						compiled.add(HackerNewsQuery.compiled(text));
					}
				}
				continue;
			}
			for (String keyword : topic.keywords()) {
				String cleaned = keyword.strip().replace("\"", "").replace(",", " ").strip();
				if (!cleaned.isEmpty() && seenKeywords.add(cleaned.toLowerCase(Locale.ROOT))) {
					keywords.add(cleaned);
				}
			}
		}
		List<HackerNewsQuery> queries = new ArrayList<>();
		List<String> dropped = new ArrayList<>();
		keywordQuery(keywords, dropped).ifPresent(queries::add);
		queries.addAll(compiled);
		return new HackerNewsQueries(queries, dropped);
	}

	/**
	 * The texts of the queries, as sent and recorded as {@code matchedBy}.
	 * @return the texts
	 */
	List<String> texts() {
		return this.queries.stream().map(HackerNewsQuery::text).toList();
	}

	private static Optional<HackerNewsQuery> keywordQuery(List<String> keywords, List<String> dropped) {
		StringBuilder query = new StringBuilder();
		List<String> kept = new ArrayList<>();
		for (String keyword : keywords) {
			String term = keyword.contains(" ") ? '"' + keyword + '"' : keyword;
			String separator = query.isEmpty() ? "" : " ";
			if (query.length() + separator.length() + term.length() > HackerNewsQuery.MAX_LENGTH) {
				dropped.add(keyword);
				continue;
			}
			query.append(separator).append(term);
			kept.add(keyword);
		}
		if (kept.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new HackerNewsQuery(query.toString(), Optional.of(String.join(",", kept)), false));
	}

}
