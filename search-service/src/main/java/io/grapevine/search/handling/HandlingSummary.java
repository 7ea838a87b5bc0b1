package io.grapevine.search.handling;

import java.util.List;
import java.util.Optional;

/**
 * How a department (or the whole organization) answers: what waits now and for how long,
 * and the actions taken in a period.
 *
 * @param department the department, absent for the whole organization
 * @param open how many mentions wait now
 * @param longestWaitSeconds the longest of their waits, 0 when none waits
 * @param medianWaitSeconds the median of their waits, 0 when none waits
 * @param answered answers given in the period
 * @param dismissed dismissals in the period
 * @param escalated escalations away in the period
 * @param answeredBy who gave the answers, most first
 */
public record HandlingSummary(Optional<String> department, long open, long longestWaitSeconds, long medianWaitSeconds,
		long answered, long dismissed, long escalated, List<ActorCount> answeredBy) {

	public HandlingSummary {
		department = (department != null) ? department : Optional.empty();
		answeredBy = (answeredBy != null) ? List.copyOf(answeredBy) : List.of();
	}

	/**
	 * How many actions one person took.
	 *
	 * @param actor who
	 * @param count how many
	 */
	public record ActorCount(String actor, long count) {

	}

}
