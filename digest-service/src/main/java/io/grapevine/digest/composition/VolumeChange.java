package io.grapevine.digest.composition;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

import io.grapevine.digest.audience.Period;

/**
 * Says in words how a day's volume compares with the day before ("up 24% from Tuesday").
 */
public final class VolumeChange {

	private VolumeChange() {
	}

	/**
	 * Describe the change from one day's volume to the next.
	 * @param total mentions on the day
	 * @param previousTotal mentions on the day before
	 * @param previousDay the day before, named in the wording
	 * @return the change in words
	 */
	public static String describe(long total, long previousTotal, LocalDate previousDay) {
		String weekday = previousDay.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
		if (previousTotal == 0) {
			return "no mentions the day before";
		}
		if (total == previousTotal) {
			return "the same as " + weekday;
		}
		long percent = Math.round(Math.abs(total - previousTotal) * 100.0 / previousTotal);
		if (percent == 0) {
			return "about the same as " + weekday;
		}
		return ((total > previousTotal) ? "up " : "down ") + percent + "% from " + weekday;
	}

	/**
	 * Describe the change from one period's volume to the next: for a day as
	 * {@link #describe(long, long, LocalDate)}, for a week "up 24% from the week before".
	 * @param total mentions in the period
	 * @param previousTotal mentions in the period before
	 * @param previous the period before
	 * @return the change in words
	 */
	public static String describe(long total, long previousTotal, Period previous) {
		if (previous.rhythm() == Period.Rhythm.DAILY) {
			return describe(total, previousTotal, previous.day());
		}
		String before = "the week before";
		if (previousTotal == 0) {
			return "no mentions " + before;
		}
		if (total == previousTotal) {
			return "the same as " + before;
		}
		long percent = Math.round(Math.abs(total - previousTotal) * 100.0 / previousTotal);
		if (percent == 0) {
			return "about the same as " + before;
		}
		return ((total > previousTotal) ? "up " : "down ") + percent + "% from " + before;
	}

	/**
	 * Whether the volume went up, down or stayed level, for colouring the wording.
	 * @param total mentions on the day
	 * @param previousTotal mentions on the day before
	 * @return the direction
	 */
	public static Direction direction(long total, long previousTotal) {
		if (previousTotal == 0 || total == previousTotal) {
			return Direction.LEVEL;
		}
		return (total > previousTotal) ? Direction.UP : Direction.DOWN;
	}

	/**
	 * Which way the volume moved.
	 */
	public enum Direction {

		/** More mentions than the day before. */
		UP,

		/** Fewer mentions than the day before. */
		DOWN,

		/** As many, or nothing to compare with. */
		LEVEL

	}

}
