package io.grapevine.search.executive;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The period an executive reads, the periods it is compared with, and the department it
 * is narrowed to, if any.
 *
 * @param from the period's start, inclusive
 * @param to the period's end, exclusive
 * @param zone the zone the days, weeks and months of its timeline are counted in
 * @param department the department it is narrowed to, if any
 */
public record ExecutiveQuery(Instant from, Instant to, ZoneId zone, Optional<String> department) {

	public ExecutiveQuery {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(zone, "zone");
		department = (department != null) ? department : Optional.empty();
		if (!from.isBefore(to)) {
			throw new IllegalArgumentException("from " + from + " must be before to " + to);
		}
	}

	/**
	 * The period of the same length just before this one.
	 * @return the previous period
	 */
	public Range previous() {
		Duration length = Duration.between(this.from, this.to);
		return new Range(this.from.minus(length), this.from);
	}

	/**
	 * The same period a year before, by the calendar of the zone.
	 * @return the period a year before
	 */
	public Range yearBefore() {
		return new Range(ZonedDateTime.ofInstant(this.from, this.zone).minusYears(1).toInstant(),
				ZonedDateTime.ofInstant(this.to, this.zone).minusYears(1).toInstant());
	}

	/**
	 * The period itself.
	 * @return its range
	 */
	public Range current() {
		return new Range(this.from, this.to);
	}

	/**
	 * The step of the timeline: days up to two months, weeks up to half a year, months
	 * beyond.
	 * @return the interval
	 */
	public Interval interval() {
		Duration length = Duration.between(this.from, this.to);
		if (length.compareTo(Duration.ofDays(62)) <= 0) {
			return Interval.DAY;
		}
		return (length.compareTo(Duration.ofDays(186)) <= 0) ? Interval.WEEK : Interval.MONTH;
	}

	/**
	 * A time range.
	 *
	 * @param from start, inclusive
	 * @param to end, exclusive
	 */
	public record Range(Instant from, Instant to) {
	}

	/**
	 * The step of a timeline.
	 */
	public enum Interval {

		/** A day. */
		DAY,

		/** A week, Monday to Monday. */
		WEEK,

		/** A calendar month. */
		MONTH

	}

}
