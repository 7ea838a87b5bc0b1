package io.grapevine.search.executive.elasticsearch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, without counting every cluster of a period, which near-duplicate clusters are
 * its largest: the clusters with the most mentions overall ({@link ClusterSizes}) are
 * counted within the period, and their first five are the answer when no cluster left
 * uncounted can hold as many (its size overall, or at most the floor below which sizes
 * are not kept, plus the most any cluster holds in what is read live). Otherwise there is
 * no answer, and the period's clusters are counted live.
 */
final class LargestClusters {

	/** The fewest mentions a cluster needs to be one of the largest. */
	static final long MINIMUM = 2;

	private LargestClusters() {
	}

	/**
	 * The largest clusters, most mentions first and then by key, if they are certain.
	 * @param counted the mentions of the period in each cluster counted
	 * @param largestOverall the clusters with the most mentions overall, most first, one
	 * more than were counted from them when there are more
	 * @param countedOverall how many of {@code largestOverall} were counted
	 * @param floor the fewest mentions overall a cluster has to have its size kept
	 * @param mostLive the most mentions any cluster can have in what is read live
	 * @return the keys of the largest clusters, or empty when an uncounted cluster could
	 * be one of them
	 */
	static Optional<List<String>> certain(Map<String, Long> counted, List<ClusterSizes.Size> largestOverall,
			int countedOverall, long floor, long mostLive) {
		List<Map.Entry<String, Long>> ranked = new ArrayList<>();
		counted.entrySet().stream().filter((entry) -> entry.getValue() >= MINIMUM).forEach(ranked::add);
		ranked.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
			.reversed()
			.thenComparing(Map.Entry::getKey, StoryCandidate::compareKeywords));
		if (ranked.size() < StoryCandidate.STORIES) {
			return Optional.empty();
		}
		long nextOverall = (largestOverall.size() > countedOverall) ? largestOverall.get(countedOverall).size() : 0;
		long uncounted = Math.max(nextOverall, floor - 1) + mostLive;
		if (ranked.get(StoryCandidate.STORIES - 1).getValue() <= uncounted) {
			return Optional.empty();
		}
		return Optional.of(ranked.subList(0, StoryCandidate.STORIES).stream().map(Map.Entry::getKey).toList());
	}

}
