package io.grapevine.ingest.source.bluesky;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.grapevine.ingest.pipeline.RestartHarness;
import io.grapevine.ingest.source.Source;
import io.grapevine.localstack.LocalStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalStackExtension.class)
class BlueskyRestartTests {

	private static final String HANDLE = "listening.harbor.example";

	private static final String PASSWORD = "abcd-efgh-ijkl-mnop";

	private static final String DID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz";

	private final FakeBluesky bluesky = FakeBluesky.start(HANDLE, PASSWORD);

	private final FakeJetstream jetstream = FakeJetstream.start();

	private final int base = (int) (Instant.now().getEpochSecond() % 100_000) * 1_000;

	@AfterEach
	void close() {
		this.bluesky.close();
		this.jetstream.close();
	}

	@Test
	void aSearchRestartBetweenTwoPagesOfARoundLosesAndRepeatsNothing() {
		Instant earlier = Instant.now().minus(Duration.ofHours(2));
		this.bluesky.index("delay at Harbor", earlier, 1, this.base);
		Set<String> expected = IntStream.range(this.base, this.base + 6)
			.mapToObj((n) -> "bluesky:"
					+ FakeBluesky.post("3lbpost" + n, "rider.bsky.social", "", earlier).get("uri").asText())
			.collect(Collectors.toSet());
		String instance = "bluesky:restart-" + this.base;

		RestartHarness.Outcome outcome = RestartHarness.killAndRestart(instance, () -> search(instance), expected, 2,
				() -> this.bluesky.index("delay at Harbor", earlier.plus(Duration.ofHours(1)), 5, this.base + 1));

		assertThat(outcome.killedAt().position()).containsKeys("pending_newest", "page_cursor");
		assertThat(outcome.beforeRestart()).hasSize(3);
	}

	@Test
	void aJetstreamRestartAfterAStoredTimeLosesAndRepeatsNothing() {
		long start = Instant.now().toEpochMilli() * 1000 + this.base;
		for (int i = 0; i < 10; i++) {
			this.jetstream.emit(FakeJetstream.post(start + i, DID, "3lbq" + this.base + "r" + i, "delay number " + i));
		}
		this.jetstream.liveFrom(start);
		Set<String> expected = IntStream.range(0, 10)
			.mapToObj((i) -> "bluesky:" + BlueskyPosts.uri(DID, "3lbq" + this.base + "r" + i))
			.collect(Collectors.toSet());
		String instance = "bluesky-jetstream:restart-" + this.base;

		RestartHarness.Outcome outcome = RestartHarness.killAndRestart(instance, () -> jetstream(instance), expected);

		assertThat(outcome.killedAt().position()).containsEntry("time_us", String.valueOf(start + 3));
		assertThat(outcome.beforeRestart()).hasSize(4);
	}

	private Source search(String instance) {
		BlueskySearchSettings settings = new BlueskySearchSettings(this.bluesky.baseUrl(), HANDLE, PASSWORD, List.of(),
				Duration.ofMillis(200), 2, 10, Duration.ofSeconds(5));
		return new BlueskySearchSource(instance, settings, PASSWORD, List.of("delay"),
				new BlueskySearchSource.CredentialSettings("identifier", "app-password", "queries"),
				WebClient.builder(), Clock.systemUTC());
	}

	private Source jetstream(String instance) {
		BlueskyJetstreamSettings settings = new BlueskyJetstreamSettings(this.jetstream.url(), 4, Duration.ofSeconds(1),
				Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(5));
		return new BlueskyJetstreamSource(instance, settings, BlueskySourceFactoryTests.organization(),
				Clock.systemUTC());
	}

}
