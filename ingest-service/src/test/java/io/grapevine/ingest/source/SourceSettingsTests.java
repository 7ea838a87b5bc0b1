package io.grapevine.ingest.source;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import io.grapevine.listening.organization.SourceDeclaration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SourceSettingsTests {

	private final MockEnvironment environment = new MockEnvironment().withProperty("FEED_TOKEN", "s3cret");

	@Test
	void settingsBindToTheTypesRecordWithDefaultsDurationsAndLists() {
		Example example = settings(Map.of("base-url", "https://news.example/feed", "poll-interval", "5m", "hashtags",
				List.of("transit", "trams")))
			.bind(Example.class);
		assertThat(example.baseUrl()).isEqualTo(URI.create("https://news.example/feed"));
		assertThat(example.pollInterval()).isEqualTo(Duration.ofMinutes(5));
		assertThat(example.hashtags()).containsExactly("transit", "trams");
		assertThat(example.pageSize()).isEqualTo(50);
	}

	@Test
	void aMisspelledSettingIsNamedWithTheKnownOnes() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(
					() -> settings(Map.of("base-url", "https://a.example", "pol-interval", "5m")).bind(Example.class))
			.withMessageContaining("sources[example:city].settings.pol-interval is not a setting of a example source")
			.withMessageContaining("poll-interval");
	}

	@Test
	void aMissingRequiredSettingIsNamed() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> settings(Map.of("poll-interval", "5m")).bind(Example.class))
			.withMessageContaining("sources[example:city].settings.base-url");
	}

	@Test
	void aValueOutOfRangeIsNamedWithTheRule() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> settings(Map.of("base-url", "https://a.example", "page-size", "500")).bind(Example.class))
			.withMessageContaining("sources[example:city].settings.page-size")
			.withMessageContaining("100");
	}

	@Test
	void aValueThatDoesNotConvertIsNamed() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class).isThrownBy(
				() -> settings(Map.of("base-url", "https://a.example", "poll-interval", "often")).bind(Example.class))
			.withMessageContaining("sources[example:city].settings.poll-interval");
	}

	@Test
	void aRecordsOwnCheckIsReportedForTheInstance() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> settings(Map.of("base-url", "ftp://a.example")).bind(Example.class))
			.withMessageContaining("sources[example:city]")
			.withMessageContaining("base-url must be an http(s) URL");
	}

	@Test
	void credentialsComeFromTheEnvironmentThroughReferences() {
		SourceSettings settings = settings(Map.of("base-url", "https://a.example", "token", "${FEED_TOKEN}"));
		assertThat(settings.requireEnvironmentReference("token")).isEqualTo("s3cret");
		assertThat(settings.bind(Example.class).token()).isEqualTo("s3cret");
	}

	@Test
	void aLiteralCredentialIsRefusedWithoutEchoingIt() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> settings(Map.of("token", "hunter2")).requireEnvironmentReference("token"))
			.withMessageContaining("sources[example:city].settings.token holds a literal value")
			.withMessageNotContaining("hunter2");
	}

	@Test
	void aReferenceToAnUnsetVariableNamesTheVariable() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> settings(Map.of("token", "${MISSING_TOKEN}")).requireEnvironmentReference("token"))
			.withMessageContaining("MISSING_TOKEN, which is not set");
	}

	private SourceSettings settings(Map<String, Object> values) {
		return new SourceSettings(new SourceDeclaration("city", "example", true, new LinkedHashMap<>(values)),
				this.environment);
	}

	record Example(@NotNull URI baseUrl, @DefaultValue("1m") Duration pollInterval, List<String> hashtags,
			@Max(100) @DefaultValue("50") int pageSize, String token) {

		Example {
			if (baseUrl != null && !baseUrl.getScheme().startsWith("http")) {
				throw new IllegalArgumentException("base-url must be an http(s) URL, was " + baseUrl);
			}
		}

	}

}
