package io.grapevine.ingest.source.bluesky;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.listening.organization.SourceDeclaration;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BlueskySourceFactoryTests {

	private final MockEnvironment environment = new MockEnvironment().withProperty("BLUESKY_APP_PASSWORD",
			"abcd-efgh-ijkl-mnop");

	private final BlueskySourceFactory factory = new BlueskySourceFactory();

	@Test
	void searchesOneQueryPerTopicKeywordWithTheDocumentedDefaults() {
		Source source = create(
				Map.of("identifier", "listening.harbor.example", "app-password", "${BLUESKY_APP_PASSWORD}"));

		assertThat(this.factory.type()).isEqualTo("bluesky");
		assertThat(source.instanceId()).isEqualTo("bluesky:harbor");
		assertThat(source.pollInterval()).isEqualTo(Duration.ofMinutes(2));
		assertThat(((BlueskySearchSource) source).queries()).containsExactly("delay", "delayed", "retraso", "driver",
				"drivers", "hiring", "\"harbor city careers\"");
		BlueskySearchSettings settings = settings(Map.of("identifier", "a.example")).bind(BlueskySearchSettings.class);
		assertThat(settings.serviceUrl()).hasToString("https://bsky.social");
		assertThat(settings.limit()).isEqualTo(100);
	}

	@Test
	void searchesTheConfiguredQueriesInsteadWhenThereAreSome() {
		Source source = create(
				Map.of("identifier", "listening.harbor.example", "app-password", "${BLUESKY_APP_PASSWORD}", "queries",
						List.of("harbor transit", "#hctransit", "Harbor Transit"), "poll-interval", "5m"));

		assertThat(((BlueskySearchSource) source).queries()).containsExactly("harbor transit", "#hctransit");
		assertThat(source.pollInterval()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void refusesToStartWithoutAnAppPasswordNamingTheSetting() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("identifier", "listening.harbor.example")))
			.withMessageContaining("sources[bluesky:harbor].settings.app-password is not set");
	}

	@Test
	void refusesAnAppPasswordWrittenIntoTheOrganizationFileWithoutRepeatingIt() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class).isThrownBy(
				() -> create(Map.of("identifier", "listening.harbor.example", "app-password", "wxyz-wxyz-wxyz-wxyz")))
			.withMessageContaining("sources[bluesky:harbor].settings.app-password holds a literal value")
			.withMessageNotContaining("wxyz-wxyz-wxyz-wxyz");
	}

	@Test
	void namesTheVariableWhenTheAppPasswordRefersToOneThatIsNotSet() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(
					Map.of("identifier", "listening.harbor.example", "app-password", "${BLUESKY_OTHER_PASSWORD}")))
			.withMessageContaining("BLUESKY_OTHER_PASSWORD, which is not set");
	}

	@Test
	void refusesToStartWithoutAnIdentifierOrWithWrongValuesNamingEachSetting() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("app-password", "${BLUESKY_APP_PASSWORD}")))
			.withMessageContaining("sources[bluesky:harbor].settings.identifier");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(
					Map.of("identifier", "a.example", "app-password", "${BLUESKY_APP_PASSWORD}", "limit", "500")))
			.withMessageContaining("sources[bluesky:harbor].settings.limit")
			.withMessageContaining("100");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(Map.of("identifier", "a.example", "app-password", "${BLUESKY_APP_PASSWORD}",
					"service-url", "bsky.social")))
			.withMessageContaining("sources[bluesky:harbor]")
			.withMessageContaining("service-url must be an absolute http(s) URL");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(
					Map.of("identifier", "a.example", "app-password", "${BLUESKY_APP_PASSWORD}", "query", "transit")))
			.withMessageContaining("sources[bluesky:harbor].settings.query is not a setting of a bluesky source");
	}

	@Test
	void refusesToStartWithNothingToSearchFor() {
		Organization noKeywords = new Organization("Quiet", List.of());

		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> this.factory.create(
					settings(Map.of("identifier", "a.example", "app-password", "${BLUESKY_APP_PASSWORD}")),
					new SourceContext(noKeywords, WebClient.builder(), Clock.systemUTC())))
			.withMessageContaining("sources[bluesky:harbor].settings.queries is empty");
	}

	private Source create(Map<String, Object> values) {
		return this.factory.create(settings(values), new SourceContext(organization(), WebClient.builder(),
				Clock.fixed(Instant.parse("2026-11-21T22:30:00Z"), ZoneOffset.UTC)));
	}

	private SourceSettings settings(Map<String, Object> values) {
		return new SourceSettings(new SourceDeclaration("harbor", "bluesky", true, new LinkedHashMap<>(values)),
				this.environment);
	}

	static Organization organization() {
		try (InputStream in = BlueskySourceFactoryTests.class.getResourceAsStream("/organization.yml")) {
			return OrganizationFile.read(in, "organization.yml");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
