package io.grapevine.ingest.source;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

	@Test
	void readsSecondsAndHttpDates() {
		assertThat(RetryAfter.of(headers("120"), NOW)).contains(NOW.plusSeconds(120));
		assertThat(RetryAfter.of(headers("Sun, 22 Nov 2026 09:30:00 GMT"), NOW))
			.contains(Instant.parse("2026-11-22T09:30:00Z"));
	}

	@Test
	void answersNothingForAMissingOrUnreadableHeaderAndNeverAPastTimeForNegativeSeconds() {
		assertThat(RetryAfter.of(new HttpHeaders(), NOW)).isEmpty();
		assertThat(RetryAfter.of(headers("soon"), NOW)).isEmpty();
		assertThat(RetryAfter.of(headers("-5"), NOW)).contains(NOW);
	}

	private static HttpHeaders headers(String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, value);
		return headers;
	}

}
