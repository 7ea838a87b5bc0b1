package io.grapevine.digest.composition;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One local calendar day in a department's time zone, which is 23, 24 or 25 hours long
 * depending on daylight saving.
 *
 * @param day the local date
 * @param zone the time zone the day is counted in
 */
public record DailyPeriod(LocalDate day, ZoneId zone) {

	public DailyPeriod {
		Objects.requireNonNull(day, "day");
		Objects.requireNonNull(zone, "zone");
	}

	/**
	 * The local day before the one that contains an instant.
	 * @param now the instant
	 * @param zone the time zone
	 * @return yesterday, as seen in the zone
	 */
	public static DailyPeriod dayBefore(Instant now, ZoneId zone) {
		return new DailyPeriod(LocalDate.ofInstant(now, zone).minusDays(1), zone);
	}

	/**
	 * The day whose digest is due at an instant: yesterday's once today's digest time has
	 * passed, nothing before.
	 * @param now the instant
	 * @param zone the department's time zone
	 * @param digestTime the department's local digest time
	 * @return the day to send a digest for, if one is due
	 */
	public static Optional<DailyPeriod> due(Instant now, ZoneId zone, LocalTime digestTime) {
		DailyPeriod yesterday = dayBefore(now, zone);
		return now.isBefore(yesterday.dueAt(digestTime).toInstant()) ? Optional.empty() : Optional.of(yesterday);
	}

	/**
	 * When the day starts (inclusive).
	 * @return the first instant of the local day
	 */
	public Instant from() {
		return this.day.atStartOfDay(this.zone).toInstant();
	}

	/**
	 * When the day ends (exclusive): the start of the next local day.
	 * @return the first instant after the local day
	 */
	public Instant to() {
		return this.day.plusDays(1).atStartOfDay(this.zone).toInstant();
	}

	/**
	 * How long the day is.
	 * @return 24 hours, or 23 or 25 on the days the clocks change
	 */
	public Duration length() {
		return Duration.between(from(), to());
	}

	/**
	 * The local day before this one.
	 * @return the previous day in the same zone
	 */
	public DailyPeriod previous() {
		return new DailyPeriod(this.day.minusDays(1), this.zone);
	}

	/**
	 * The local day after this one.
	 * @return the next day in the same zone
	 */
	public DailyPeriod next() {
		return new DailyPeriod(this.day.plusDays(1), this.zone);
	}

	/**
	 * When this day's digest is due: the digest time on the following local day (moved
	 * forward if the clocks skip it).
	 * @param digestTime the local digest time
	 * @return the due time
	 */
	public ZonedDateTime dueAt(LocalTime digestTime) {
		return ZonedDateTime.of(this.day.plusDays(1), digestTime, this.zone);
	}

}
