package io.grapevine.search.saved;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's filters a saved search keeps, named as the parameters of
 * {@code /api/mentions}: empty lists and absent values narrow nothing. The period is
 * either one of the dashboard's spans back from now ({@link #PERIODS}) or an absolute
 * range.
 *
 * @param department department ids
 * @param topic topic ids
 * @param source source kinds
 * @param language ISO 639-1 codes
 * @param sentiment sentiment labels (positive, negative, neutral)
 * @param competitor competitor ids
 * @param owned only the organization's own posts (true) or only others' (false)
 * @param question only mentions that ask (true) or only those that do not (false)
 * @param minReach the least reach
 * @param sort {@code newest} or {@code reach}
 * @param collapse whether near-duplicates are folded
 * @param period a span back from now: 1d, 7d, 14d, 30d or 90d
 * @param from the start of an absolute range, inclusive
 * @param to the end of an absolute range, exclusive
 */
public record SavedFilters(List<String> department, List<String> topic, List<String> source, List<String> language,
		List<String> sentiment, List<String> competitor, Optional<Boolean> owned, Optional<Boolean> question,
		Optional<Double> minReach, String sort, boolean collapse, Optional<String> period, Optional<Instant> from,
		Optional<Instant> to) {

	/** The orders a saved search may show its mentions in. */
	public static final List<String> SORTS = List.of("newest", "reach");

	/** The dashboard's spans back from now. */
	public static final List<String> PERIODS = List.of("1d", "7d", "14d", "30d", "90d");

	public SavedFilters {
		department = copy(department);
		topic = copy(topic);
		source = copy(source);
		language = copy(language);
		sentiment = copy(sentiment);
		competitor = copy(competitor);
		owned = (owned != null) ? owned : Optional.empty();
		question = (question != null) ? question : Optional.empty();
		minReach = (minReach != null) ? minReach : Optional.empty();
		sort = (sort != null) ? sort : "newest";
		period = (period != null) ? period : Optional.empty();
		from = (from != null) ? from : Optional.empty();
		to = (to != null) ? to : Optional.empty();
		if (!SORTS.contains(sort)) {
			throw new InvalidSavedSearchException("filters.sort",
					"'filters.sort' must be newest or reach, was '" + sort + "'");
		}
		if (period.isPresent() && !PERIODS.contains(period.get())) {
			throw new InvalidSavedSearchException("filters.period",
					"'filters.period' must be one of " + String.join(", ", PERIODS) + ", was '" + period.get()
							+ "'; for a fixed range give 'from' and 'to'");
		}
		if (period.isPresent() && (from.isPresent() || to.isPresent())) {
			throw new InvalidSavedSearchException("filters.period",
					"Give either 'filters.period' (a span back from now) or 'filters.from' and 'filters.to' "
							+ "(a fixed range), not both");
		}
		if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
			throw new InvalidSavedSearchException("filters.from",
					"'filters.from' (" + from.get() + ") must not be after 'filters.to' (" + to.get() + ")");
		}
		if (minReach.isPresent() && !(minReach.get() >= 0)) {
			throw new InvalidSavedSearchException("filters.minReach",
					"'filters.minReach' must be zero or more, was " + minReach.get());
		}
	}

	/**
	 * Filters that narrow nothing, newest first.
	 * @return the filters
	 */
	public static SavedFilters none() {
		return new SavedFilters(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(),
				Optional.empty(), Optional.empty(), "newest", false, Optional.empty(), Optional.empty(),
				Optional.empty());
	}

	private static List<String> copy(List<String> values) {
		return (values != null) ? List.copyOf(values) : List.of();
	}

}
