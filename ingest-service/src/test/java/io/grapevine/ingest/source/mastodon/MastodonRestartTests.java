package io.grapevine.ingest.source.mastodon;

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
class MastodonRestartTests {

	private final FakeMastodon mastodon = FakeMastodon.start();

	private final long base = (Instant.now().getEpochSecond() % 100_000) * 1_000L;

	private final String instance = "mastodon:restart-" + this.base;

	@AfterEach
	void close() {
		this.mastodon.close();
	}

	@Test
	void aRestartBetweenTwoForwardPagesLosesAndRepeatsNothing() {
		// A hashtag read for the first time starts with its newest page: the statuses
		// posted after that are the ones paged forward, five at a time.
		this.mastodon.post("hctransit", this.base + 1, 3);
		Set<String> expected = LongStream.rangeClosed(1, 15)
			.mapToObj((n) -> "mastodon:127.0.0.1:" + (this.base + n))
			.collect(Collectors.toSet());

		RestartHarness.Outcome outcome = RestartHarness.killAndRestart(this.instance, this::source, expected, 2,
				() -> this.mastodon.post("hctransit", this.base + 4, 12));

		assertThat(outcome.killedAt().position()).containsKey("tag:hctransit");
		assertThat(outcome.beforeRestart()).hasSize(8);
	}

	@Test
	void aRestartBetweenTwoPagesOfASearchRoundLosesAndRepeatsNothing() {
		// The first read takes the newest page; the next round finds twelve new statuses,
		// read five at a time with offset, and is killed after its first page.
		this.mastodon.postText("night bus", this.base + 1, 3);
		Set<String> expected = LongStream.rangeClosed(1, 15)
			.mapToObj((n) -> "mastodon:127.0.0.1:" + (this.base + n))
			.collect(Collectors.toSet());

		RestartHarness.Outcome outcome = RestartHarness.killAndRestart(this.instance, this::searching, expected, 2,
				() -> this.mastodon.postText("night bus", this.base + 4, 12));

		assertThat(outcome.killedAt().position()).containsEntry("query-offset:night bus", "5")
			.containsEntry("query:night bus", String.valueOf(this.base + 3));
		assertThat(outcome.beforeRestart()).hasSize(8);
	}

	private MastodonTagTimelineSource searching() {
		MastodonSettings settings = new MastodonSettings(this.mastodon.baseUrl(), FakeMastodon.TOKEN, List.of(),
				List.of("night bus"), Duration.ofMillis(200), 5, Duration.ofSeconds(5));
		return new MastodonTagTimelineSource(this.instance, settings, List.of(), WebClient.builder(),
				Clock.systemUTC());
	}

	private MastodonTagTimelineSource source() {
		MastodonSettings settings = new MastodonSettings(this.mastodon.baseUrl(), null, List.of(), List.of(),
				Duration.ofMillis(200), 5, Duration.ofSeconds(5));
		return new MastodonTagTimelineSource(this.instance, settings, List.of("hctransit"), WebClient.builder(),
				Clock.systemUTC());
	}

}
