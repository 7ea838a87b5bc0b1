package io.grapevine.digest.audience;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PeriodTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final LocalTime HALF_PAST_SEVEN = LocalTime.of(7, 30);

	@Test
	void anOrdinaryWeekRunsFromMondayMidnightToTheNextMondayMidnight() {
		Period week = Period.isoWeek(LocalDate.of(2026, 11, 19), LONDON);

		assertThat(week.day()).isEqualTo(LocalDate.of(2026, 11, 16));
		assertThat(week.last()).isEqualTo(LocalDate.of(2026, 11, 22));
		assertThat(week.from()).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
		assertThat(week.to()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
		assertThat(week.length()).isEqualTo(Duration.ofDays(7));
		assertThat(week.isoWeekLabel()).isEqualTo("2026-W47");
		assertThat(week.label()).isEqualTo("16–22 Nov 2026");
	}

	@Test
	void theWeekTheClocksGoBackInLondonLasts169Hours() {
		Period week = Period.isoWeek(LocalDate.of(2026, 10, 25), LONDON);

		assertThat(week.from()).isEqualTo(Instant.parse("2026-10-18T23:00:00Z"));
		assertThat(week.to()).isEqualTo(Instant.parse("2026-10-26T00:00:00Z"));
		assertThat(week.length()).isEqualTo(Duration.ofHours(169));
	}

	@Test
	void theWeekTheClocksGoForwardInLondonLasts167Hours() {
		Period week = Period.isoWeek(LocalDate.of(2026, 3, 23), LONDON);

		assertThat(week.from()).isEqualTo(Instant.parse("2026-03-23T00:00:00Z"));
		assertThat(week.to()).isEqualTo(Instant.parse("2026-03-29T23:00:00Z"));
		assertThat(week.length()).isEqualTo(Duration.ofHours(167));
	}

	@Test
	void theWeekTheClocksGoBackInNewYorkLasts169Hours() {
		Period week = Period.isoWeek(LocalDate.of(2026, 11, 1), NEW_YORK);

		assertThat(week.day()).isEqualTo(LocalDate.of(2026, 10, 26));
		assertThat(week.from()).isEqualTo(Instant.parse("2026-10-26T04:00:00Z"));
		assertThat(week.to()).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
		assertThat(week.length()).isEqualTo(Duration.ofHours(169));
		assertThat(week.label()).isEqualTo("26 Oct – 1 Nov 2026");
	}

	@Test
	void theWeekTheClocksGoForwardInNewYorkLasts167Hours() {
		Period week = Period.isoWeek(LocalDate.of(2026, 3, 8), NEW_YORK);

		assertThat(week.from()).isEqualTo(Instant.parse("2026-03-02T05:00:00Z"));
		assertThat(week.to()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
		assertThat(week.length()).isEqualTo(Duration.ofHours(167));
	}

	@Test
	void aWeekAcrossNewYearBelongsToTheIsoYearOfItsThursday() {
		Period week = Period.isoWeek(LocalDate.of(2026, 1, 1), LONDON);

		assertThat(week.day()).isEqualTo(LocalDate.of(2025, 12, 29));
		assertThat(week.isoWeekLabel()).isEqualTo("2026-W01");
		assertThat(week.label()).isEqualTo("29 Dec 2025 – 4 Jan 2026");
		assertThat(Period.isoWeek(LocalDate.of(2027, 1, 1), LONDON).isoWeekLabel()).isEqualTo("2026-W53");
	}

	@Test
	void theWeekBeforeIsSevenLocalDaysEarlierAndMeetsThisWeek() {
		Period week = Period.isoWeek(LocalDate.of(2026, 11, 2), NEW_YORK);

		assertThat(week.previous().day()).isEqualTo(LocalDate.of(2026, 10, 26));
		assertThat(week.previous().to()).isEqualTo(week.from());
		assertThat(week.next().from()).isEqualTo(week.to());
	}

	@Test
	void lastWeeksDigestIsDueAtTheDigestTimeOnTheWeeklyDayInTheDepartmentsZone() {
		// Monday 23 November 07:29 and 07:30 in London.
		assertThat(Period.weekDue(Instant.parse("2026-11-23T07:29:00Z"), LONDON, DayOfWeek.MONDAY, HALF_PAST_SEVEN))
			.isEmpty();
		assertThat(Period.weekDue(Instant.parse("2026-11-23T07:30:00Z"), LONDON, DayOfWeek.MONDAY, HALF_PAST_SEVEN))
			.contains(Period.isoWeek(LocalDate.of(2026, 11, 16), LONDON));
		// 07:30 on Monday in London is 02:30 in New York, still Monday night there.
		assertThat(Period.weekDue(Instant.parse("2026-11-23T07:30:00Z"), NEW_YORK, DayOfWeek.MONDAY, HALF_PAST_SEVEN))
			.isEmpty();
		assertThat(Period.weekDue(Instant.parse("2026-11-23T12:30:00Z"), NEW_YORK, DayOfWeek.MONDAY, HALF_PAST_SEVEN))
			.contains(Period.isoWeek(LocalDate.of(2026, 11, 16), NEW_YORK));
	}

	@Test
	void aWeeklyDayLaterInTheWeekWaitsForItAndStillCoversTheWeekBefore() {
		Instant wednesdayMorning = Instant.parse("2026-11-25T09:00:00Z");
		assertThat(Period.weekDue(Instant.parse("2026-11-24T09:00:00Z"), LONDON, DayOfWeek.WEDNESDAY, HALF_PAST_SEVEN))
			.isEmpty();
		assertThat(Period.weekDue(wednesdayMorning, LONDON, DayOfWeek.WEDNESDAY, HALF_PAST_SEVEN))
			.contains(Period.isoWeek(LocalDate.of(2026, 11, 16), LONDON));
	}

	@Test
	void aDailyPeriodIsOneDayLabelledAsBefore() {
		Period day = Period.day(LocalDate.of(2026, 11, 19), LONDON);

		assertThat(day.last()).isEqualTo(day.day());
		assertThat(day.label()).isEqualTo("Thu 19 Nov 2026");
		assertThat(day.previous().day()).isEqualTo(LocalDate.of(2026, 11, 18));
	}

	@Test
	void aWeekMustStartOnMonday() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Period(Period.Rhythm.WEEKLY, LocalDate.of(2026, 11, 19), LONDON))
			.withMessageContaining("starts on a Monday");
	}

}
