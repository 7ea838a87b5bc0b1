package io.grapevine.digest.audience;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The local days a digest covers in its audience's time zone: one day (23 to 25 hours
 * long depending on daylight saving), one ISO week from Monday 00:00 to the next Monday
 * 00:00, or one calendar month from its first day 00:00 to the first day of the next.
 *
 * @param rhythm a day, a week or a month
 * @param first the first local day
 * @param zone the time zone the days are counted in
 */
public record Period(Rhythm rhythm, LocalDate first, ZoneId zone) {

	/** How days are written in subjects and headings: "Thu 20 Nov 2026". */
	public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.US);

	private static final DateTimeFormatter DAY_OF_MONTH = DateTimeFormatter.ofPattern("d", Locale.US);

	private static final DateTimeFormatter DAY_AND_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.US);

	private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US);

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US);

	public Period {
		Objects.requireNonNull(rhythm, "rhythm");
		Objects.requireNonNull(first, "first");
		Objects.requireNonNull(zone, "zone");
		if (rhythm == Rhythm.WEEKLY && first.getDayOfWeek() != DayOfWeek.MONDAY) {
			throw new IllegalArgumentException(
					"an ISO week starts on a Monday, " + first + " is a " + first.getDayOfWeek());
		}
		if (rhythm == Rhythm.MONTHLY && first.getDayOfMonth() != 1) {
			throw new IllegalArgumentException("a calendar month starts on its first day, not on " + first);
		}
	}

	/**
	 * One local day.
	 * @param day the day
	 * @param zone the time zone
	 * @return the day
	 */
	public static Period day(LocalDate day, ZoneId zone) {
		return new Period(Rhythm.DAILY, day, zone);
	}

	/**
	 * The ISO week (Monday to Sunday) that contains a local day.
	 * @param day any day of the week
	 * @param zone the time zone
	 * @return the week
	 */
	public static Period isoWeek(LocalDate day, ZoneId zone) {
		return new Period(Rhythm.WEEKLY, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), zone);
	}

	/**
	 * A calendar month.
	 * @param month the month
	 * @param zone the time zone its days are counted in
	 * @return the month
	 */
	public static Period month(YearMonth month, ZoneId zone) {
		return new Period(Rhythm.MONTHLY, month.atDay(1), zone);
	}

	/**
	 * The last whole period of a rhythm before the one that contains an instant:
	 * yesterday, last week or last month as seen in the zone.
	 * @param rhythm a day, a week or a month
	 * @param now the instant
	 * @param zone the time zone
	 * @return the period
	 */
	public static Period before(Rhythm rhythm, Instant now, ZoneId zone) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		return switch (rhythm) {
			case DAILY -> day(today, zone).previous();
			case WEEKLY -> isoWeek(today, zone).previous();
			case MONTHLY -> month(YearMonth.from(today), zone).previous();
		};
	}

	/**
	 * The local day before the one that contains an instant.
	 * @param now the instant
	 * @param zone the time zone
	 * @return yesterday, as seen in the zone
	 */
	public static Period dayBefore(Instant now, ZoneId zone) {
		return before(Rhythm.DAILY, now, zone);
	}

	/**
	 * The ISO week before the one that contains an instant.
	 * @param now the instant
	 * @param zone the time zone
	 * @return last week, as seen in the zone
	 */
	public static Period weekBefore(Instant now, ZoneId zone) {
		return before(Rhythm.WEEKLY, now, zone);
	}

	/**
	 * The calendar month before the one that contains an instant.
	 * @param now the instant
	 * @param zone the time zone
	 * @return last month, as seen in the zone
	 */
	public static Period monthBefore(Instant now, ZoneId zone) {
		return before(Rhythm.MONTHLY, now, zone);
	}

	/**
	 * The period of a rhythm whose digest is due at an instant: the last whole one once
	 * its digest time has passed (on the weekly day for a week, on the first day of the
	 * month for a month), nothing before.
	 * @param rhythm a day, a week or a month
	 * @param now the instant
	 * @param zone the audience's time zone
	 * @param weeklyDay the day of the week a weekly digest is sent on
	 * @param digestTime the audience's local digest time
	 * @return the period to send a digest for, if one is due
	 */
	public static Optional<Period> due(Rhythm rhythm, Instant now, ZoneId zone, DayOfWeek weeklyDay,
			LocalTime digestTime) {
		Period last = before(rhythm, now, zone);
		return now.isBefore(last.dueAt(weeklyDay, digestTime).toInstant()) ? Optional.empty() : Optional.of(last);
	}

	/**
	 * The day whose digest is due at an instant: yesterday's once today's digest time has
	 * passed, nothing before.
	 * @param now the instant
	 * @param zone the audience's time zone
	 * @param digestTime the audience's local digest time
	 * @return the day to send a digest for, if one is due
	 */
	public static Optional<Period> dayDue(Instant now, ZoneId zone, LocalTime digestTime) {
		return due(Rhythm.DAILY, now, zone, DayOfWeek.MONDAY, digestTime);
	}

	/**
	 * The week whose digest is due at an instant: last week's once its digest time on the
	 * weekly day of this week has passed, nothing before.
	 * @param now the instant
	 * @param zone the audience's time zone
	 * @param weeklyDay the day of the week the weekly digest is sent on
	 * @param digestTime the audience's local digest time
	 * @return the week to send a digest for, if one is due
	 */
	public static Optional<Period> weekDue(Instant now, ZoneId zone, DayOfWeek weeklyDay, LocalTime digestTime) {
		return due(Rhythm.WEEKLY, now, zone, weeklyDay, digestTime);
	}

	/**
	 * The month whose digest is due at an instant: last month's once the digest time of
	 * this month's first day has passed, nothing before.
	 * @param now the instant
	 * @param zone the audience's time zone
	 * @param digestTime the audience's local digest time
	 * @return the month to send a digest for, if one is due
	 */
	public static Optional<Period> monthDue(Instant now, ZoneId zone, LocalTime digestTime) {
		return due(Rhythm.MONTHLY, now, zone, DayOfWeek.MONDAY, digestTime);
	}

	/**
	 * The first local day, the only one for a daily period.
	 * @return the first day
	 */
	public LocalDate day() {
		return this.first;
	}

	/**
	 * The calendar month the period starts in, the one it covers for a monthly period.
	 * @return the month
	 */
	public YearMonth month() {
		return YearMonth.from(this.first);
	}

	/**
	 * The last local day (inclusive).
	 * @return the last day
	 */
	public LocalDate last() {
		return this.rhythm.after(this.first, 1).minusDays(1);
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
		return this.rhythm.after(this.first, 1).atStartOfDay(this.zone).toInstant();
	}

	/**
	 * How long the period is.
	 * @return its length, an hour shorter or longer when the clocks change within it
	 */
	public Duration length() {
		return Duration.between(from(), to());
	}

	/**
	 * The period of the same rhythm just before this one.
	 * @return the previous day, week or month
	 */
	public Period previous() {
		return new Period(this.rhythm, this.rhythm.after(this.first, -1), this.zone);
	}

	/**
	 * The period of the same rhythm just after this one.
	 * @return the next day, week or month
	 */
	public Period next() {
		return new Period(this.rhythm, this.rhythm.after(this.first, 1), this.zone);
	}

	/**
	 * When the period's digest is due: the digest time on the day after a day, on the
	 * weekly day of the week after a week, on the first day of the month after a month
	 * (moved forward if the clocks skip it).
	 * @param weeklyDay the day of the week a weekly digest is sent on
	 * @param digestTime the local digest time
	 * @return the due time
	 */
	public ZonedDateTime dueAt(DayOfWeek weeklyDay, LocalTime digestTime) {
		LocalDate following = this.rhythm.after(this.first, 1);
		LocalDate day = (this.rhythm == Rhythm.WEEKLY) ? following.with(TemporalAdjusters.nextOrSame(weeklyDay))
				: following;
		return ZonedDateTime.of(day, digestTime, this.zone);
	}

	/**
	 * When a daily or monthly period's digest is due: the digest time on the day after
	 * it.
	 * @param digestTime the local digest time
	 * @return the due time
	 */
	public ZonedDateTime dueAt(LocalTime digestTime) {
		return dueAt(DayOfWeek.MONDAY, digestTime);
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
	 * The month's name alone, as in "No mentions in November, against 500 in October".
	 * @return "October"
	 */
	public String monthName() {
		return this.first.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
	}

	/**
	 * The period as written in subjects and headings: "Thu 20 Nov 2026" for a day, "16–22
	 * Nov 2026", "30 Nov – 6 Dec 2026" or "29 Dec 2025 – 4 Jan 2026" for a week,
	 * "November 2026" for a month.
	 * @return the label
	 */
	public String label() {
		if (this.rhythm == Rhythm.DAILY) {
			return DAY.format(this.first);
		}
		if (this.rhythm == Rhythm.MONTHLY) {
			return MONTH.format(this.first);
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
		DAILY,

		/** One ISO week, Monday to Sunday. */
		WEEKLY,

		/** One calendar month. */
		MONTHLY;

		/**
		 * The rhythm in words, as in subjects and the archive.
		 * @return "daily", "weekly" or "monthly"
		 */
		public String word() {
			return name().toLowerCase(Locale.ROOT);
		}

		/**
		 * The rhythm a word names.
		 * @param word "daily", "weekly" or "monthly"
		 * @return the rhythm, daily for any other word
		 */
		public static Rhythm of(String word) {
			for (Rhythm rhythm : values()) {
				if (rhythm.word().equals(word)) {
					return rhythm;
				}
			}
			return DAILY;
		}

		LocalDate after(LocalDate first, int periods) {
			return switch (this) {
				case DAILY -> first.plusDays(periods);
				case WEEKLY -> first.plusWeeks(periods);
				case MONTHLY -> first.plusMonths(periods);
			};
		}

	}

}
