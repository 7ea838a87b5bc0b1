package io.grapevine.search.mentions;

import java.util.Objects;
import java.util.Optional;

import io.grapevine.listening.query.ListeningQuery;

/**
 * A search for mentions, in one order, maybe folding the copies of a cluster into one.
 *
 * @param text a parsed listening query; empty for every mention
 * @param filter which mentions to look at
 * @param size mentions per page
 * @param after where the previous page ended, if this is not the first page
 * @param order the order of the results
 * @param collapse whether the mentions of one cluster of near-duplicates are shown as one
 */
public record MentionQuery(Optional<ListeningQuery> text, MentionFilter filter, int size, Optional<Cursor> after,
		Order order, boolean collapse) {

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
		Objects.requireNonNull(order, "order");
		if (after.isPresent() && !fits(after.get(), order, collapse)) {
			throw new IllegalArgumentException("the cursor belongs to a search in another order or folding");
		}
	}

	/**
	 * A newest-first search without folding.
	 * @param text a parsed listening query; empty for every mention
	 * @param filter which mentions to look at
	 * @param size mentions per page
	 * @param after where the previous page ended, if this is not the first page
	 */
	public MentionQuery(Optional<ListeningQuery> text, MentionFilter filter, int size, Optional<Cursor> after) {
		this(text, filter, size, after, Order.NEWEST, false);
	}

	private static boolean fits(Cursor cursor, Order order, boolean collapse) {
		if (cursor instanceof Cursor.After sorted) {
			return !collapse && order != Order.URGENCY && sorted.reach().isPresent() == (order == Order.REACH);
		}
		if (cursor instanceof Cursor.Scored) {
			return !collapse && order == Order.URGENCY;
		}
		return collapse;
	}

	/**
	 * The order of the results.
	 */
	public enum Order {

		/** Newest first. */
		NEWEST,

		/** Widest reach first (mentions without reach last), then newest. */
		REACH,

		/**
		 * Most urgent first, as {@link io.grapevine.search.handling.Urgency} scores it,
		 * then the one published first.
		 */
		URGENCY

	}

}
