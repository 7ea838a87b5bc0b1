package io.grapevine.search.executive.elasticsearch;

import java.util.List;
import java.util.Map;

import io.grapevine.search.executive.elasticsearch.ClusterSizes.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LargestClustersTests {

	private static final Map<String, Long> COUNTED = Map.of("a", 9L, "b", 12L, "c", 9L, "d", 7L, "e", 6L, "f", 6L, "g",
			1L);

	private static final List<Size> OVERALL = List.of(new Size("b", 14), new Size("a", 10), new Size("c", 10),
			new Size("d", 9), new Size("e", 8), new Size("f", 8), new Size("g", 5));

	@Test
	void theLargestAreTheFirstFiveByMentionsThenByKeyWhenNoUncountedClusterCouldHoldAsMany() {
		assertThat(LargestClusters.certain(COUNTED, OVERALL, 7, 5, 0)).contains(List.of("b", "a", "c", "d", "e"));
	}

	@Test
	void aClusterNotCountedThatCouldHoldAsManyAsTheFifthLeavesNoAnswer() {
		List<Size> more = List.of(new Size("b", 14), new Size("a", 10), new Size("c", 10), new Size("d", 9),
				new Size("e", 8), new Size("f", 8), new Size("g", 5), new Size("h", 6));
		assertThat(LargestClusters.certain(COUNTED, more, 7, 5, 0)).isEmpty();
		assertThat(LargestClusters.certain(COUNTED, more, 7, 5, 0)).isEmpty();
		List<Size> smaller = List.of(new Size("b", 14), new Size("a", 10), new Size("c", 10), new Size("d", 9),
				new Size("e", 8), new Size("f", 8), new Size("g", 5), new Size("h", 5));
		assertThat(LargestClusters.certain(COUNTED, smaller, 7, 5, 0)).contains(List.of("b", "a", "c", "d", "e"));
	}

	@Test
	void whatIsReadLiveCanMakeAnUncountedClusterAsLargeAsTheFifth() {
		assertThat(LargestClusters.certain(COUNTED, OVERALL, 7, 5, 1)).contains(List.of("b", "a", "c", "d", "e"));
		assertThat(LargestClusters.certain(COUNTED, OVERALL, 7, 5, 2)).isEmpty();
	}

	@Test
	void clustersBelowTheFloorOfKeptSizesCountAsHoldingJustUnderIt() {
		assertThat(LargestClusters.certain(COUNTED, OVERALL, 7, 7, 0)).isEmpty();
	}

	@Test
	void fewerThanFiveClustersOfTwoMentionsOrMoreLeaveNoAnswer() {
		assertThat(LargestClusters.certain(Map.of("a", 9L, "b", 8L, "c", 7L, "d", 6L, "e", 1L), OVERALL, 7, 5, 0))
			.isEmpty();
	}

}
