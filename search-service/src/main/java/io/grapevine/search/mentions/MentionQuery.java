package io.grapevine.search.mentions;

import java.util.Objects;
import java.util.Optional;

import io.grapevine.listening.query.ListeningQuery;

/**
 * A search for mentions, newest first.
 *
 * @param text a parsed listening query; empty for every mention
 * @param filter which mentions to look at
 * @param size mentions per page
 * @param after where the previous page ended, if this is not the first page
 */
public record MentionQuery(Optional<ListeningQuery> text, MentionFilter filter, int size, Optional<Cursor> after) {

	/** The most mentions one page can hold. */
	public static final int MAX_SIZE = 100;

	/** Mentions per page when the client does not say. */
	public static final int DEFAULT_SIZE = 20;

	public MentionQuery {
		text = (text != null) ? text : Optional.empty();
		Objects.requireNonNull(filter, "filter");
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", was " + size);
		}
		after = (after != null) ? after : Optional.empty();
	}

}
