package io.grapevine.ingest.source.youtube;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class YouTubeSettingsTests {

	@Test
	void needsAChannelOrAVideo() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("AIzaKey", List.of(), List.of(), 100))
			.withMessageContaining("channel-ids")
			.withMessageContaining("video-ids");
	}

	@Test
	void keepsMaxResultsBetweenOneAndAHundred() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("AIzaKey", List.of(), List.of("v1"), 101))
			.withMessageContaining("max-results");
		assertThatIllegalArgumentException().isThrownBy(() -> settings("AIzaKey", List.of(), List.of("v1"), 0))
			.withMessageContaining("max-results");
	}

	@Test
	void refusesIdsThatCannotBeYouTubeIds() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("AIzaKey", List.of("UC x/y"), List.of(), 100))
			.withMessageContaining("channel-ids");
	}

	@Test
	void refusesAnUnknownQuotaResetZone() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new YouTubeSettings(URI.create("https://www.googleapis.com"), "AIzaKey", List.of("UCx"),
					null, Duration.ofMinutes(10), 100, "Pacific/Nowhere", Duration.ofSeconds(30), null, true, 10000,
					true))
			.withMessageContaining("quota-reset-zone");
	}

	@Test
	void masksTheKeyInToString() {
		assertThat(settings("AIzaSecretKey", List.of("UCx"), List.of(), 100).toString())
			.doesNotContain("AIzaSecretKey");
	}

	private static YouTubeSettings settings(String key, List<String> channels, List<String> videos, int maxResults) {
		return new YouTubeSettings(URI.create("https://www.googleapis.com"), key, channels, videos,
				Duration.ofMinutes(10), maxResults, "America/Los_Angeles", Duration.ofSeconds(30), null, true, 10000,
				true);
	}

}
