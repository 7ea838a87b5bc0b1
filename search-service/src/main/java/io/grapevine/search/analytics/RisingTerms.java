package io.grapevine.search.analytics;

import java.time.Instant;
import java.util.List;

/**
 * The words said much more in a time range than their own history predicts, most
 * significant first: a word rises when it is in at least the minimum count of mentions
 * and seeing that many, were it said at its own rate of the periods of the same length
 * before (a Poisson rate of at least {@value #LEAST_RATE} a period), has a chance under
 * {@value #SIGNIFICANCE}. Stop-words, weekdays, months, the topics' own keywords and the
 * organization's own posts are left out.
 *
 * @param from start of the range, inclusive
 * @param to end of the range, exclusive
 * @param comparedFrom start of the earlier periods the range is compared with
 * @param terms the rising words
 */
public record RisingTerms(Instant from, Instant to, Instant comparedFrom, List<Term> terms) {

	/** The chance under which a count is too high to be the word's usual rate. */
	public static final double SIGNIFICANCE = 0.001;

	/** The least rate a period a word is expected at, for words not said before. */
	public static final double LEAST_RATE = 0.25;

	public RisingTerms {
		terms = List.copyOf(terms);
	}

	/**
	 * One rising word.
	 *
	 * @param term the word as the query language reads it (lower case, accents folded)
	 * @param count mentions in the range that contain it
	 * @param before mentions in the earlier periods that contain it
	 * @param expected mentions expected in the range from its own history: the earlier
	 * periods' mentions over their number
	 * @param score how significant the rise is (Elasticsearch's JLH score)
	 */
	public record Term(String term, long count, long before, double expected, double score) {
	}

	/**
	 * Whether a count is significantly above what a word's own history predicts.
	 * @param count mentions of the range that contain the word
	 * @param expected mentions expected from its history
	 * @param minCount the least count that may rise
	 * @return true when it rises
	 */
	public static boolean rises(long count, double expected, int minCount) {
		return count >= minCount && chanceOfAtLeast(count, Math.max(expected, LEAST_RATE)) < SIGNIFICANCE;
	}

	/**
	 * The chance that a Poisson count of some mean is at least a number.
	 * @param count the number
	 * @param mean the mean
	 * @return P(X >= count)
	 */
	static double chanceOfAtLeast(long count, double mean) {
		if (count <= 0) {
			return 1;
		}
		// 1 - P(X < count), summed in logs so large means do not underflow.
		double below = 0;
		double logTerm = -mean;
		for (long i = 0; i < count; i++) {
			if (i > 0) {
				logTerm += Math.log(mean) - Math.log(i);
			}
			below += Math.exp(logTerm);
		}
		return Math.max(0, 1 - below);
	}

}
