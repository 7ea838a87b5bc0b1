package io.grapevine.ingest.source;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RequestBudgetTests {

	private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

	@Test
	void allowsItsLimitInAWindowThenAnswersWhenTheWindowEnds() {
		RequestBudget budget = new RequestBudget(3, Duration.ofHours(1));

		assertThat(budget.spend(NOW)).isEmpty();
		assertThat(budget.spend(NOW.plusSeconds(10))).isEmpty();
		assertThat(budget.spend(NOW.plusSeconds(20))).isEmpty();
		assertThat(budget.spend(NOW.plusSeconds(30))).contains(NOW.plus(Duration.ofHours(1)));
		assertThat(budget.spend(NOW.plus(Duration.ofMinutes(59)))).contains(NOW.plus(Duration.ofHours(1)));
	}

	@Test
	void startsAFreshWindowOnceTheLastOneIsOver() {
		RequestBudget budget = new RequestBudget(1, Duration.ofMinutes(15));
		budget.spend(NOW);

		Instant later = NOW.plus(Duration.ofMinutes(15));

		assertThat(budget.spend(later)).isEmpty();
		assertThat(budget.spend(later.plusSeconds(1))).contains(later.plus(Duration.ofMinutes(15)));
	}

	@Test
	void refusesABudgetThatAllowsNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestBudget(0, Duration.ofHours(1)))
			.withMessageContaining("at least one request");
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestBudget(1, Duration.ZERO))
			.withMessageContaining("window must be positive");
	}

}
