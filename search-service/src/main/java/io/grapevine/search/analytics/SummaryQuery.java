package io.grapevine.search.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.search.mentions.MentionFilter;

/**
 * What a summary covers: a time range, the zone its days are counted in, filters, and how
 * many top authors and mentions to list.
 *
 * @param filter the filter; its {@code from} and {@code to} are both present
 * @param text a parsed listening query the mentions must match; empty for every mention
 * @param zone the zone whose midnights separate the days
 * @param top how many top authors and top mentions
 */
public record SummaryQuery(MentionFilter filter, Optional<ListeningQuery> text, ZoneId zone, int top) {

	/** The most top authors and mentions one summary lists. */
	public static final int MAX_TOP = 50;

	/** The longest range a summary covers, so the daily buckets stay bounded. */
	public static final Duration MAX_RANGE = Duration.ofDays(3660);

	public SummaryQuery {
		Objects.requireNonNull(filter, "filter");
		text = (text != null) ? text : Optional.empty();
		Objects.requireNonNull(zone, "zone");
		if (filter.from().isEmpty() || filter.to().isEmpty()) {
			throw new IllegalArgumentException("a summary needs both ends of its time range");
		}
		if (top < 1 || top > MAX_TOP) {
			throw new IllegalArgumentException("top must be between 1 and " + MAX_TOP + ", was " + top);
		}
	}

	public Instant from() {
		return this.filter.from().orElseThrow();
	}

	public Instant to() {
		return this.filter.to().orElseThrow();
	}

}
