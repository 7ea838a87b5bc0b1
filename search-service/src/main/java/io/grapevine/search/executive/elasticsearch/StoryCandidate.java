package io.grapevine.search.executive.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The widest-reaching mention of a near-duplicate cluster within a part of a period (a
 * day the roll-ups keep, or what is read live), with the values it is sorted by in
 * Elasticsearch: the widest stories of a period are the first five clusters of all its
 * parts' candidates merged, each part keeping its five first, one per cluster.
 *
 * @param clusterKey the cluster
 * @param id the mention's id
 * @param reach its reach as Elasticsearch sorts it (0 when it has none)
 * @param publishedAt when it was published, epoch milliseconds
 */
public record StoryCandidate(String clusterKey, String id, double reach, long publishedAt) {

	/** How many stories of each kind the view shows. */
	static final int STORIES = 5;

	/**
	 * Widest reach first, then the newest, then by id as Elasticsearch orders keywords.
	 */
	static final Comparator<StoryCandidate> WIDEST_FIRST = Comparator.comparingDouble(StoryCandidate::reach)
		.reversed()
		.thenComparing(Comparator.comparingLong(StoryCandidate::publishedAt).reversed())
		.thenComparing(StoryCandidate::id, StoryCandidate::compareKeywords);

	/**
	 * The order of the widest-reaching mentions, the same wherever they are read: ties of
	 * reach and time broken by id, so the live view and the roll-ups pick the same one.
	 * @return the sort
	 */
	static List<SortOptions> sort() {
		return List.of(
				SortOptions.of((sort) -> sort.field((field) -> field.field("reach")
					.order(SortOrder.Desc)
					.missing(FieldValue.of(0))
					.unmappedType(FieldType.Float))),
				SortOptions.of((sort) -> sort.field((field) -> field.field("publishedAt").order(SortOrder.Desc))),
				SortOptions.of((sort) -> sort.field((field) -> field.field("id").order(SortOrder.Asc))));
	}

	/**
	 * The candidate a hit sorted by {@link #sort()} is, if it has the fields.
	 * @param hit the hit, its source holding at least {@code clusterKey}
	 * @return the candidate
	 */
	static Optional<StoryCandidate> of(Hit<ObjectNode> hit) {
		List<FieldValue> sort = hit.sort();
		ObjectNode source = hit.source();
		if (sort.size() != 3 || source == null || !source.hasNonNull("clusterKey")) {
			return Optional.empty();
		}
		return Optional.of(new StoryCandidate(source.get("clusterKey").asText(), sort.get(2).stringValue(),
				number(sort.get(0)), (long) number(sort.get(1))));
	}

	private static double number(FieldValue value) {
		return value.isDouble() ? value.doubleValue() : value.longValue();
	}

	/**
	 * The clusters of the first candidates, one per cluster, widest first.
	 * @param candidates every part's candidates
	 * @return at most {@value #STORIES} cluster keys
	 */
	static List<String> widest(List<StoryCandidate> candidates) {
		List<StoryCandidate> sorted = new ArrayList<>(candidates);
		sorted.sort(WIDEST_FIRST);
		Set<String> clusters = new LinkedHashSet<>();
		for (StoryCandidate candidate : sorted) {
			if (clusters.size() == STORIES) {
				break;
			}
			clusters.add(candidate.clusterKey());
		}
		return List.copyOf(clusters);
	}

	/**
	 * Compares two keywords as Elasticsearch orders them: by their UTF-8 bytes.
	 * @param first one keyword
	 * @param second another
	 * @return their order
	 */
	static int compareKeywords(String first, String second) {
		return Arrays.compareUnsigned(first.getBytes(StandardCharsets.UTF_8), second.getBytes(StandardCharsets.UTF_8));
	}

}
