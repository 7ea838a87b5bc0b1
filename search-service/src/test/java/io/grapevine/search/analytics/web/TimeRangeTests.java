package io.grapevine.search.analytics.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.web.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TimeRangeTests {

	private static final Duration DAY = Duration.ofDays(1);

	@Test
	void aGivenFromAndToAreTheRange() {
		assertThat(TimeRange.read(" 2020-03-01T00:00:00Z ", "2020-03-04T05:00:00Z", DAY))
			.isEqualTo(new TimeRange(Instant.parse("2020-03-01T00:00:00Z"), Instant.parse("2020-03-04T05:00:00Z")));
	}

	@Test
	void withoutFromTheRangeIsTheDefaultLengthBeforeTo() {
		assertThat(TimeRange.read(null, "2020-03-08T00:00:00Z", Duration.ofDays(7)))
			.isEqualTo(new TimeRange(Instant.parse("2020-03-01T00:00:00Z"), Instant.parse("2020-03-08T00:00:00Z")));
		assertThat(TimeRange.read(" ", "2020-03-08T00:00:00Z", DAY).from()).isEqualTo("2020-03-07T00:00:00Z");
	}

	@Test
	void withoutToTheRangeEndsNowToTheMillisecond() {
		Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		TimeRange range = TimeRange.read(null, "", DAY);
		assertThat(range.to()).isBetween(before, Instant.now()).isEqualTo(range.to().truncatedTo(ChronoUnit.MILLIS));
		assertThat(range.from()).isEqualTo(range.to().minus(DAY));
	}

	@Test
	void anInstantThatCannotBeReadIsRefusedNamingItsParameter() {
		assertRefused("yesterday", null, "from",
				"'from' must be an ISO-8601 instant such as 2026-11-20T00:00:00Z, was 'yesterday'");
		assertRefused("yesterday", "2020-13-01T00:00:00Z", "from",
				"'from' must be an ISO-8601 instant such as 2026-11-20T00:00:00Z, was 'yesterday'");
		assertRefused(null, "2020-13-01T00:00:00Z", "to",
				"'to' must be an ISO-8601 instant such as 2026-11-20T00:00:00Z, was '2020-13-01T00:00:00Z'");
	}

	@Test
	void aRangeThatRunsBackwardsIsRefusedNamingFrom() {
		assertRefused("2020-03-05T00:00:00Z", "2020-03-01T00:00:00Z", "from",
				"'from' (2020-03-05T00:00:00Z) must not be after 'to' (2020-03-01T00:00:00Z)");
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> TimeRange.read("2999-01-01T00:00:00Z", null, DAY))
			.withMessageStartingWith("'from' (2999-01-01T00:00:00Z) must not be after 'to' (");
	}

	@Test
	void aRangeOfMoreThan3660DaysIsRefusedNamingFrom() {
		assertRefused("1970-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "from",
				"the range from 'from' to 'to' may span at most 3660 days");
		Instant to = Instant.parse("2020-01-01T00:00:00Z");
		assertThat(TimeRange.read(to.minus(Duration.ofDays(3660)).toString(), to.toString(), DAY).from())
			.isEqualTo(to.minus(Duration.ofDays(3660)));
	}

	@Test
	void theFilterHoldsTheRangeAndTheNonBlankValuesStripped() {
		TimeRange range = new TimeRange(Instant.parse("2020-03-01T00:00:00Z"), Instant.parse("2020-03-02T00:00:00Z"));
		MentionFilter filter = range.filter(List.of(" x ", ""), null, Arrays.asList("delays", null, " "),
				List.of("operations"));
		assertThat(filter).isEqualTo(new MentionFilter(Optional.of(range.from()), Optional.of(range.to()), List.of("x"),
				List.of(), List.of("delays"), List.of("operations")));
	}

	private static void assertRefused(String from, String to, String parameter, String message) {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> TimeRange.read(from, to, DAY))
			.withMessage(message)
			.extracting(InvalidParameterException::parameter)
			.isEqualTo(parameter);
	}

}
