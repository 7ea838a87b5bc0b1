package io.grapevine.ingest.source.hackernews;

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

class HackerNewsSourceConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(HackerNewsSourceConfiguration.class)
		.withBean(Organization.class, HackerNewsSourceConfigurationTests::organization)
		.withBean(WebClient.Builder.class, WebClient::builder)
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void isListedAsDisabledUnlessEnabled() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(Source.class);
			assertThat(context.getBean(DisabledSource.class).instanceId()).isEqualTo("hackernews:search");
		});
	}

	@Test
	void usesTheDocumentedDefaults() {
		this.runner.withPropertyValues("grapevine.ingest.hackernews.enabled=true").run((context) -> {
			assertThat(context).doesNotHaveBean(DisabledSource.class);
			HackerNewsProperties properties = context.getBean(HackerNewsProperties.class);
			assertThat(properties.instanceId()).isEqualTo("hackernews:search");
			assertThat(properties.baseUrl()).isEqualTo(URI.create("https://hn.algolia.com"));
			assertThat(properties.pollInterval()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.hitsPerPage()).isEqualTo(100);
			assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
			HackerNewsSearchSource source = context.getBean(HackerNewsSearchSource.class);
			assertThat(source.instanceId()).isEqualTo("hackernews:search");
			assertThat(source.query()).isEqualTo("delay \"harbor city careers\"");
		});
	}

	@Test
	void usesAConfiguredQueryInsteadOfTheKeywords() {
		this.runner
			.withPropertyValues("grapevine.ingest.hackernews.enabled=true",
					"grapevine.ingest.hackernews.query=hctransit")
			.run((context) -> assertThat(context.getBean(HackerNewsSearchSource.class).query()).isEqualTo("hctransit"));
	}

	@Test
	void refusesToStartWithAWrongSettingAndNamesIt() {
		assertStartupFails("grapevine.ingest.hackernews.hits-per-page=0", "grapevine.ingest.hackernews.hits-per-page");
		assertStartupFails("grapevine.ingest.hackernews.hits-per-page=1001",
				"grapevine.ingest.hackernews.hits-per-page");
		assertStartupFails("grapevine.ingest.hackernews.base-url=ftp://hn.example",
				"grapevine.ingest.hackernews.base-url");
		assertStartupFails("grapevine.ingest.hackernews.poll-interval=0s", "grapevine.ingest.hackernews.poll-interval");
		assertStartupFails("grapevine.ingest.hackernews.request-timeout=-1s",
				"grapevine.ingest.hackernews.request-timeout");
		assertStartupFails("grapevine.ingest.hackernews.query=" + "x".repeat(513), "grapevine.ingest.hackernews.query");
	}

	private void assertStartupFails(String setting, String named) {
		this.runner.withPropertyValues("grapevine.ingest.hackernews.enabled=true", setting).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages.toString()).as(setting).contains(named);
		});
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
				        keywords: [delay, harbor city careers]
				""";
		return OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
	}

}
