package io.grapevine.search.index;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MonthlyIndicesTests {

	@Test
	void aMentionGoesIntoTheIndexOfItsPublishMonthInUtc() {
		assertThat(MonthlyIndices.indexFor(Instant.parse("2026-11-30T23:59:59Z"))).isEqualTo("mentions-2026.11");
		assertThat(MonthlyIndices.indexFor(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo("mentions-2026.12");
	}

	@Test
	void theMonthIsReadBackFromOurIndexNamesOnly() {
		assertThat(MonthlyIndices.monthOf("mentions-2026.01")).contains(YearMonth.of(2026, 1));
		assertThat(MonthlyIndices.monthOf("mentions-archive")).isEmpty();
		assertThat(MonthlyIndices.monthOf(".kibana")).isEmpty();
	}

	@Test
	void anIndexExpiresOnlyOnceItsWholeMonthIsOlderThanTheRetention() {
		Instant now = Instant.parse("2026-12-15T00:00:00Z");
		List<String> indices = List.of("mentions-2026.11", "mentions-2025.11", "mentions-2025.10", "mentions-2025.09",
				"mentions-old", "other-2000.01");
		// 400 days before now is 2025-11-10: November 2025 still holds mentions within
		// it.
		assertThat(MonthlyIndices.expired(indices, now, Duration.ofDays(400))).containsExactly("mentions-2025.09",
				"mentions-2025.10");
	}

}
