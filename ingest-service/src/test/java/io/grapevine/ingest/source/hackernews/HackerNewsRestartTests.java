package io.grapevine.ingest.source.hackernews;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
class HackerNewsRestartTests {

	private final FakeHackerNewsSearch api = FakeHackerNewsSearch.start();

	private final long base = (Instant.now().getEpochSecond() % 100_000) * 1_000L;

	private final String instance = "hackernews:restart-" + this.base;

	@AfterEach
	void close() {
		this.api.close();
	}

	@Test
	void aRestartBetweenTwoPagesOfARoundLosesAndRepeatsNothing() {
		long t0 = Instant.now().minus(Duration.ofHours(6)).getEpochSecond();
		this.api.post(LongStream.rangeClosed(1, 25)
			.mapToObj((n) -> FakeHackerNewsSearch.story(this.base + n, t0 + n, "rider_amy", "Bus delay number " + n))
			.toArray(FakeHackerNewsSearch.Item[]::new));
		Set<String> expected = LongStream.rangeClosed(1, 25)
			.mapToObj((n) -> "hackernews:" + (this.base + n))
			.collect(Collectors.toSet());

		RestartHarness.Outcome outcome = RestartHarness.killAndRestart(this.instance, this::source, expected);

		assertThat(outcome.killedAt().position()).containsEntry("page", "1").containsKey("pending_newest");
		assertThat(outcome.beforeRestart()).hasSize(10);
	}

	private HackerNewsSearchSource source() {
		HackerNewsSettings settings = new HackerNewsSettings(this.api.baseUrl(), Duration.ofMillis(200), null, 10,
				Duration.ofSeconds(5), 10_000);
		return new HackerNewsSearchSource(this.instance, settings, List.of(HackerNewsQuery.of("delay")),
				WebClient.builder(), Clock.systemUTC());
	}

}
