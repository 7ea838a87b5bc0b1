package io.grapevine.ingest.source;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitHeadersTests {

	private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

	private static final RateLimitHeaders X = RateLimitHeaders.of("X", "x-rate-limit-remaining", "x-rate-limit-reset",
			RateLimitHeaders.Reset.EPOCH_SECONDS);

	private static final RateLimitHeaders MASTODON = RateLimitHeaders.of("Mastodon", "X-RateLimit-Remaining",
			"X-RateLimit-Reset", RateLimitHeaders.Reset.ISO_8601);

	private static final RateLimitHeaders REDDIT = RateLimitHeaders.of("Reddit", "X-Ratelimit-Remaining",
			"X-Ratelimit-Reset", RateLimitHeaders.Reset.SECONDS_FROM_NOW);

	@Test
	void readsTheResetAsEachApiWritesIt() {
		assertThat(X.reset(headers("x-rate-limit-reset", "1795300000"), NOW))
			.contains(Instant.parse("2026-11-21T22:26:40Z"));
		assertThat(MASTODON.reset(headers("X-RateLimit-Reset", "2026-11-21T22:35:00.123456Z"), NOW))
			.contains(Instant.parse("2026-11-21T22:35:00.123456Z"));
		assertThat(REDDIT.reset(headers("X-Ratelimit-Reset", "312.5"), NOW)).contains(NOW.plusMillis(312_500));
	}

	@Test
	void answersNoResetForAMissingUnreadableOrImplausibleHeader() {
		assertThat(X.reset(new HttpHeaders(), NOW)).isEmpty();
		assertThat(X.reset(headers("x-rate-limit-reset", "soon"), NOW)).isEmpty();
		assertThat(X.reset(headers("x-rate-limit-reset", "99999999999999"), NOW)).isEmpty();
		assertThat(MASTODON.reset(headers("X-RateLimit-Reset", "1763764500"), NOW)).isEmpty();
		assertThat(REDDIT.reset(headers("X-Ratelimit-Reset", "-3"), NOW)).isEmpty();
		assertThat(REDDIT.reset(headers("X-Ratelimit-Reset", "NaN"), NOW)).isEmpty();
	}

	@Test
	void readsTheRequestsLeftRoundingAFractionDown() {
		assertThat(REDDIT.remaining(headers("X-Ratelimit-Remaining", "598.0"))).contains(598L);
		assertThat(REDDIT.remaining(headers("X-Ratelimit-Remaining", "0.4"))).contains(0L);
		assertThat(X.remaining(headers("x-rate-limit-remaining", "-1"))).isEmpty();
		assertThat(X.remaining(headers("x-rate-limit-remaining", "many"))).isEmpty();
		assertThat(X.remaining(new HttpHeaders())).isEmpty();
	}

	@Test
	void aPageWithRequestsLeftCarriesTheirNumberAndDoesNotPause() {
		Page page = X.apply(page(), headers("x-rate-limit-remaining", "12", "x-rate-limit-reset", "1795300000"), NOW,
				Duration.ofMinutes(15), "x:test");

		assertThat(page.rateLimitRemaining()).contains(12L);
		assertThat(page.pauseUntil()).isEmpty();
	}

	@Test
	void aPageThatLeftNoRequestPausesUntilTheResetOrForAWindowWhenTheResetIsPast() {
		Instant reset = NOW.plusSeconds(300);
		Page paused = X.apply(page(),
				headers("x-rate-limit-remaining", "0", "x-rate-limit-reset", String.valueOf(reset.getEpochSecond())),
				NOW, Duration.ofMinutes(15), "x:test");
		Page pastReset = X.apply(page(), headers("x-rate-limit-remaining", "0", "x-rate-limit-reset",
				String.valueOf(NOW.minusSeconds(5).getEpochSecond())), NOW, Duration.ofMinutes(15), "x:test");

		assertThat(paused.rateLimitRemaining()).contains(0L);
		assertThat(paused.pauseUntil()).contains(reset);
		assertThat(pastReset.pauseUntil()).contains(NOW.plus(Duration.ofMinutes(15)));
		assertThat(paused.mentions()).isEqualTo(page().mentions());
	}

	@Test
	void aPageWithoutTheHeadersIsLeftAsItIs() {
		Page page = page();

		assertThat(MASTODON.apply(page, new HttpHeaders(), NOW, Duration.ofMinutes(5), "mastodon:test")).isSameAs(page);
	}

	private static Page page() {
		Cursor cursor = Cursor.start("x:test", NOW);
		return Page.of(List.of(), List.of(), cursor.moveTo(Map.of("since_id", "42"), NOW), true);
	}

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.set(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

}
