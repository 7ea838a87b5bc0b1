package io.grapevine.ingest.source.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.grapevine.ingest.pipeline.RestartHarness;
import io.grapevine.localstack.LocalStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalStackExtension.class)
class XRestartTests {

	private static final String TOKEN = "restart-token";

	private final FakeXApi api = FakeXApi.start(TOKEN);

	private final long base = (Instant.now().getEpochSecond() % 100_000) * 1_000_000L + 500_000L;

	private final String instance = "x:restart-" + this.base;

	@AfterEach
	void close() {
		this.api.close();
	}

	@Test
	void aRestartBetweenTwoPagesOfARoundLosesAndRepeatsNothing() {
		FakeXApi.User amy = FakeXApi.user("2244994945", "rider_amy", "Amy Rider", 1234);
		this.api.post(LongStream.rangeClosed(1, 25)
			.mapToObj((n) -> FakeXApi.tweet(String.valueOf(this.base + n), "Bus delayed (" + n + ")", amy))
			.toArray(FakeXApi.Tweet[]::new));
		Set<String> expected = LongStream.rangeClosed(1, 25)
			.mapToObj((n) -> "x:" + (this.base + n))
			.collect(Collectors.toSet());

		RestartHarness.Outcome outcome = RestartHarness.killAndRestart(this.instance, this::source, expected);

		assertThat(outcome.killedAt().position()).containsKey("next_token");
		assertThat(outcome.beforeRestart()).hasSize(10);
	}

	private XRecentSearchSource source() {
		XSettings settings = new XSettings(this.api.baseUrl(), TOKEN, Duration.ofMillis(200), 10, null,
				Duration.ofSeconds(5));
		return new XRecentSearchSource(this.instance, settings, XQuery.of("delayed"), WebClient.builder(),
				Clock.systemUTC());
	}

}
