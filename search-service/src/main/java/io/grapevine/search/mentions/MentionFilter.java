package io.grapevine.search.mentions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
 */
public record MentionFilter(Optional<Instant> from, Optional<Instant> to, List<String> sources, List<String> languages,
		List<String> topics, List<String> departments, Optional<HandlingFilter> handling) {

	public MentionFilter {
		from = (from != null) ? from : Optional.empty();
		to = (to != null) ? to : Optional.empty();
		sources = (sources != null) ? List.copyOf(sources) : List.of();
		languages = (languages != null) ? List.copyOf(languages) : List.of();
		topics = (topics != null) ? List.copyOf(topics) : List.of();
		departments = (departments != null) ? List.copyOf(departments) : List.of();
		handling = (handling != null) ? handling : Optional.empty();
		if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
			throw new IllegalArgumentException("from " + from.get() + " is after to " + to.get());
		}
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

}
