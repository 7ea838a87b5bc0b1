package io.grapevine.search.analytics;

import java.time.Instant;
import java.util.List;

/**
 * The words said much more in a time range than in the periods of the same length before
 * it, most significant first; stop-words and the topics' own keywords are left out.
 *
 * @param from start of the range, inclusive
 * @param to end of the range, exclusive
 * @param comparedFrom start of the earlier periods the range is compared with
 * @param terms the rising words
 */
public record RisingTerms(Instant from, Instant to, Instant comparedFrom, List<Term> terms) {

	public RisingTerms {
		terms = List.copyOf(terms);
	}

	/**
	 * One rising word.
	 *
	 * @param term the word as the query language reads it (lower case, accents folded)
	 * @param count mentions in the range that contain it
	 * @param before mentions in the earlier periods that contain it
	 * @param score how significant the rise is (Elasticsearch's JLH score)
	 */
	public record Term(String term, long count, long before, double score) {
	}

}
