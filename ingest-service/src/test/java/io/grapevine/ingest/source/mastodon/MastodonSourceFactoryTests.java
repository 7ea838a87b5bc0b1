package io.grapevine.ingest.source.mastodon;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grapevine.ingest.source.Declared;
import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.SourceSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MastodonSourceFactoryTests {

	private static final String KEYWORDS = "[delay, \"#hctransit\", \"#HarborCity\", \"#harbor city\", \"#hctransit\", \"#ÖPNV\"]";

	private final MastodonSourceFactory factory = new MastodonSourceFactory();

	@Test
	void makesOneInstancePerServerFollowingTheHashtagKeywordsOfTheOrganization() {
		SourceSettings social = settings("social", Map.of("base-url", "https://Mastodon.Social"));
		SourceSettings fosstodon = settings("fosstodon", Map.of("base-url", "https://fosstodon.org"));

		MastodonTagTimelineSource first = (MastodonTagTimelineSource) this.factory.create(social,
				Declared.context(Declared.organization(KEYWORDS)));
		MastodonTagTimelineSource second = (MastodonTagTimelineSource) this.factory.create(fosstodon,
				Declared.context(Declared.organization(KEYWORDS)));

		assertThat(first.instanceId()).isEqualTo("mastodon:social");
		assertThat(second.instanceId()).isEqualTo("mastodon:fosstodon");
		assertThat(first.hashtags()).containsExactly("hctransit", "HarborCity", "ÖPNV");
		MastodonSettings bound = social.bind(MastodonSettings.class);
		assertThat(bound.accessToken()).isNull();
		assertThat(bound.pollInterval()).isEqualTo(Duration.ofMinutes(2));
		assertThat(bound.limit()).isEqualTo(40);
		assertThat(bound.baseUrl()).isEqualTo(URI.create("https://Mastodon.Social"));
	}

	@Test
	void followsConfiguredHashtagsAndTakesTheTokenFromTheEnvironment() {
		SourceSettings settings = settings("ours", Map.of("base-url", "https://mastodon.social", "hashtags",
				List.of("#Transit", "buses", "transit"), "access-token", "${MASTODON_TOKEN}"));

		MastodonTagTimelineSource source = (MastodonTagTimelineSource) this.factory.create(settings,
				Declared.context(Declared.organization(KEYWORDS)));

		assertThat(source.hashtags()).containsExactly("Transit", "buses");
		assertThat(settings.bind(MastodonSettings.class).toString()).doesNotContain("s3cret");
	}

	@Test
	void searchesNoQueryByDefaultAndTheConfiguredQueriesWithTheTokenFromTheEnvironment() {
		SourceSettings plain = settings("plain", Map.of("base-url", "https://mastodon.social"));
		SourceSettings searching = settings("searching", Map.of("base-url", "https://mastodon.social", "queries",
				List.of(" harbor city transit ", "night bus", "Night Bus"), "access-token", "${MASTODON_TOKEN}"));

		this.factory.create(searching, Declared.context(Declared.organization("[delay]")));

		assertThat(plain.bind(MastodonSettings.class).queries()).isEmpty();
		MastodonSettings bound = searching.bind(MastodonSettings.class);
		assertThat(bound.queries()).containsExactly("harbor city transit", "night bus");
		assertThat(bound.accessToken()).isEqualTo("s3cret");
		assertThat(bound.toString()).contains("harbor city transit").doesNotContain("s3cret");
	}

	@Test
	void refusesQueriesWithoutAnAccessTokenNamingTheSetting() {
		assertFails(Map.of("base-url", "https://mastodon.social", "queries", List.of("night bus")),
				"queries need access-token");
		assertFails(Map.of("base-url", "https://mastodon.social", "queries", List.of("night bus"), "access-token",
				"${MASTODON_UNSET_TOKEN}"), "MASTODON_UNSET_TOKEN");
		assertFails(Map.of("base-url", "https://mastodon.social", "queries", List.of(" "), "access-token",
				"${MASTODON_TOKEN}"), "queries must be non-blank");
	}

	@Test
	void refusesAWrongSettingNamingIt() {
		assertFails(Map.of("base-url", "https://mastodon.social", "limit", 41), "limit must be between 1 and 40");
		assertFails(Map.of("base-url", "ftp://mastodon.example"), "base-url must be an absolute http(s) URL");
		assertFails(Map.of(), "base-url is not set");
		assertFails(Map.of("base-url", "https://mastodon.social", "hashtags", List.of("harbor city")),
				"hashtags must be hashtag names");
		assertFails(Map.of("base-url", "https://mastodon.social", "access-token", "s3cret"),
				"sources[mastodon:city].settings.access-token holds a literal value");
	}

	@Test
	void refusesAnInstanceWithoutAnyHashtagToFollowNamingTheSetting() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> this.factory.create(settings("city", Map.of("base-url", "https://mastodon.social")),
					Declared.context(Declared.organization("[delay, harbor city careers]"))))
			.withMessageContaining("sources[mastodon:city].settings.hashtags");
	}

	private void assertFails(Map<String, Object> values, String named) {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> this.factory.create(settings("city", values),
					Declared.context(Declared.organization(KEYWORDS))))
			.withMessageContaining(named)
			.withMessageContaining("sources[mastodon:city]")
			.withMessageNotContaining("s3cret");
	}

	private static SourceSettings settings(String name, Map<String, Object> values) {
		return Declared.settings("mastodon", name, Map.of("MASTODON_TOKEN", "s3cret"), new LinkedHashMap<>(values));
	}

}
