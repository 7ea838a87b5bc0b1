package io.grapevine.ingest.source.mastodon;

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

class MastodonSourceConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(MastodonSourceConfiguration.class)
		.withBean(Organization.class, MastodonSourceConfigurationTests::organization)
		.withBean(WebClient.Builder.class, WebClient::builder)
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void isListedAsDisabledUnlessEnabled() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(Source.class);
			assertThat(context.getBean(DisabledSource.class).instanceId()).isEqualTo("mastodon:search");
		});
		this.runner.withPropertyValues("grapevine.ingest.mastodon.base-url=https://mastodon.social")
			.run((context) -> assertThat(context.getBean(DisabledSource.class).instanceId())
				.isEqualTo("mastodon:mastodon.social"));
	}

	@Test
	void usesTheDocumentedDefaultsAndFollowsTheHashtagKeywordsOfTheOrganization() {
		this.runner
			.withPropertyValues("grapevine.ingest.mastodon.enabled=true",
					"grapevine.ingest.mastodon.base-url=https://Mastodon.Social")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DisabledSource.class);
				MastodonProperties properties = context.getBean(MastodonProperties.class);
				assertThat(properties.instanceId()).isEqualTo("mastodon:mastodon.social");
				assertThat(properties.accessToken()).isNull();
				assertThat(properties.pollInterval()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.limit()).isEqualTo(40);
				assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.baseUrl()).isEqualTo(URI.create("https://Mastodon.Social"));
				MastodonTagTimelineSource source = context.getBean(MastodonTagTimelineSource.class);
				assertThat(source.instanceId()).isEqualTo("mastodon:mastodon.social");
				assertThat(source.hashtags()).containsExactly("hctransit", "HarborCity", "ÖPNV");
			});
	}

	@Test
	void followsConfiguredHashtagsInsteadOfTheKeywordsAndHidesTheToken() {
		this.runner
			.withPropertyValues("grapevine.ingest.mastodon.enabled=true",
					"grapevine.ingest.mastodon.base-url=https://mastodon.social",
					"grapevine.ingest.mastodon.instance-id=mastodon:ours",
					"grapevine.ingest.mastodon.hashtags=#Transit,buses,transit",
					"grapevine.ingest.mastodon.access-token=s3cret")
			.run((context) -> {
				MastodonProperties properties = context.getBean(MastodonProperties.class);
				assertThat(properties.toString()).doesNotContain("s3cret");
				MastodonTagTimelineSource source = context.getBean(MastodonTagTimelineSource.class);
				assertThat(source.instanceId()).isEqualTo("mastodon:ours");
				assertThat(source.hashtags()).containsExactly("Transit", "buses");
			});
	}

	@Test
	void refusesToStartWithAWrongSettingAndNamesIt() {
		assertStartupFails("grapevine.ingest.mastodon.limit=0", "grapevine.ingest.mastodon.limit");
		assertStartupFails("grapevine.ingest.mastodon.limit=41", "grapevine.ingest.mastodon.limit");
		assertStartupFails("grapevine.ingest.mastodon.base-url=ftp://mastodon.example",
				"grapevine.ingest.mastodon.base-url");
		assertStartupFails("grapevine.ingest.mastodon.poll-interval=0s", "grapevine.ingest.mastodon.poll-interval");
		assertStartupFails("grapevine.ingest.mastodon.request-timeout=-1s",
				"grapevine.ingest.mastodon.request-timeout");
		assertStartupFails("grapevine.ingest.mastodon.hashtags=harbor city", "grapevine.ingest.mastodon.hashtags");
	}

	@Test
	void refusesToStartWithoutABaseUrlAndNamesIt() {
		this.runner.withPropertyValues("grapevine.ingest.mastodon.enabled=true")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("grapevine.ingest.mastodon.base-url"));
	}

	@Test
	void refusesToStartWithoutAnyHashtagToFollowAndNamesTheSetting() {
		new ApplicationContextRunner().withUserConfiguration(MastodonSourceConfiguration.class)
			.withBean(Organization.class, () -> organization("[delay, harbor city careers]"))
			.withBean(WebClient.Builder.class, WebClient::builder)
			.withBean(Clock.class, Clock::systemUTC)
			.withPropertyValues("grapevine.ingest.mastodon.enabled=true",
					"grapevine.ingest.mastodon.base-url=https://mastodon.social")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("grapevine.ingest.mastodon.hashtags"));
	}

	private void assertStartupFails(String setting, String named) {
		this.runner
			.withPropertyValues("grapevine.ingest.mastodon.enabled=true",
					"grapevine.ingest.mastodon.base-url=https://mastodon.social", setting)
			.run((context) -> {
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
		return organization("[delay, \"#hctransit\", \"#HarborCity\", \"#harbor city\", \"#hctransit\", \"#ÖPNV\"]");
	}

	private static Organization organization(String keywords) {
		String yaml = """
				name: Test Transit
				departments:
				  - id: operations
				    name: Operations
				    topics:
				      - id: delays
				        name: Delays
				        keywords: %s
				""".formatted(keywords);
		return OrganizationFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
	}

}
