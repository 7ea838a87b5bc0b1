package io.grapevine.ingest.source.reddit;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grapevine.ingest.source.Declared;
import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.ingest.source.TopicQueries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedditSourceFactoryTests {

	private static final Map<String, String> ENVIRONMENT = Map.of("REDDIT_CLIENT_ID", "app-id", "REDDIT_CLIENT_SECRET",
			"app-s3cret");

	private final RedditSourceFactory factory = new RedditSourceFactory();

	@Test
	void makesAnInstanceWithTheDocumentedDefaultsSearchingTheKeywords() {
		SourceSettings settings = settings(Map.of());

		RedditSource source = (RedditSource) this.factory.create(settings,
				Declared.context(Declared.organization("[delay, harbor city, \"#hctransit\"]")));

		assertThat(source.instanceId()).isEqualTo("reddit:city");
		assertThat(source.query()).isEqualTo("delay OR \"harbor city\" OR #hctransit");
		assertThat(source.listings()).containsExactly("search");
		RedditSettings bound = settings.bind(RedditSettings.class);
		assertThat(bound.baseUrl()).isEqualTo(URI.create("https://oauth.reddit.com"));
		assertThat(bound.authUrl()).isEqualTo(URI.create("https://www.reddit.com"));
		assertThat(bound.pollInterval()).isEqualTo(Duration.ofMinutes(2));
		assertThat(bound.limit()).isEqualTo(100);
		assertThat(bound.clientId()).isEqualTo("app-id");
		assertThat(bound.toString()).doesNotContain("app-id", "app-s3cret");
	}

	@Test
	void readsTheConfiguredQueryAndSubreddits() {
		RedditSource source = (RedditSource) this.factory.create(
				settings(Map.of("query", "title:T5", "subreddits",
						List.of("r/HarborCity", "hctransit", "/r/harborcity"))),
				Declared.context(Declared.organization("[delay]")));

		assertThat(source.query()).isEqualTo("title:T5");

		RedditSource withTopicQueries = (RedditSource) this.factory.create(settings(Map.of("query", "title:T5")),
				Declared.context(TopicQueries.organization("query: 'bus -strike'")));

		assertThat(withTopicQueries.query()).isEqualTo("title:T5");
		assertThat(source.listings()).containsExactly("search", "r:HarborCity", "r:hctransit");
	}

	@Test
	void refusesAWrongSettingNamingIt() {
		assertFails(Map.of("limit", 0), "limit must be between 1 and 100");
		assertFails(Map.of("auth-url", "/api"), "auth-url must be an absolute http(s) URL");
		assertFails(Map.of("subreddits", List.of("harbor city")), "subreddits must be subreddit names");
		assertFails(Map.of("user-agent", " "), "user-agent is not set");
		assertFails(Map.of("client-secret", "plain"), "sources[reddit:city].settings.client-secret holds a literal");
		assertFails(Map.of("client-id", "${UNSET_ID}"), "UNSET_ID, which is not set");
	}

	private void assertFails(Map<String, Object> wrong, String named) {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> this.factory.create(settings(wrong), Declared.context(Declared.organization("[a]"))))
			.withMessageContaining(named)
			.withMessageContaining("sources[reddit:city]");
	}

	private static SourceSettings settings(Map<String, Object> values) {
		Map<String, Object> all = new LinkedHashMap<>(Map.of("client-id", "${REDDIT_CLIENT_ID}", "client-secret",
				"${REDDIT_CLIENT_SECRET}", "user-agent", "server:io.grapevine:0.1 (by /u/test)"));
		all.putAll(values);
		return Declared.settings("reddit", "city", ENVIRONMENT, all);
	}

}
