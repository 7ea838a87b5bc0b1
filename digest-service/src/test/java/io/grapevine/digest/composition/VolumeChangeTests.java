package io.grapevine.digest.composition;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VolumeChangeTests {

	private static final LocalDate TUESDAY = LocalDate.of(2026, 11, 17);

	@Test
	void moreMentionsThanTheDayBeforeReadAsUpByAPercentOnTheWeekday() {
		assertThat(VolumeChange.describe(37, 30, TUESDAY)).isEqualTo("up 23% from Tuesday");
		assertThat(VolumeChange.describe(62, 50, TUESDAY)).isEqualTo("up 24% from Tuesday");
	}

	@Test
	void fewerMentionsReadAsDown() {
		assertThat(VolumeChange.describe(15, 20, TUESDAY)).isEqualTo("down 25% from Tuesday");
		assertThat(VolumeChange.describe(0, 20, TUESDAY)).isEqualTo("down 100% from Tuesday");
	}

	@Test
	void noMentionsTheDayBeforeIsSaidInWordsRatherThanAsAnInfinitePercent() {
		assertThat(VolumeChange.describe(12, 0, TUESDAY)).isEqualTo("no mentions the day before");
		assertThat(VolumeChange.describe(0, 0, TUESDAY)).isEqualTo("no mentions the day before");
	}

	@Test
	void equalOrNearlyEqualVolumesReadAsTheSame() {
		assertThat(VolumeChange.describe(40, 40, TUESDAY)).isEqualTo("the same as Tuesday");
		assertThat(VolumeChange.describe(1001, 1000, TUESDAY)).isEqualTo("about the same as Tuesday");
	}

	@Test
	void largeIncreasesAreNotCapped() {
		assertThat(VolumeChange.describe(300, 100, TUESDAY)).isEqualTo("up 200% from Tuesday");
	}

}
