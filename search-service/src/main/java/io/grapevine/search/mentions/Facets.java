package io.grapevine.search.mentions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the mentions of a search divide by each value of the fields people narrow a search
 * by: source, language, sentiment, topic, department, competitor and whether the
 * organization said them.
 *
 * @param total how many mentions match
 * @param facets each field's values with their counts, most first
 */
public record Facets(long total, Map<String, List<Count>> facets) {

	/** The fields counted, in the order they are shown. */
	public static final List<String> FIELDS = List.of("source", "language", "sentiment", "topic", "department",
			"competitor", "owned");

	public Facets {
		facets = new LinkedHashMap<>(facets);
	}

	/**
	 * The mentions with one value of a field.
	 *
	 * @param key the value, as the filter parameter of the same name takes it
	 * @param count how many of the matching mentions have it
	 */
	public record Count(String key, long count) {
	}

}
