package io.grapevine.ingest.source.youtube;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class YouTubePropertiesTests {

	@Test
	void needsAnApiKeyWhenEnabledAndNamesTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(null, List.of("UCx"), List.of(), 100))
			.withMessageContaining("grapevine.ingest.youtube.api-key")
			.withMessageContaining("GRAPEVINE_INGEST_YOUTUBE_API_KEY");
	}

	@Test
	void needsAChannelOrAVideoWhenEnabled() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("AIzaKey", List.of(), List.of(), 100))
			.withMessageContaining("grapevine.ingest.youtube.channel-ids")
			.withMessageContaining("grapevine.ingest.youtube.video-ids");
	}

	@Test
	void keepsMaxResultsBetweenOneAndAHundred() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("AIzaKey", List.of(), List.of("v1"), 101))
			.withMessageContaining("grapevine.ingest.youtube.max-results");
		assertThatIllegalArgumentException().isThrownBy(() -> properties("AIzaKey", List.of(), List.of("v1"), 0))
			.withMessageContaining("grapevine.ingest.youtube.max-results");
	}

	@Test
	void refusesIdsThatCannotBeYouTubeIds() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("AIzaKey", List.of("UC x/y"), List.of(), 100))
			.withMessageContaining("grapevine.ingest.youtube.channel-ids");
	}

	@Test
	void refusesAnUnknownQuotaResetZone() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new YouTubeProperties(false, "youtube:comments", URI.create("https://www.googleapis.com"),
					null, null, null, Duration.ofMinutes(10), 100, "Pacific/Nowhere", Duration.ofSeconds(30)))
			.withMessageContaining("grapevine.ingest.youtube.quota-reset-zone");
	}

	@Test
	void needsNothingWhenDisabled() {
		YouTubeProperties properties = new YouTubeProperties(false, "youtube:comments",
				URI.create("https://www.googleapis.com"), " ", null, null, Duration.ofMinutes(10), 100,
				"America/Los_Angeles", Duration.ofSeconds(30));

		assertThat(properties.apiKey()).isNull();
		assertThat(properties.channelIds()).isEmpty();
		assertThat(properties.toString()).contains("apiKey=unset");
	}

	@Test
	void masksTheKeyInToString() {
		assertThat(properties("AIzaSecretKey", List.of("UCx"), List.of(), 100).toString())
			.doesNotContain("AIzaSecretKey");
	}

	private static YouTubeProperties properties(String key, List<String> channels, List<String> videos,
			int maxResults) {
		return new YouTubeProperties(true, "youtube:comments", URI.create("https://www.googleapis.com"), key, channels,
				videos, Duration.ofMinutes(10), maxResults, "America/Los_Angeles", Duration.ofSeconds(30));
	}

}
