package io.grapevine.ingest.source.rss;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.organization.SourceDeclaration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RssSourceFactoryTests {

	private final RssSourceFactory factory = new RssSourceFactory();

	@Test
	void isTheFactoryOfTheRssTypeAndABean() {
		assertThat(this.factory.type()).isEqualTo("rss");
		assertThat(this.factory.pulls()).isTrue();
		new ApplicationContextRunner().withUserConfiguration(RssSourceConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(RssSourceFactory.class));
	}

	@Test
	void takesFeedsAsUrlsOrAsUrlsWithNamesAndTheOtherSettingsWithTheirDefaults() {
		RssSource source = create(Map.of("feeds", List.of("https://gazette.example.org/feed/",
				Map.of("url", "https://council.example.gov/news.rdf", "name", "Council"))));

		assertThat(source.instanceId()).isEqualTo("rss:local-news");
		assertThat(source.feeds()).containsExactly(
				new RssSettings.Feed(URI.create("https://gazette.example.org/feed/"), "gazette.example.org"),
				new RssSettings.Feed(URI.create("https://council.example.gov/news.rdf"), "Council"));
		assertThat(source.pollInterval()).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void takesThePollIntervalTimeoutUserAgentAndRememberedEntries() {
		RssSettings settings = settings(Map.of("feeds", List.of("https://a.example/feed"), "poll-interval", "5m",
				"request-timeout", "10s", "user-agent", "HarborCityComms/1.0", "remembered-entries", "50"))
			.bind(RssSettings.class);

		assertThat(settings.pollInterval()).isEqualTo(Duration.ofMinutes(5));
		assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.userAgent()).isEqualTo("HarborCityComms/1.0");
		assertThat(settings.rememberedEntries()).isEqualTo(50);
	}

	@Test
	void refusesAnInstanceWithoutFeedsNamingTheSetting() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("poll-interval", "5m")))
			.withMessageContaining("sources[rss:local-news].settings.feeds is not set");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("feeds", List.of())))
			.withMessageContaining("sources[rss:local-news]")
			.withMessageContaining("feeds is empty");
	}

	@Test
	void refusesAFeedThatIsNotAnHttpUrlNamingTheEntry() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("feeds", List.of("https://a.example/feed", "ftp://b.example/feed"))))
			.withMessageContaining("sources[rss:local-news].settings.feeds[1]")
			.withMessageContaining("feed url must be an absolute http(s) URL")
			.withMessageContaining("ftp://b.example/feed");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("feeds", List.of(Map.of("name", "No url")))))
			.withMessageContaining("sources[rss:local-news]")
			.withMessageContaining("a feed needs a url");
	}

	@Test
	void refusesAFeedListedTwice() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("feeds", List.of("https://a.example/feed", "https://a.example/feed"))))
			.withMessageContaining("feeds lists https://a.example/feed twice");
	}

	@Test
	void refusesAMisspelledSettingAndValuesOutOfRange() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("feeds", List.of("https://a.example/feed"), "pol-interval", "5m")))
			.withMessageContaining("sources[rss:local-news].settings.pol-interval is not a setting of a rss source");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("feeds", List.of("https://a.example/feed"), "remembered-entries", "5")))
			.withMessageContaining("sources[rss:local-news].settings.remembered-entries");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("feeds", List.of("https://a.example/feed"), "poll-interval", "0s")))
			.withMessageContaining("poll-interval must be positive");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("feeds", List.of("https://a.example/feed"), "request-timeout", "soon")))
			.withMessageContaining("sources[rss:local-news].settings.request-timeout");
	}

	private RssSource create(Map<String, Object> values) {
		Source source = this.factory.create(settings(values),
				new SourceContext(null, WebClient.builder(), Clock.systemUTC()));
		return (RssSource) source;
	}

	private static SourceSettings settings(Map<String, Object> values) {
		return new SourceSettings(new SourceDeclaration("local-news", "rss", true, new LinkedHashMap<>(values)),
				new MockEnvironment());
	}

}
