package io.grapevine.ingest.source.youtube;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import io.grapevine.listening.query.dialect.YouTubeDialect;

/**
 * The {@code searchTerms} of {@code commentThreads.list} built from the organization's
 * topics: when every topic has a listening query YouTube can say, their compiled queries
 * OR-ed with {@code |}; otherwise none, so that no comment a topic could match is left
 * out.
 */
final class YouTubeSearchTerms {

	/** Longest terms sent, as long as a YouTube search query may be. */
	static final int MAX_LENGTH = 500;

	private YouTubeSearchTerms() {
	}

	static Optional<String> of(Organization organization) {
		Set<String> seen = new LinkedHashSet<>();
		List<String> terms = new ArrayList<>();
		for (Topic topic : organization.listenedTopics()) {
			if (topic.query().isEmpty()) {
				// Keywords decide this topic's matches: the terms would have to hold
				// every
				// phrase of them, which '|' cannot.
				return Optional.empty();
			}
			List<String> compiled = YouTubeDialect.compile(topic.query().get());
			if (compiled.equals(List.of(""))) {
				return Optional.empty();
			}
			// An empty list means no comment can match: the topic adds nothing.
			for (String term : compiled) {
				if (seen.add(term.toLowerCase(Locale.ROOT))) {
					terms.add(term);
				}
			}
		}
		if (terms.size() == 1) {
			return Optional.of(terms.get(0));
		}
		// '|' joins single words: a query of several words or an exclusion among
		// alternatives would narrow the search, so the comments are read unfiltered.
		if (terms.isEmpty() || !terms.stream().allMatch(YouTubeSearchTerms::alternatives)) {
			return Optional.empty();
		}
		String joined = String.join("|", terms);
		return (joined.length() <= MAX_LENGTH) ? Optional.of(joined) : Optional.empty();
	}

	private static boolean alternatives(String term) {
		return !term.isEmpty() && !term.startsWith("-") && term.chars().noneMatch(Character::isWhitespace);
	}

}
