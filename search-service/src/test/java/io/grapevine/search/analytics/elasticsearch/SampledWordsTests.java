package io.grapevine.search.analytics.elasticsearch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampledWordsTests {

	@Test
	void eachWordCountsTheMentionsThatHoldItOnceEach() {
		SampledWords words = new SampledWords((word) -> !word.equals("the"));
		words.add("flooding near the tram depot flooding");
		words.add("tram delay because of flooding");
		words.add("the  evening\ttram");
		assertThat(words.mentions()).isEqualTo(3);
		assertThat(words.atLeast(2, 10)).containsExactly(entry("tram", 3), entry("flooding", 2));
	}

	@Test
	void aPassageOfSixWordsCopiedFromAnEarlierMentionIsNotCountedAgain() {
		SampledWords words = new SampledWords((word) -> true);
		words.add("huge queue at the north gate tonight");
		words.add("rt huge queue at the north gate");
		words.add("queue at the gate");
		assertThat(words.mentions()).isEqualTo(3);
		assertThat(words.atLeast(1, 20)).containsEntry("queue", 2L)
			.containsEntry("north", 1L)
			.containsEntry("rt", 1L)
			.containsEntry("tonight", 1L);
	}

	@Test
	void fiveWordsInARowAreNoCopy() {
		SampledWords words = new SampledWords((word) -> true);
		words.add("huge queue at the gate");
		words.add("huge queue at the gate");
		assertThat(words.atLeast(2, 20)).containsEntry("queue", 2L).hasSize(5);
	}

	@Test
	void onlyTheWordsInTheMostMentionsAreKeptBeyondTheLimit() {
		SampledWords words = new SampledWords((word) -> true);
		words.add("ferry pier");
		words.add("ferry pier ramp");
		words.add("ferry");
		assertThat(words.atLeast(1, 2)).containsExactly(entry("ferry", 3), entry("pier", 2));
	}

	private static java.util.Map.Entry<String, Long> entry(String word, long count) {
		return java.util.Map.entry(word, count);
	}

}
