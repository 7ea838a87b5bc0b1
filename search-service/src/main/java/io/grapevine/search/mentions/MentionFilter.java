package io.grapevine.search.mentions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.handling.HandlingFilter;

/**
 * Which mentions a search or a summary looks at; empty lists and absent bounds filter
 * nothing.
 *
 * @param from earliest publish time, inclusive
 * @param to latest publish time, exclusive
 * @param sources source kinds (x, reddit, ...)
 * @param languages ISO 639-1 codes
 * @param topics topic ids
 * @param departments department ids the mentions are tagged with
 * @param handling which mentions to keep by their handling, if any
 * @param sentiments the sentiment labels to keep; a mention not judged has none
 * @param competitors ids of competitors the mentions name
 * @param owned whether to keep only the organization's own posts (true) or only what
 * others said (false); both when absent
 * @param question whether to keep only mentions that ask (true) or only those that do not
 * (false); both when absent
 * @param minReach the least reach kept; mentions without reach count as 0
 */
public record MentionFilter(Optional<Instant> from, Optional<Instant> to, List<String> sources, List<String> languages,
		List<String> topics, List<String> departments, Optional<HandlingFilter> handling, List<Sentiment> sentiments,
		List<String> competitors, Optional<Boolean> owned, Optional<Boolean> question, Optional<Double> minReach) {

	public MentionFilter {
		from = (from != null) ? from : Optional.empty();
		to = (to != null) ? to : Optional.empty();
		sources = (sources != null) ? List.copyOf(sources) : List.of();
		languages = (languages != null) ? List.copyOf(languages) : List.of();
		topics = (topics != null) ? List.copyOf(topics) : List.of();
		departments = (departments != null) ? List.copyOf(departments) : List.of();
		handling = (handling != null) ? handling : Optional.empty();
		sentiments = (sentiments != null) ? List.copyOf(sentiments) : List.of();
		competitors = (competitors != null) ? List.copyOf(competitors) : List.of();
		owned = (owned != null) ? owned : Optional.empty();
		question = (question != null) ? question : Optional.empty();
		minReach = (minReach != null) ? minReach : Optional.empty();
		if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
			throw new IllegalArgumentException("from " + from.get() + " is after to " + to.get());
		}
		if (minReach.isPresent() && !(minReach.get() >= 0)) {
			throw new IllegalArgumentException("minReach must be zero or more, was " + minReach.get());
		}
	}

	/**
	 * A filter by time, source, language, topic, department and handling.
	 * @param from earliest publish time, inclusive
	 * @param to latest publish time, exclusive
	 * @param sources source kinds (x, reddit, ...)
	 * @param languages ISO 639-1 codes
	 * @param topics topic ids
	 * @param departments department ids the mentions are tagged with
	 * @param handling which mentions to keep by their handling, if any
	 */
	public MentionFilter(Optional<Instant> from, Optional<Instant> to, List<String> sources, List<String> languages,
			List<String> topics, List<String> departments, Optional<HandlingFilter> handling) {
		this(from, to, sources, languages, topics, departments, handling, List.of(), List.of(), Optional.empty(),
				Optional.empty(), Optional.empty());
	}

	/**
	 * A filter that does not look at the handling.
	 * @param from earliest publish time, inclusive
	 * @param to latest publish time, exclusive
	 * @param sources source kinds (x, reddit, ...)
	 * @param languages ISO 639-1 codes
	 * @param topics topic ids
	 * @param departments department ids the mentions are tagged with
	 */
	public MentionFilter(Optional<Instant> from, Optional<Instant> to, List<String> sources, List<String> languages,
			List<String> topics, List<String> departments) {
		this(from, to, sources, languages, topics, departments, Optional.empty());
	}

	/**
	 * A filter that lets every mention through.
	 * @return the filter
	 */
	public static MentionFilter none() {
		return new MentionFilter(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), List.of());
	}

	/**
	 * This filter with another time range.
	 * @param from earliest publish time, inclusive
	 * @param to latest publish time, exclusive
	 * @return the filter
	 */
	public MentionFilter between(Optional<Instant> from, Optional<Instant> to) {
		return new MentionFilter(from, to, this.sources, this.languages, this.topics, this.departments, this.handling,
				this.sentiments, this.competitors, this.owned, this.question, this.minReach);
	}

	/**
	 * This filter without what it says of one facet field, so that the field's other
	 * values can be counted beside the ones chosen.
	 * @param facet source, language, sentiment, topic, department, competitor or owned
	 * @return the filter
	 */
	public MentionFilter without(String facet) {
		return new MentionFilter(this.from, this.to, facet.equals("source") ? List.of() : this.sources,
				facet.equals("language") ? List.of() : this.languages, facet.equals("topic") ? List.of() : this.topics,
				facet.equals("department") ? List.of() : this.departments, this.handling,
				facet.equals("sentiment") ? List.of() : this.sentiments,
				facet.equals("competitor") ? List.of() : this.competitors,
				facet.equals("owned") ? Optional.empty() : this.owned, this.question, this.minReach);
	}

	/**
	 * This filter keeping mentions by their handling.
	 * @param handling which mentions to keep
	 * @return the filter
	 */
	public MentionFilter withHandling(Optional<HandlingFilter> handling) {
		return new MentionFilter(this.from, this.to, this.sources, this.languages, this.topics, this.departments,
				handling, this.sentiments, this.competitors, this.owned, this.question, this.minReach);
	}

}
