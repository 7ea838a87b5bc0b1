package io.grapevine.ingest.source.bluesky;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.SourceDeclaration;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BlueskyJetstreamSourceFactoryTests {

	private final BlueskyJetstreamSourceFactory factory = new BlueskyJetstreamSourceFactory();

	@Test
	void readsThePublicJetstreamWithTheDocumentedDefaults() {
		BlueskyJetstreamSource source = (BlueskyJetstreamSource) create(Map.of(),
				BlueskySourceFactoryTests.organization());
		BlueskyJetstreamSettings settings = settings(Map.of()).bind(BlueskyJetstreamSettings.class);

		assertThat(this.factory.type()).isEqualTo("bluesky-jetstream");
		assertThat(source.instanceId()).isEqualTo("bluesky-jetstream:firehose");
		assertThat(source.pollInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(source.uri(Optional.of(1_795_300_000_000_000L))).hasToString(
				"wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost&cursor=1795300000000000");
		assertThat(settings.maxEvents()).isEqualTo(2000);
		assertThat(settings.readFor()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.rewind()).isZero();
	}

	@Test
	void takesAnotherInstanceAndItsLimits() {
		BlueskyJetstreamSettings settings = settings(Map.of("url", "wss://jetstream1.us-west.bsky.network/subscribe",
				"max-events", "500", "read-for", "30s", "rewind", "3s"))
			.bind(BlueskyJetstreamSettings.class);

		assertThat(settings.url()).hasToString("wss://jetstream1.us-west.bsky.network/subscribe");
		assertThat(settings.maxEvents()).isEqualTo(500);
		assertThat(settings.readFor()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.rewind()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void refusesToStartWithAWrongSettingNamingIt() {
		Organization organization = BlueskySourceFactoryTests.organization();
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("url", "https://jetstream2.us-east.bsky.network/subscribe"), organization))
			.withMessageContaining("sources[bluesky-jetstream:firehose]")
			.withMessageContaining("url must be an absolute ws(s) URL");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("max-events", "0"), organization))
			.withMessageContaining("sources[bluesky-jetstream:firehose].settings.max-events");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("read-for", "forever"), organization))
			.withMessageContaining("sources[bluesky-jetstream:firehose].settings.read-for");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("wanted-collections", List.of("app.bsky.feed.like")), organization))
			.withMessageContaining("settings.wanted-collections is not a setting of a bluesky-jetstream source");
	}

	@Test
	void refusesToStartForAnOrganizationWithoutTopics() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of(), new Organization("Quiet", List.of())))
			.withMessageContaining("sources[bluesky-jetstream:firehose]: the organization has no topics");
	}

	private Source create(Map<String, Object> values, Organization organization) {
		return this.factory.create(settings(values),
				new SourceContext(organization, WebClient.builder(), Clock.systemUTC()));
	}

	private SourceSettings settings(Map<String, Object> values) {
		return new SourceSettings(
				new SourceDeclaration("firehose", "bluesky-jetstream", true, new LinkedHashMap<>(values)),
				new MockEnvironment());
	}

}
