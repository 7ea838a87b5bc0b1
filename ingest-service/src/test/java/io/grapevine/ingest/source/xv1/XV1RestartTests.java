package io.grapevine.ingest.source.xv1;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.grapevine.ingest.pipeline.RestartHarness;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.organization.SourceDeclaration;
import io.grapevine.localstack.LocalStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalStackExtension.class)
class XV1RestartTests {

	private final FakeXV1Api x = FakeXV1Api.start();

	private final long base = (Instant.now().getEpochSecond() % 100_000) * 1_000L;

	private final String query = "restart " + this.base;

	@AfterEach
	void close() {
		this.x.close();
	}

	@Test
	void aRestartInTheMiddleOfASearchRoundLosesAndRepeatsNothing() {
		this.x.post(this.query, "rider_amy", this.base + 1, 5);
		Set<String> expected = LongStream.rangeClosed(1, 5)
			.mapToObj((n) -> "x:" + (this.base + n))
			.collect(Collectors.toSet());

		RestartHarness.Outcome outcome = RestartHarness.killAndRestart("x-v1:restart-" + this.base, this::source,
				expected);

		assertThat(outcome.killedAt().position()).containsKey("search:" + this.query + XV1Source.MAX_ID);
		assertThat(outcome.beforeRestart()).hasSize(2);
	}

	private Source source() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("base-url", this.x.baseUrl().toString());
		settings.put("consumer-key", "${X_CONSUMER_KEY}");
		settings.put("consumer-secret", "${X_CONSUMER_SECRET}");
		settings.put("access-token", "${X_ACCESS_TOKEN}");
		settings.put("access-token-secret", "${X_ACCESS_TOKEN_SECRET}");
		settings.put("searches", List.of(this.query));
		settings.put("count", "2");
		settings.put("poll-interval", "200ms");
		MockEnvironment environment = new MockEnvironment().withProperty("X_CONSUMER_KEY", FakeXV1Api.CONSUMER_KEY)
			.withProperty("X_CONSUMER_SECRET", FakeXV1Api.CONSUMER_SECRET)
			.withProperty("X_ACCESS_TOKEN", FakeXV1Api.ACCESS_TOKEN)
			.withProperty("X_ACCESS_TOKEN_SECRET", FakeXV1Api.ACCESS_TOKEN_SECRET);
		return new XV1SourceFactory().create(
				new SourceSettings(new SourceDeclaration("restart-" + this.base, "x-v1", true, settings), environment),
				new SourceContext(null, WebClient.builder(), Clock.systemUTC()));
	}

}
