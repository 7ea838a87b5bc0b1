package io.grapevine.ingest.source.hackernews;

import java.util.Optional;

/**
 * One HN Search query as sent to {@code search_by_date}.
 *
 * @param text the {@code query} parameter
 * @param optionalWords the words any one of which is enough, comma-separated; absent when
 * every word of the text is required
 * @param advancedSyntax whether {@code advancedSyntax=true} goes with it, so that
 * {@code "phrases"} and {@code -word} are read as such
 */
record HackerNewsQuery(String text, Optional<String> optionalWords, boolean advancedSyntax) {

	/** Longest query Algolia accepts. */
	static final int MAX_LENGTH = 512;

	/**
	 * A query written in the source's settings, sent as written.
	 * @param configured the query
	 * @return the query
	 */
	static HackerNewsQuery of(String configured) {
		return new HackerNewsQuery(configured.strip(), Optional.empty(), false);
	}

	/**
	 * A query compiled from a listening query, every word required.
	 * @param compiled a query {@code HackerNewsDialect} compiled
	 * @return the query
	 */
	static HackerNewsQuery compiled(String compiled) {
		return new HackerNewsQuery(compiled, Optional.empty(), true);
	}

}
