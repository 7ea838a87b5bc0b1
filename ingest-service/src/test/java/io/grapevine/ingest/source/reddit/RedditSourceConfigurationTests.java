package io.grapevine.ingest.source.reddit;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.grapevine.ingest.source.DisabledSource;
import io.grapevine.ingest.source.Source;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class RedditSourceConfigurationTests {

	private static final String[] ENABLED = { "grapevine.ingest.reddit.enabled=true",
			"grapevine.ingest.reddit.client-id=app-id", "grapevine.ingest.reddit.client-secret=app-s3cret",
			"grapevine.ingest.reddit.user-agent=server:io.grapevine:0.1 (by /u/grapevine_test)" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(RedditSourceConfiguration.class)
		.withBean(Organization.class, RedditSourceConfigurationTests::organization)
		.withBean(WebClient.Builder.class, WebClient::builder)
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void isListedAsDisabledUnlessEnabled() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(Source.class);
			assertThat(context.getBean(DisabledSource.class).instanceId()).isEqualTo("reddit:search");
		});
	}

	@Test
	void usesTheDocumentedDefaultsAndSearchesTheKeywordsOfTheOrganization() {
		this.runner.withPropertyValues(ENABLED).run((context) -> {
			assertThat(context).doesNotHaveBean(DisabledSource.class);
			RedditProperties properties = context.getBean(RedditProperties.class);
			assertThat(properties.instanceId()).isEqualTo("reddit:search");
			assertThat(properties.baseUrl()).isEqualTo(URI.create("https://oauth.reddit.com"));
			assertThat(properties.authUrl()).isEqualTo(URI.create("https://www.reddit.com"));
			assertThat(properties.pollInterval()).isEqualTo(Duration.ofMinutes(2));
			assertThat(properties.limit()).isEqualTo(100);
			assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.subreddits()).isEmpty();
			RedditSource source = context.getBean(RedditSource.class);
			assertThat(source.query()).isEqualTo("delay OR \"harbor city\" OR #hctransit");
			assertThat(source.listings()).containsExactly("search");
		});
	}

	@Test
	void readsTheConfiguredQueryAndSubredditsAndHidesTheCredentials() {
		this.runner.withPropertyValues(ENABLED)
			.withPropertyValues("grapevine.ingest.reddit.query=title:T5",
					"grapevine.ingest.reddit.subreddits=r/HarborCity,hctransit,/r/harborcity")
			.run((context) -> {
				RedditProperties properties = context.getBean(RedditProperties.class);
				assertThat(properties.toString()).doesNotContain("app-id", "app-s3cret");
				RedditSource source = context.getBean(RedditSource.class);
				assertThat(source.query()).isEqualTo("title:T5");
				assertThat(source.listings()).containsExactly("search", "r:HarborCity", "r:hctransit");
			});
	}

	@Test
	void refusesToStartWithAWrongSettingAndNamesIt() {
		assertStartupFails("grapevine.ingest.reddit.limit=0", "grapevine.ingest.reddit.limit");
		assertStartupFails("grapevine.ingest.reddit.limit=101", "grapevine.ingest.reddit.limit");
		assertStartupFails("grapevine.ingest.reddit.base-url=ftp://oauth.reddit.com",
				"grapevine.ingest.reddit.base-url");
		assertStartupFails("grapevine.ingest.reddit.auth-url=/api", "grapevine.ingest.reddit.auth-url");
		assertStartupFails("grapevine.ingest.reddit.poll-interval=0s", "grapevine.ingest.reddit.poll-interval");
		assertStartupFails("grapevine.ingest.reddit.request-timeout=-1s", "grapevine.ingest.reddit.request-timeout");
		assertStartupFails("grapevine.ingest.reddit.subreddits=harbor city", "grapevine.ingest.reddit.subreddits");
		assertStartupFails("grapevine.ingest.reddit.user-agent= ", "grapevine.ingest.reddit.user-agent");
		assertStartupFails("grapevine.ingest.reddit.client-secret=", "GRAPEVINE_INGEST_REDDIT_CLIENT_SECRET");
		assertStartupFails("grapevine.ingest.reddit.client-id=", "grapevine.ingest.reddit.client-id");
	}

	private void assertStartupFails(String setting, String named) {
		this.runner.withPropertyValues(ENABLED).withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).as(setting).contains(named);
		});
	}

	private static String messages(Throwable failure) {
		assertThat(failure).isNotNull();
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static Organization organization() {
		String yaml = """
				name: Test Transit
				departments:
				  - id: operations
				    name: Operations
				    topics:
				      - id: delays
				        name: Delays
				        keywords: [delay, "harbor city", "Delay", "#hctransit"]
				""";
		return OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
	}

}
