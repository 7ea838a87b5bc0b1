package io.grapevine.digest.composition;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The local days a digest covers in a department's time zone: one day, or one ISO week
 * from Monday 00:00 to the next Monday 00:00 (seven local days, 167 to 169 hours long
 * depending on daylight saving).
 *
 * @param rhythm a day or a week
 * @param first the first local day
 * @param zone the time zone the days are counted in
 */
public record DigestPeriod(Rhythm rhythm, LocalDate first, ZoneId zone) {

	private static final DateTimeFormatter DAY_OF_MONTH = DateTimeFormatter.ofPattern("d", Locale.US);

	private static final DateTimeFormatter DAY_AND_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.US);

	private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US);

	public DigestPeriod {
		Objects.requireNonNull(rhythm, "rhythm");
		Objects.requireNonNull(first, "first");
		Objects.requireNonNull(zone, "zone");
		if (rhythm == Rhythm.WEEKLY && first.getDayOfWeek() != DayOfWeek.MONDAY) {
			throw new IllegalArgumentException(
					"an ISO week starts on a Monday, " + first + " is a " + first.getDayOfWeek());
		}
	}

	/**
	 * The period of a daily digest.
	 * @param day the day
	 * @return the same day as a digest period
	 */
	public static DigestPeriod of(DailyPeriod day) {
		return new DigestPeriod(Rhythm.DAILY, day.day(), day.zone());
	}

	/**
	 * The ISO week (Monday to Sunday) that contains a local day.
	 * @param day any day of the week
	 * @param zone the time zone
	 * @return the week
	 */
	public static DigestPeriod isoWeek(LocalDate day, ZoneId zone) {
		return new DigestPeriod(Rhythm.WEEKLY, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), zone);
	}

	/**
	 * The ISO week before the one that contains an instant.
	 * @param now the instant
	 * @param zone the time zone
	 * @return last week, as seen in the zone
	 */
	public static DigestPeriod weekBefore(Instant now, ZoneId zone) {
		return isoWeek(LocalDate.ofInstant(now, zone), zone).previous();
	}

	/**
	 * The week whose digest is due at an instant: last week's once its digest time on the
	 * weekly day of this week has passed, nothing before.
	 * @param now the instant
	 * @param zone the department's time zone
	 * @param weeklyDay the day of the week the weekly digest is sent on
	 * @param digestTime the department's local digest time
	 * @return the week to send a digest for, if one is due
	 */
	public static Optional<DigestPeriod> weekDue(Instant now, ZoneId zone, DayOfWeek weeklyDay, LocalTime digestTime) {
		DigestPeriod lastWeek = weekBefore(now, zone);
		return now.isBefore(lastWeek.dueAt(weeklyDay, digestTime).toInstant()) ? Optional.empty()
				: Optional.of(lastWeek);
	}

	/**
	 * The first local day, the only one for a daily period.
	 * @return the first day
	 */
	public LocalDate day() {
		return this.first;
	}

	/**
	 * The last local day (inclusive).
	 * @return the last day
	 */
	public LocalDate last() {
		return this.first.plusDays(this.rhythm.days() - 1);
	}

	/**
	 * When the period starts (inclusive).
	 * @return the first instant of its first local day
	 */
	public Instant from() {
		return this.first.atStartOfDay(this.zone).toInstant();
	}

	/**
	 * When the period ends (exclusive): the start of the local day after its last.
	 * @return the first instant after the period
	 */
	public Instant to() {
		return this.first.plusDays(this.rhythm.days()).atStartOfDay(this.zone).toInstant();
	}

	/**
	 * How long the period is.
	 * @return its length, an hour shorter or longer when the clocks change within it
	 */
	public Duration length() {
		return Duration.between(from(), to());
	}

	/**
	 * The period of the same length just before this one.
	 * @return the previous day or week
	 */
	public DigestPeriod previous() {
		return new DigestPeriod(this.rhythm, this.first.minusDays(this.rhythm.days()), this.zone);
	}

	/**
	 * The period of the same length just after this one.
	 * @return the next day or week
	 */
	public DigestPeriod next() {
		return new DigestPeriod(this.rhythm, this.first.plusDays(this.rhythm.days()), this.zone);
	}

	/**
	 * When a weekly period's digest is due: the digest time on the weekly day of the
	 * following week (moved forward if the clocks skip it).
	 * @param weeklyDay the day of the week it is sent on
	 * @param digestTime the local digest time
	 * @return the due time
	 */
	public ZonedDateTime dueAt(DayOfWeek weeklyDay, LocalTime digestTime) {
		LocalDate following = this.first.plusDays(this.rhythm.days());
		return ZonedDateTime.of(following.with(TemporalAdjusters.nextOrSame(weeklyDay)), digestTime, this.zone);
	}

	/**
	 * The ISO week, as in archive ids: "2026-W47".
	 * @return the ISO week-based year and week number
	 */
	public String isoWeekLabel() {
		return "%d-W%02d".formatted(this.first.get(IsoFields.WEEK_BASED_YEAR),
				this.first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	/**
	 * The period as written in subjects and headings: "Thu 20 Nov 2026" for a day, "16–22
	 * Nov 2026", "30 Nov – 6 Dec 2026" or "29 Dec 2025 – 4 Jan 2026" for a week.
	 * @return the label
	 */
	public String label() {
		if (this.rhythm == Rhythm.DAILY) {
			return Digest.DAY.format(this.first);
		}
		LocalDate last = last();
		if (this.first.getYear() != last.getYear()) {
			return FULL.format(this.first) + " – " + FULL.format(last);
		}
		if (this.first.getMonth() != last.getMonth()) {
			return DAY_AND_MONTH.format(this.first) + " – " + FULL.format(last);
		}
		return DAY_OF_MONTH.format(this.first) + "–" + FULL.format(last);
	}

	/**
	 * How long a digest period is.
	 */
	public enum Rhythm {

		/** One local day. */
		DAILY(1),

		/** One ISO week, Monday to Sunday. */
		WEEKLY(7);

		private final int days;

		Rhythm(int days) {
			this.days = days;
		}

		/**
		 * How many local days it covers.
		 * @return 1 or 7
		 */
		public int days() {
			return this.days;
		}

		/**
		 * The rhythm in words, as in subjects and the archive.
		 * @return "daily" or "weekly"
		 */
		public String word() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
