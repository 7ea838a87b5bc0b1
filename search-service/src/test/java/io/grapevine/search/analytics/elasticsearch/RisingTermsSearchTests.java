package io.grapevine.search.analytics.elasticsearch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RisingTermsSearchTests {

	@Test
	void theScoreIsTheOneElasticsearchsSignificantTextGivesTheSameCounts() {
		// A department's day of the digest benchmark: "again" in 195 of its 380 mentions,
		// in 818 of the 1,795 of that day and the four before; significant_text with that
		// background scored it 0.06468952549627838.
		assertThat(RisingTermsSearch.jlh(195, 380, 818, 1795)).isCloseTo(0.06468952549627838, within(1e-15));
		assertThat(RisingTermsSearch.jlh(184, 380, 789, 1795)).isCloseTo(0.04919302458668184, within(1e-15));
	}

	@Test
	void aWordNoMoreFrequentInTheRangeThanOverItsHistoryScoresNothing() {
		assertThat(RisingTermsSearch.jlh(10, 100, 50, 500)).isZero();
		assertThat(RisingTermsSearch.jlh(5, 100, 50, 500)).isZero();
		assertThat(RisingTermsSearch.jlh(4, 0, 4, 10)).isZero();
	}

	@Test
	void aWordNeverCountedInTheBackgroundIsTakenAsSeenOnce() {
		assertThat(RisingTermsSearch.jlh(4, 4, 0, 8)).isEqualTo(RisingTermsSearch.jlh(4, 4, 1, 8));
	}

}
