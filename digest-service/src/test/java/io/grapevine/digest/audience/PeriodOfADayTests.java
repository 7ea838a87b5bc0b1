package io.grapevine.digest.audience;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodOfADayTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final LocalTime EIGHT = LocalTime.of(8, 0);

	@Test
	void anOrdinaryDayRunsFromLocalMidnightToLocalMidnight() {
		Period period = Period.day(LocalDate.of(2026, 11, 19), LONDON);

		assertThat(period.from()).isEqualTo(Instant.parse("2026-11-19T00:00:00Z"));
		assertThat(period.to()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
		assertThat(period.length()).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void theDayTheClocksGoBackInNewYorkLasts25Hours() {
		Period period = Period.day(LocalDate.of(2026, 11, 1), NEW_YORK);

		assertThat(period.from()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
		assertThat(period.to()).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
		assertThat(period.length()).isEqualTo(Duration.ofHours(25));
	}

	@Test
	void theDayTheClocksGoForwardInNewYorkLasts23Hours() {
		Period period = Period.day(LocalDate.of(2026, 3, 8), NEW_YORK);

		assertThat(period.from()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
		assertThat(period.to()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
		assertThat(period.length()).isEqualTo(Duration.ofHours(23));
	}

	@Test
	void theDigestOfTheDayTheClocksGoBackIsDueAtEightLocalTheNextMorning() {
		assertThat(Period.dayDue(Instant.parse("2026-11-02T12:59:59Z"), NEW_YORK, EIGHT)).isEmpty();
		assertThat(Period.dayDue(Instant.parse("2026-11-02T13:00:00Z"), NEW_YORK, EIGHT))
			.contains(Period.day(LocalDate.of(2026, 11, 1), NEW_YORK));
	}

	@Test
	void theDigestSentOnTheMorningTheClocksGoBackIsStillDueAtEightLocal() {
		// 08:00 on 1 November is already EST (UTC-5), an hour later in UTC than the day
		// before.
		assertThat(Period.dayDue(Instant.parse("2026-10-31T12:00:00Z"), NEW_YORK, EIGHT))
			.contains(Period.day(LocalDate.of(2026, 10, 30), NEW_YORK));
		assertThat(Period.dayDue(Instant.parse("2026-11-01T12:30:00Z"), NEW_YORK, EIGHT)).isEmpty();
		assertThat(Period.dayDue(Instant.parse("2026-11-01T13:00:00Z"), NEW_YORK, EIGHT))
			.contains(Period.day(LocalDate.of(2026, 10, 31), NEW_YORK));
	}

	@Test
	void theDigestSentOnTheMorningTheClocksGoForwardIsStillDueAtEightLocal() {
		// 08:00 on 8 March is already EDT (UTC-4), an hour earlier in UTC than the day
		// before.
		assertThat(Period.dayDue(Instant.parse("2026-03-07T13:00:00Z"), NEW_YORK, EIGHT))
			.contains(Period.day(LocalDate.of(2026, 3, 6), NEW_YORK));
		assertThat(Period.dayDue(Instant.parse("2026-03-08T11:59:00Z"), NEW_YORK, EIGHT)).isEmpty();
		assertThat(Period.dayDue(Instant.parse("2026-03-08T12:00:00Z"), NEW_YORK, EIGHT))
			.contains(Period.day(LocalDate.of(2026, 3, 7), NEW_YORK));
		assertThat(Period.dayDue(Instant.parse("2026-03-09T12:00:00Z"), NEW_YORK, EIGHT))
			.hasValueSatisfying((period) -> assertThat(period.length()).isEqualTo(Duration.ofHours(23)));
	}

	@Test
	void aDigestTimeTheClocksSkipIsMovedToTheFirstTimeThatExists() {
		ZoneId zone = NEW_YORK;
		Period period = Period.day(LocalDate.of(2026, 3, 7), zone);

		assertThat(period.dueAt(LocalTime.of(2, 30)).toInstant()).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
	}

	@Test
	void nothingIsDueBeforeTheDigestTimeAndYesterdayIsDueAfterIt() {
		assertThat(Period.dayDue(Instant.parse("2026-11-20T07:59:00Z"), LONDON, EIGHT)).isEmpty();
		assertThat(Period.dayDue(Instant.parse("2026-11-20T23:59:00Z"), LONDON, EIGHT))
			.contains(Period.day(LocalDate.of(2026, 11, 19), LONDON));
	}

}
