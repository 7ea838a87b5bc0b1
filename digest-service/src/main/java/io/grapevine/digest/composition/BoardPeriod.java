package io.grapevine.digest.composition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The calendar month a board digest covers, counted in the board's time zone: from the
 * first day 00:00 to the first day of the next month 00:00.
 *
 * @param month the month
 * @param zone the zone its days are counted in
 */
public record BoardPeriod(YearMonth month, ZoneId zone) {

	private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US);

	public BoardPeriod {
		Objects.requireNonNull(month, "month");
		Objects.requireNonNull(zone, "zone");
	}

	/**
	 * The calendar month before the one that holds an instant in a zone.
	 * @param now the instant
	 * @param zone the zone
	 * @return last month, as seen in the zone
	 */
	public static BoardPeriod monthBefore(Instant now, ZoneId zone) {
		return new BoardPeriod(YearMonth.from(LocalDate.ofInstant(now, zone)).minusMonths(1), zone);
	}

	/**
	 * The month whose board digest is due at an instant: last month's once the digest
	 * time of this month's first day has passed, nothing before.
	 * @param now the instant
	 * @param zone the board's zone
	 * @param digestTime the board's local digest time
	 * @return the month to send a digest for, if one is due
	 */
	public static Optional<BoardPeriod> due(Instant now, ZoneId zone, LocalTime digestTime) {
		BoardPeriod lastMonth = monthBefore(now, zone);
		return now.isBefore(lastMonth.dueAt(digestTime).toInstant()) ? Optional.empty() : Optional.of(lastMonth);
	}

	/**
	 * When this month's digest is due: the digest time on the first day of the next month
	 * (moved forward if the clocks skip it).
	 * @param digestTime the local digest time
	 * @return the due time
	 */
	public ZonedDateTime dueAt(LocalTime digestTime) {
		return ZonedDateTime.of(this.month.plusMonths(1).atDay(1), digestTime, this.zone);
	}

	/**
	 * The first local day.
	 * @return the first day of the month
	 */
	public LocalDate first() {
		return this.month.atDay(1);
	}

	/**
	 * The last local day (inclusive).
	 * @return the last day of the month
	 */
	public LocalDate last() {
		return this.month.atEndOfMonth();
	}

	/**
	 * When the month starts (inclusive).
	 * @return the first instant of its first day
	 */
	public Instant from() {
		return first().atStartOfDay(this.zone).toInstant();
	}

	/**
	 * When the month ends (exclusive).
	 * @return the first instant of the next month
	 */
	public Instant to() {
		return this.month.plusMonths(1).atDay(1).atStartOfDay(this.zone).toInstant();
	}

	/**
	 * The month before this one.
	 * @return the previous month
	 */
	public BoardPeriod previous() {
		return new BoardPeriod(this.month.minusMonths(1), this.zone);
	}

	/**
	 * The month as written in subjects and headings.
	 * @return "November 2026"
	 */
	public String label() {
		return LABEL.format(this.month);
	}

	/**
	 * The month's name alone, as in "No mentions in November, against 500 in October".
	 * @return "October"
	 */
	public String monthName() {
		return this.month.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
	}

}
