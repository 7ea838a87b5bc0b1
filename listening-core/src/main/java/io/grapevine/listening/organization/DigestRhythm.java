package io.grapevine.listening.organization;

import java.time.DayOfWeek;
import java.util.Objects;

/**
 * Which digests a department receives: a daily digest of the day before, a weekly digest
 * of the previous ISO week, or both.
 *
 * @param daily whether it receives a daily digest at its digest time
 * @param weekly whether it receives a weekly digest at its digest time on
 * {@code weeklyDay}
 * @param weeklyDay the day of the week its weekly digest is sent on
 */
public record DigestRhythm(boolean daily, boolean weekly, DayOfWeek weeklyDay) {

	/** A daily digest and no weekly one, for a department that names no rhythm. */
	public static final DigestRhythm DAILY_ONLY = new DigestRhythm(true, false, DayOfWeek.MONDAY);

	public DigestRhythm {
		weeklyDay = Objects.requireNonNullElse(weeklyDay, DayOfWeek.MONDAY);
	}

}
