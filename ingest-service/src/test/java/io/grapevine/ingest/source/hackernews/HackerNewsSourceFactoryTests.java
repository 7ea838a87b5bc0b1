package io.grapevine.ingest.source.hackernews;

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

class HackerNewsSourceFactoryTests {

	private final HackerNewsSourceFactory factory = new HackerNewsSourceFactory();

	@Test
	void makesAnInstanceWithTheDocumentedDefaultsSearchingTheKeywords() {
		SourceSettings settings = settings(Map.of());

		HackerNewsSearchSource source = (HackerNewsSearchSource) this.factory.create(settings,
				Declared.context(Declared.organization("[delay, harbor city careers]")));

		assertThat(source.instanceId()).isEqualTo("hackernews:search");
		assertThat(source.queries()).containsExactly("delay \"harbor city careers\"");
		HackerNewsSettings bound = settings.bind(HackerNewsSettings.class);
		assertThat(bound.baseUrl()).isEqualTo(URI.create("https://hn.algolia.com"));
		assertThat(bound.pollInterval()).isEqualTo(Duration.ofMinutes(5));
		assertThat(bound.hitsPerPage()).isEqualTo(100);
		assertThat(bound.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void usesAConfiguredQueryInsteadOfTheKeywords() {
		HackerNewsSearchSource source = (HackerNewsSearchSource) this.factory
			.create(settings(Map.of("query", "hctransit")), Declared.context(Declared.organization("[delay]")));

		assertThat(source.queries()).containsExactly("hctransit");
	}

	@Test
	void searchesTheTopicsQueriesCompiledToAlgoliaAndTheKeywordsOfTheOthers() {
		HackerNewsSearchSource source = (HackerNewsSearchSource) this.factory.create(settings(Map.of()),
				Declared.context(TopicQueries.organization("query: '(bus OR tram) -strike'", "keywords: [delay]")));

		assertThat(source.queries()).containsExactly("delay", "bus -strike", "tram -strike");
	}

	@Test
	void refusesAnOrganizationWhoseTopicsCannotMatchOnHackerNews() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> this.factory.create(settings(Map.of()),
					Declared.context(TopicQueries.organization("query: 'bus source:reddit'"))))
			.withMessageContaining("sources[hackernews:search] has nothing to search for")
			.withMessageContaining("sources[hackernews:search].settings.query");
	}

	@Test
	void refusesAWrongSettingNamingIt() {
		assertFails(Map.of("hits-per-page", 0), "hits-per-page must be between 1 and 1000");
		assertFails(Map.of("hits-per-page", 1001), "hits-per-page must be between 1 and 1000");
		assertFails(Map.of("base-url", "ftp://hn.example"), "base-url must be an absolute http(s) URL");
		assertFails(Map.of("poll-interval", "0s"), "poll-interval must be positive");
		assertFails(Map.of("request-timeout", "soon"), "sources[hackernews:search].settings.request-timeout");
		assertFails(Map.of("query", "x".repeat(513)), "query must be at most");
	}

	private void assertFails(Map<String, Object> wrong, String named) {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> this.factory.create(settings(wrong), Declared.context(Declared.organization("[a]"))))
			.withMessageContaining(named)
			.withMessageContaining("sources[hackernews:search]");
	}

	private static SourceSettings settings(Map<String, Object> values) {
		return Declared.settings("hackernews", "search", Map.of(), values);
	}

}
