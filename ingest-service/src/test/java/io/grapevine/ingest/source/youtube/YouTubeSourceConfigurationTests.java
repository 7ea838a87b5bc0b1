package io.grapevine.ingest.source.youtube;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.grapevine.ingest.source.DisabledSource;
import io.grapevine.ingest.source.Source;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class YouTubeSourceConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(YouTubeSourceConfiguration.class)
		.withBean(WebClient.Builder.class, WebClient::builder)
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void isListedAsDisabledUnlessEnabled() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(Source.class);
			assertThat(context.getBean(DisabledSource.class).instanceId()).isEqualTo("youtube:comments");
		});
	}

	@Test
	void usesTheDocumentedDefaultsAndReadsEveryChannelAndVideo() {
		this.runner
			.withPropertyValues("grapevine.ingest.youtube.enabled=true", "grapevine.ingest.youtube.api-key=AIzaKey",
					"grapevine.ingest.youtube.channel-ids=UCone,UCtwo",
					"grapevine.ingest.youtube.video-ids=dQw4w9WgXcQ")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DisabledSource.class);
				YouTubeProperties properties = context.getBean(YouTubeProperties.class);
				assertThat(properties.instanceId()).isEqualTo("youtube:comments");
				assertThat(properties.baseUrl()).isEqualTo(URI.create("https://www.googleapis.com"));
				assertThat(properties.pollInterval()).isEqualTo(Duration.ofMinutes(10));
				assertThat(properties.maxResults()).isEqualTo(100);
				assertThat(properties.quotaResetZone()).isEqualTo("America/Los_Angeles");
				assertThat(context.getBean(YouTubeCommentsSource.class).listings()).containsExactly("channel:UCone",
						"channel:UCtwo", "video:dQw4w9WgXcQ");
			});
	}

	@Test
	void failsToStartWhenEnabledWithoutAKeyNamingTheSetting() {
		this.runner.withPropertyValues("grapevine.ingest.youtube.enabled=true", "grapevine.ingest.youtube.video-ids=v1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("grapevine.ingest.youtube.api-key"));
	}

}
