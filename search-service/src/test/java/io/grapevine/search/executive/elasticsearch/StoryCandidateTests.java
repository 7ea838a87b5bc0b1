package io.grapevine.search.executive.elasticsearch;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoryCandidateTests {

	@Test
	void theWidestAreOnePerClusterByReachThenNewestThenId() {
		List<StoryCandidate> candidates = List.of(new StoryCandidate("one", "x:1", 3.5, 1_000),
				new StoryCandidate("one", "x:2", 4.0, 1_000), new StoryCandidate("two", "x:3", 4.0, 2_000),
				new StoryCandidate("three", "x:5", 2.0, 5_000), new StoryCandidate("four", "x:4", 2.0, 5_000),
				new StoryCandidate("five", "x:6", 1.0, 0), new StoryCandidate("six", "x:7", 0.5, 0),
				new StoryCandidate("seven", "x:8", 0, 0));
		assertThat(StoryCandidate.widest(candidates)).containsExactly("two", "one", "four", "three", "five");
	}

	@Test
	void keywordsAreOrderedByTheirUtf8BytesAsElasticsearchOrdersThem() {
		assertThat(StoryCandidate.compareKeywords("\uFB01", "\uD83D\uDE00")).isNegative();
		assertThat(StoryCandidate.compareKeywords("B", "a")).isNegative();
	}

}
