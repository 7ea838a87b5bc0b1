package io.grapevine.ingest.source.youtube;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.grapevine.ingest.pipeline.RestartHarness;
import io.grapevine.localstack.LocalStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalStackExtension.class)
class YouTubeRestartTests {

	private final FakeYouTube youtube = FakeYouTube.start();

	private final String instance = "youtube:restart-" + (Instant.now().getEpochSecond() % 100_000);

	@AfterEach
	void close() {
		this.youtube.close();
	}

	@Test
	void aRestartBetweenTwoPagesOfARoundLosesAndRepeatsNothing() {
		// The first read of a listing takes its newest page; the threads posted after
		// that are read newest first, three a page, in the next round.
		this.youtube.publish("video:" + FakeYouTube.VIDEO, 1, 3);
		Set<String> expected = IntStream.rangeClosed(1, 10)
			.boxed()
			.flatMap((n) -> Stream.of("youtube:" + FakeYouTube.threadId(n), "youtube:" + FakeYouTube.replyId(n)))
			.collect(Collectors.toSet());

		RestartHarness.Outcome outcome = RestartHarness.killAndRestart(this.instance, this::source, expected, 2,
				() -> this.youtube.publish("video:" + FakeYouTube.VIDEO, 4, 7));

		assertThat(outcome.killedAt().position()).containsKey("page_token");
		assertThat(outcome.beforeRestart()).hasSize(12);
	}

	private YouTubeCommentsSource source() {
		YouTubeSettings settings = new YouTubeSettings(this.youtube.baseUrl(), FakeYouTube.API_KEY, List.of(),
				List.of(FakeYouTube.VIDEO), Duration.ofMillis(200), 3, "America/Los_Angeles", Duration.ofSeconds(5),
				null, true, 10000, true);
		return new YouTubeCommentsSource(this.instance, settings, Optional.empty(), WebClient.builder(),
				Clock.systemUTC());
	}

}
