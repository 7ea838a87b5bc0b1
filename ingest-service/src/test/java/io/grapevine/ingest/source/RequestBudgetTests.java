package io.grapevine.ingest.source;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

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
	void aNextOwnerResumesTheCountOfAWindowStillOpen() {
		RequestBudget first = new RequestBudget(5, Duration.ofHours(1));
		first.spend(NOW);
		first.spend(NOW.plusSeconds(10));
		first.spend(NOW.plusSeconds(20));
		RequestBudget next = new RequestBudget(5, Duration.ofHours(1));

		next.resume(first.spent().orElseThrow(), NOW.plus(Duration.ofMinutes(10)));

		assertThat(next.spent()).contains(new RequestBudget.Spent(NOW, 3));
		assertThat(next.spend(NOW.plus(Duration.ofMinutes(11)))).isEmpty();
		assertThat(next.spend(NOW.plus(Duration.ofMinutes(12)))).isEmpty();
		assertThat(next.spend(NOW.plus(Duration.ofMinutes(13)))).contains(NOW.plus(Duration.ofHours(1)));
	}

	@Test
	void aWindowThatHasEndedIsNotResumed() {
		RequestBudget next = new RequestBudget(2, Duration.ofHours(1));

		next.resume(new RequestBudget.Spent(NOW, 2), NOW.plus(Duration.ofHours(1)));

		assertThat(next.spent()).isEmpty();
		assertThat(next.spend(NOW.plus(Duration.ofHours(1)))).isEmpty();
		assertThat(next.spend(NOW.plus(Duration.ofMinutes(61)))).isEmpty();
	}

	@Test
	void theLargerCountOfAnOpenWindowWins() {
		RequestBudget budget = new RequestBudget(10, Duration.ofHours(1));
		budget.spend(NOW);
		budget.spend(NOW.plusSeconds(1));
		budget.spend(NOW.plusSeconds(2));
		budget.spend(NOW.plusSeconds(3));

		budget.resume(new RequestBudget.Spent(NOW.minusSeconds(60), 2), NOW.plusSeconds(5));
		assertThat(budget.spent()).contains(new RequestBudget.Spent(NOW, 4));

		budget.resume(new RequestBudget.Spent(NOW.minusSeconds(60), 12), NOW.plusSeconds(5));
		assertThat(budget.spent()).contains(new RequestBudget.Spent(NOW.minusSeconds(60), 10));
		assertThat(budget.spend(NOW.plusSeconds(6))).contains(NOW.minusSeconds(60).plus(Duration.ofHours(1)));
	}

	@Test
	void aDailyBudgetIsRenewedAtMidnightInItsZoneAndResumedWithinTheSameDay() {
		ZoneId pacific = ZoneId.of("America/Los_Angeles");
		Instant midnight = Instant.parse("2026-11-22T08:00:00Z");
		RequestBudget first = RequestBudget.daily(2, pacific);
		first.spend(midnight.plus(Duration.ofHours(5)));
		RequestBudget next = RequestBudget.daily(2, pacific);

		next.resume(first.spent().orElseThrow(), midnight.plus(Duration.ofHours(6)));

		assertThat(first.spent()).contains(new RequestBudget.Spent(midnight, 1));
		assertThat(next.spend(midnight.plus(Duration.ofHours(7)))).isEmpty();
		assertThat(next.spend(midnight.plus(Duration.ofHours(8)))).contains(midnight.plus(Duration.ofDays(1)));
		assertThat(next.spend(midnight.plus(Duration.ofDays(1)))).isEmpty();
	}

	@Test
	void refusesABudgetThatAllowsNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestBudget(0, Duration.ofHours(1)))
			.withMessageContaining("at least one request");
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestBudget(1, Duration.ZERO))
			.withMessageContaining("window must be positive");
	}

}
