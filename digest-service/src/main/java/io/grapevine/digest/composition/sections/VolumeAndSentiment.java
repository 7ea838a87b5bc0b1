package io.grapevine.digest.composition.sections;

import java.time.LocalDate;
import java.util.List;

/**
 * A period's volume and negative share against the period before, in words and as the
 * daily bars of a small chart.
 *
 * @param total mentions in the period
 * @param previousTotal mentions in the period before
 * @param negativePercent share of the period's mentions judged negative, rounded
 * @param previousNegativePercent the same share in the period before
 * @param words "412 mentions, up 38% from the week before; negative 21%, up from 12%"
 * @param days the chart's days, oldest first, the period's own last
 */
public record VolumeAndSentiment(long total, long previousTotal, int negativePercent, int previousNegativePercent,
		String words, List<Day> days) {

	public VolumeAndSentiment {
		days = (days != null) ? List.copyOf(days) : List.of();
		words = (words != null) ? words : "";
	}

	/**
	 * One bar of the chart.
	 *
	 * @param date the local day
	 * @param count its mentions
	 * @param negative its mentions judged negative
	 * @param inPeriod whether the day is in the digest's period
	 */
	public record Day(LocalDate date, long count, long negative, boolean inPeriod) {
	}

}
