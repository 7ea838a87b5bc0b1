package io.grapevine.ingest.source.youtube;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.ingest.source.Declared;
import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.ingest.source.TopicQueries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class YouTubeSourceFactoryTests {

	private final YouTubeSourceFactory factory = new YouTubeSourceFactory();

	@Test
	void makesAnInstanceWithTheDocumentedDefaultsReadingEveryChannelAndVideo() {
		SourceSettings settings = settings(
				Map.of("channel-ids", List.of("UCone", "UCtwo"), "video-ids", List.of("dQw4w9WgXcQ")));

		YouTubeCommentsSource source = (YouTubeCommentsSource) this.factory.create(settings,
				Declared.context(Declared.organization("[a]")));

		assertThat(source.instanceId()).isEqualTo("youtube:channel");
		assertThat(source.listings()).containsExactly("channel:UCone", "channel:UCtwo", "video:dQw4w9WgXcQ");
		YouTubeSettings bound = settings.bind(YouTubeSettings.class);
		assertThat(bound.baseUrl()).isEqualTo(URI.create("https://www.googleapis.com"));
		assertThat(bound.pollInterval()).isEqualTo(Duration.ofMinutes(10));
		assertThat(bound.maxResults()).isEqualTo(100);
		assertThat(bound.quotaResetZone()).isEqualTo("America/Los_Angeles");
	}

	@Test
	void searchesForTheTopicsQueriesUnlessTheSettingsSayOtherwise() {
		Map<String, Object> channel = Map.of("channel-ids", List.of("UCone"));
		Map<String, Object> written = new LinkedHashMap<>(channel);
		written.put("search-terms", " delay ");
		Map<String, Object> off = new LinkedHashMap<>(channel);
		off.put("topic-search-terms", false);

		assertThat(searchTerms(channel)).contains("bus|tram");
		assertThat(searchTerms(written)).contains("delay");
		assertThat(searchTerms(off)).isEmpty();
		assertThat(((YouTubeCommentsSource) this.factory.create(settings(channel),
				Declared.context(Declared.organization("[bus, tram]"))))
			.searchTerms()).isEmpty();
	}

	@Test
	void refusesAMissingKeyOrListingNamingTheSetting() {
		Map<String, Object> withoutKey = new LinkedHashMap<>(Map.of("video-ids", List.of("v1")));
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> this.factory.create(Declared.settings("youtube", "channel", Map.of(), withoutKey),
					Declared.context(Declared.organization("[a]"))))
			.withMessageContaining("sources[youtube:channel].settings.api-key is not set");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> this.factory.create(settings(Map.of()), Declared.context(Declared.organization("[a]"))))
			.withMessageContaining("sources[youtube:channel]")
			.withMessageContaining("neither channel-ids nor video-ids is set");
	}

	private Optional<String> searchTerms(Map<String, Object> values) {
		return ((YouTubeCommentsSource) this.factory.create(settings(values),
				Declared.context(TopicQueries.organization("query: 'bus OR tram'"))))
			.searchTerms();
	}

	private static SourceSettings settings(Map<String, Object> values) {
		Map<String, Object> all = new LinkedHashMap<>(Map.of("api-key", "${YOUTUBE_API_KEY}"));
		all.putAll(values);
		return Declared.settings("youtube", "channel", Map.of("YOUTUBE_API_KEY", "AIzaKey"), all);
	}

}
