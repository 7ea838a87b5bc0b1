package io.grapevine.digest.audience;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;

import io.grapevine.digest.archive.ArchivedDigest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PeriodOfAMonthTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

	@Test
	void aMonthRunsFromItsFirstMidnightToTheNextMonthsInItsZoneAcrossTheClockChange() {
		Period october = Period.month(YearMonth.of(2026, 10), LONDON);

		assertThat(october.from()).isEqualTo(Instant.parse("2026-09-30T23:00:00Z"));
		assertThat(october.to()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
		assertThat(october.first()).isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(october.last()).isEqualTo(LocalDate.of(2026, 10, 31));
		assertThat(october.label()).isEqualTo("October 2026");
		assertThat(october.previous()).isEqualTo(Period.month(YearMonth.of(2026, 9), LONDON));
	}

	@Test
	void januarysMonthBeforeIsDecemberOfTheYearBefore() {
		Period december = Period.monthBefore(Instant.parse("2027-01-15T12:00:00Z"), LONDON);

		assertThat(december.month()).isEqualTo(YearMonth.of(2026, 12));
		assertThat(december.previous().monthName()).isEqualTo("November");
	}

	@Test
	void lastMonthsDigestIsDueFromTheDigestTimeOnTheFirstDayInTheBoardsZone() {
		LocalTime eight = LocalTime.of(8, 0);
		// 1 December 07:59 in London: not yet.
		assertThat(Period.monthDue(Instant.parse("2026-12-01T07:59:00Z"), LONDON, eight)).isEmpty();
		assertThat(Period.monthDue(Instant.parse("2026-12-01T08:00:00Z"), LONDON, eight))
			.contains(Period.month(YearMonth.of(2026, 11), LONDON));
		// Still due later in the month, so a digest missed on day 1 goes out at the next
		// check.
		assertThat(Period.monthDue(Instant.parse("2026-12-17T03:00:00Z"), LONDON, eight))
			.contains(Period.month(YearMonth.of(2026, 11), LONDON));
		// 30 November 19:30 UTC is already 1 December 08:30 in Auckland.
		assertThat(Period.monthDue(Instant.parse("2026-11-30T19:30:00Z"), AUCKLAND, eight))
			.contains(Period.month(YearMonth.of(2026, 11), AUCKLAND));
		assertThat(Period.monthDue(Instant.parse("2026-11-30T18:30:00Z"), AUCKLAND, eight)).isEmpty();
	}

	@Test
	void aMonthStartsOnItsFirstDayAndIsFiledInTheArchiveUnderItsMonth() {
		Period november = Period.month(YearMonth.of(2026, 11), LONDON);

		assertThat(november.rhythm().word()).isEqualTo("monthly");
		assertThat(november.next()).isEqualTo(Period.month(YearMonth.of(2026, 12), LONDON));
		assertThat(Period.before(Period.Rhythm.MONTHLY, Instant.parse("2026-12-01T08:00:00Z"), LONDON))
			.isEqualTo(november);
		assertThat(ArchivedDigest.scheduledId("board", november)).isEqualTo("board-2026-11");
		assertThat(ArchivedDigest.ArchivedPeriod.of(november).period()).isEqualTo(november);
		assertThat(ArchivedDigest.ArchivedPeriod.of(november).label()).isEqualTo("November 2026");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Period(Period.Rhythm.MONTHLY, LocalDate.of(2026, 11, 2), LONDON))
			.withMessageContaining("first day");
	}

}
