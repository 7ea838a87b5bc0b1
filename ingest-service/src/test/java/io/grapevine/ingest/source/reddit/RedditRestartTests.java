package io.grapevine.ingest.source.reddit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.grapevine.ingest.pipeline.RestartHarness;
import io.grapevine.localstack.LocalStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalStackExtension.class)
class RedditRestartTests {

	private final FakeReddit reddit = FakeReddit.start();

	private final int base = (int) (Instant.now().getEpochSecond() % 100_000) * 1_000;

	private final String instance = "reddit:restart-" + this.base;

	@AfterEach
	void close() {
		this.reddit.close();
	}

	@Test
	void aRestartBetweenTwoPagesOfARoundLosesAndRepeatsNothing() {
		this.reddit.post("harborcity", this.base + 1, 25);
		Set<String> expected = IntStream.rangeClosed(1, 25)
			.mapToObj((n) -> "reddit:" + FakeReddit.name(this.base + n))
			.collect(Collectors.toSet());

		RestartHarness.Outcome outcome = RestartHarness.killAndRestart(this.instance, this::source, expected);

		assertThat(outcome.killedAt().position()).containsKey("pending_newest");
		assertThat(outcome.beforeRestart()).hasSize(10);
	}

	private RedditSource source() {
		RedditSettings settings = new RedditSettings(this.reddit.baseUrl(), this.reddit.baseUrl(), FakeReddit.CLIENT_ID,
				FakeReddit.CLIENT_SECRET, "server:io.grapevine:test (by /u/grapevine)", null, List.of(),
				Duration.ofMillis(200), 10, Duration.ofSeconds(5));
		return new RedditSource(this.instance, settings, RedditQuery.of("delay"), List.of(), WebClient.builder(),
				Clock.systemUTC());
	}

}
