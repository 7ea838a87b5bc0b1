package io.grapevine.ingest.source.x;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.grapevine.ingest.source.Declared;
import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.ingest.source.TopicQueries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class XSourceFactoryTests {

	private static final Map<String, String> ENVIRONMENT = Map.of("X_BEARER_TOKEN", "t0ken");

	private final XSourceFactory factory = new XSourceFactory();

	@Test
	void makesAnInstanceNamedTypeColonNameWithTheDocumentedDefaults() {
		SourceSettings settings = settings(Map.of("bearer-token", "${X_BEARER_TOKEN}"));

		XRecentSearchSource source = (XRecentSearchSource) this.factory.create(settings,
				Declared.context(Declared.organization("[delay, \"harbor city\"]")));

		assertThat(source.instanceId()).isEqualTo("x:brand");
		assertThat(source.query()).contains("delay").contains("\"harbor city\"");
		XSettings bound = settings.bind(XSettings.class);
		assertThat(bound.baseUrl()).isEqualTo(URI.create("https://api.x.com"));
		assertThat(bound.pollInterval()).isEqualTo(Duration.ofSeconds(60));
		assertThat(bound.maxResults()).isEqualTo(100);
		assertThat(bound.bearerToken()).isEqualTo("t0ken");
		assertThat(bound.toString()).doesNotContain("t0ken");
	}

	@Test
	void usesAConfiguredQueryInsteadOfTheKeywords() {
		XRecentSearchSource source = (XRecentSearchSource) this.factory.create(
				settings(Map.of("bearer-token", "${X_BEARER_TOKEN}", "query", "\"Harbor Transit\" -is:retweet")),
				Declared.context(Declared.organization("[delay]")));

		assertThat(source.query()).isEqualTo("\"Harbor Transit\" -is:retweet");

		XRecentSearchSource withTopicQueries = (XRecentSearchSource) this.factory.create(
				settings(Map.of("bearer-token", "${X_BEARER_TOKEN}", "query", "\"Harbor Transit\" -is:retweet")),
				Declared.context(TopicQueries.organization("query: 'bus -strike'")));

		assertThat(withTopicQueries.query()).isEqualTo("\"Harbor Transit\" -is:retweet");
	}

	@Test
	void refusesAMissingOrLiteralBearerTokenNamingTheSetting() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> this.factory.create(settings(Map.of()), Declared.context(Declared.organization("[a]"))))
			.withMessageContaining("sources[x:brand].settings.bearer-token is not set");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> this.factory.create(settings(Map.of("bearer-token", "AAAAsecret")),
					Declared.context(Declared.organization("[a]"))))
			.withMessageContaining("sources[x:brand].settings.bearer-token holds a literal value")
			.withMessageNotContaining("AAAAsecret");
	}

	@Test
	void refusesAWrongSettingNamingIt() {
		assertFails(Map.of("max-results", 5), "sources[x:brand].settings.max-results");
		assertFails(Map.of("base-url", "api.x.com"), "base-url must be an absolute http(s) URL");
		assertFails(Map.of("poll-interval", "0s"), "poll-interval must be positive");
		assertFails(Map.of("poll-intervall", "5m"), "sources[x:brand].settings.poll-intervall is not a setting");
	}

	private void assertFails(Map<String, Object> wrong, String named) {
		Map<String, Object> values = new java.util.LinkedHashMap<>(wrong);
		values.put("bearer-token", "${X_BEARER_TOKEN}");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> this.factory.create(settings(values), Declared.context(Declared.organization("[a]"))))
			.withMessageContaining(named)
			.withMessageContaining("sources[x:brand]");
	}

	private static SourceSettings settings(Map<String, Object> values) {
		return Declared.settings("x", "brand", ENVIRONMENT, values);
	}

}
