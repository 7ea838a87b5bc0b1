package io.grapevine.search.analytics.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.grapevine.search.analytics.SummaryQuery;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.web.InvalidParameterException;
import io.grapevine.search.web.QueryParameters;

/**
 * The time range an analytics request covers, read from its 'from' and 'to' parameters.
 *
 * @param from the start, inclusive
 * @param to the end, exclusive
 */
record TimeRange(Instant from, Instant to) {

	private static final Clock CLOCK = Clock.systemUTC();

	/**
	 * Read the range of a request: 'to' defaults to now, 'from' to a given length before
	 * 'to'; a range that runs backwards or spans more than {@link SummaryQuery#MAX_RANGE}
	 * is refused naming 'from'.
	 * @param from the raw 'from' parameter
	 * @param to the raw 'to' parameter
	 * @param defaultLength the length of the range when 'from' is absent
	 * @return the range
	 */
	static TimeRange read(String from, String to, Duration defaultLength) {
		Optional<Instant> start = QueryParameters.instant("from", from);
		Instant end = QueryParameters.instant("to", to).orElseGet(() -> CLOCK.instant().truncatedTo(ChronoUnit.MILLIS));
		Instant begin = start.orElseGet(() -> end.minus(defaultLength));
		QueryParameters.requireOrdered(Optional.of(begin), Optional.of(end));
		if (Duration.between(begin, end).compareTo(SummaryQuery.MAX_RANGE) > 0) {
			throw new InvalidParameterException("from",
					"the range from 'from' to 'to' may span at most " + SummaryQuery.MAX_RANGE.toDays() + " days");
		}
		return new TimeRange(begin, end);
	}

	/**
	 * The mentions of this range with the given values of the repeatable filter
	 * parameters, blank ones left out.
	 * @param sources the raw 'source' values, possibly null
	 * @param languages the raw 'language' values, possibly null
	 * @param topics the raw 'topic' values, possibly null
	 * @param departments the raw 'department' values, possibly null
	 * @return the filter
	 */
	MentionFilter filter(List<String> sources, List<String> languages, List<String> topics, List<String> departments) {
		return new MentionFilter(Optional.of(this.from), Optional.of(this.to), QueryParameters.values(sources),
				QueryParameters.values(languages), QueryParameters.values(topics), QueryParameters.values(departments));
	}

}
