package io.grapevine.ingest.source;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceTimesTests {

	@Test
	void readsFractionsOfASecondAsFractionsWhateverTheirNumberOfDigits() {
		assertThat(SourceTimes.parse("2018-11-19T21:39:41.39885Z"))
			.contains(Instant.parse("2018-11-19T21:39:41.398850Z"));
		assertThat(SourceTimes.parse("2018-11-19T21:39:41.398850+00:00"))
			.contains(Instant.parse("2018-11-19T21:39:41.398850Z"));
		assertThat(SourceTimes.parse("2018-11-19T21:39:41.5Z")).contains(Instant.parse("2018-11-19T21:39:41.500Z"));
		assertThat(SourceTimes.parse("2018-11-19T21:39:41.123456789123Z"))
			.contains(Instant.parse("2018-11-19T21:39:41.123456789Z"));
	}

	@Test
	void keepsTheOffsetEachFormWritesAndReadsATimeWithoutOneAsUtc() {
		// RFC 3339 as JSON APIs and Atom write it.
		assertThat(SourceTimes.parse("2026-11-21T18:59:30-05:00")).contains(Instant.parse("2026-11-21T23:59:30Z"));
		assertThat(SourceTimes.parse("2026-11-21T18:59:30-0500")).contains(Instant.parse("2026-11-21T23:59:30Z"));
		assertThat(SourceTimes.parse("2026-11-21 23:59:30")).contains(Instant.parse("2026-11-21T23:59:30Z"));
		assertThat(SourceTimes.parse("2026-11-21")).contains(Instant.parse("2026-11-21T00:00:00Z"));
		// RFC 822 as RSS 2.0 writes it, with numeric and named zones.
		assertThat(SourceTimes.parse("Sat, 07 Sep 2002 00:00:01 GMT")).contains(Instant.parse("2002-09-07T00:00:01Z"));
		assertThat(SourceTimes.parse("Mon, 19 Nov 2018 16:39:41 -0500"))
			.contains(Instant.parse("2018-11-19T21:39:41Z"));
		assertThat(SourceTimes.parse("19 Nov 18 13:39 PST")).contains(Instant.parse("2018-11-19T21:39:00Z"));
		// X v1.1's created_at.
		assertThat(SourceTimes.parse("Wed Oct 10 20:19:24 +0000 2018")).contains(Instant.parse("2018-10-10T20:19:24Z"));
	}

	@Test
	void refusesWhatIsNoTime() {
		assertThat(SourceTimes.parse("yesterday")).isEmpty();
		assertThat(SourceTimes.parse("2026-13-01T00:00:00Z")).isEmpty();
		assertThat(SourceTimes.parse("Sat, 31 Feb 2026 00:00:00 GMT")).isEmpty();
		assertThat(SourceTimes.parse("")).isEmpty();
		assertThat(SourceTimes.parse(null)).isEmpty();
	}

	@Test
	void readsEpochSecondsWithTheirFraction() {
		assertThat(SourceTimes.ofEpochSeconds(1542663581.25)).isEqualTo(Instant.parse("2018-11-19T21:39:41.250Z"));
	}

}
