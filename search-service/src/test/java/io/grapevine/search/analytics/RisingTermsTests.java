package io.grapevine.search.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RisingTermsTests {

	@Test
	void aWordSaidFarMoreThanItsOwnHistoryPredictsRises() {
		// 24 mentions over the 4 periods before: about 6 a period.
		assertThat(RisingTerms.rises(41, 6, 3)).isTrue();
		assertThat(RisingTerms.rises(16, 6, 3)).isTrue();
	}

	@Test
	void aWordSaidAboutAsOftenAsUsualDoesNotRiseHoweverRareItIsInTheWholeVolume() {
		assertThat(RisingTerms.rises(5, 6, 3)).isFalse();
		assertThat(RisingTerms.rises(9, 6, 3)).isFalse();
		// Twice as often as usual can still be chance on a small count.
		assertThat(RisingTerms.rises(14, 6, 3)).isFalse();
		assertThat(RisingTerms.rises(4, 1, 3)).isFalse();
	}

	@Test
	void aNewWordRisesInFourMentionsNotInThreeAndNeverUnderTheMinimumCount() {
		assertThat(RisingTerms.rises(4, 0, 2)).isTrue();
		assertThat(RisingTerms.rises(3, 0, 2)).isFalse();
		assertThat(RisingTerms.rises(40, 0, 50)).isFalse();
	}

	@Test
	void theChanceOfAtLeastACountIsThePoissonTail() {
		assertThat(RisingTerms.chanceOfAtLeast(0, 3)).isEqualTo(1);
		assertThat(RisingTerms.chanceOfAtLeast(1, 2)).isCloseTo(1 - Math.exp(-2), within(1e-12));
		assertThat(RisingTerms.chanceOfAtLeast(3, 1)).isCloseTo(1 - Math.exp(-1) * 2.5, within(1e-12));
		assertThat(RisingTerms.chanceOfAtLeast(2000, 1000)).isLessThan(1e-100).isGreaterThanOrEqualTo(0);
	}

}
