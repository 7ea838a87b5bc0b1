package io.grapevine.search.executive.elasticsearch;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RollupPropertiesTests {

	@Test
	void aZeroOrNegativeIntervalOrANegativeSettlingWaitIsRefusedByName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RollupProperties(Duration.ZERO, Duration.ofMinutes(10), Duration.ofSeconds(30)))
			.withMessageContaining("grapevine.search.rollups.recompute-interval");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new RollupProperties(Duration.ofSeconds(5), Duration.ofMinutes(-1), Duration.ofSeconds(30)))
			.withMessageContaining("grapevine.search.rollups.check-interval");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new RollupProperties(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(-1)))
			.withMessageContaining("grapevine.search.rollups.settle");
	}

	@Test
	void noSettlingWaitCountsAMarkedDayAtOnce() {
		assertThat(new RollupProperties(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ZERO).settle())
			.isZero();
	}

}
