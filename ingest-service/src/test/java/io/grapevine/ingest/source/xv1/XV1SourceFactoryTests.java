package io.grapevine.ingest.source.xv1;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grapevine.ingest.source.InvalidSourceSettingsException;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.ingest.source.TopicQueries;
import io.grapevine.listening.organization.SourceDeclaration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class XV1SourceFactoryTests {

	private final XV1SourceFactory factory = new XV1SourceFactory();

	private final MockEnvironment environment = new MockEnvironment().withProperty("X_CONSUMER_KEY", "ck")
		.withProperty("X_CONSUMER_SECRET", "cs")
		.withProperty("X_ACCESS_TOKEN", "at")
		.withProperty("X_ACCESS_TOKEN_SECRET", "ats");

	@Test
	void isTheFactoryOfTheXV1TypeAndABean() {
		assertThat(this.factory.type()).isEqualTo("x-v1");
		new ApplicationContextRunner().withUserConfiguration(XV1SourceConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(XV1SourceFactory.class));
	}

	@Test
	void takesSearchesAndTimelinesWithTheirDefaults() {
		XV1Source source = create(settings(
				Map.of("searches", List.of(" harbor city "), "timelines", List.of("@hctransit", "rider_amy"))));

		assertThat(source.instanceId()).isEqualTo("x-v1:comms");
		assertThat(source.targets()).containsExactly("search:harbor city", "timeline:hctransit", "timeline:rider_amy");
		assertThat(source.pollInterval()).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void refusesALiteralCredentialWithoutEchoingIt() {
		Map<String, Object> values = settings(Map.of("searches", List.of("trams")));
		values.put("consumer-secret", "kq6fT1u0HhTnE8s3Yd9w");

		assertThatExceptionOfType(InvalidSourceSettingsException.class).isThrownBy(() -> create(values))
			.withMessageContaining("sources[x-v1:comms].settings.consumer-secret holds a literal value")
			.withMessageNotContaining("kq6fT1u0HhTnE8s3Yd9w");
	}

	@Test
	void refusesAMissingCredentialOrOneWhoseVariableIsNotSet() {
		Map<String, Object> missing = settings(Map.of("searches", List.of("trams")));
		missing.remove("access-token");
		Map<String, Object> unset = settings(Map.of("searches", List.of("trams")));
		unset.put("access-token-secret", "${X_UNSET_SECRET}");

		assertThatExceptionOfType(InvalidSourceSettingsException.class).isThrownBy(() -> create(missing))
			.withMessageContaining("sources[x-v1:comms].settings.access-token is not set");
		assertThatExceptionOfType(InvalidSourceSettingsException.class).isThrownBy(() -> create(unset))
			.withMessageContaining("sources[x-v1:comms].settings.access-token-secret refers to the environment "
					+ "variable X_UNSET_SECRET, which is not set");
	}

	@Test
	void searchesTheTopicsQueryWhenNoSearchIsSet() {
		XV1Source source = create(settings(Map.of("timelines", List.of("hctransit"))));

		assertThat(source.targets()).containsExactly(
				"search:(((bus OR tram) -strike) OR \"harbor city\" OR fares) -filter:retweets", "timeline:hctransit");
	}

	@Test
	void refusesAnInstanceWithNothingToReadOrAScreenNameThatIsNotOne() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(settings(Map.of("topic-searches", "false"))))
			.withMessageContaining("sources[x-v1:comms]")
			.withMessageContaining("neither searches nor timelines is set and topic-searches is false");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(settings(Map.of("timelines", List.of("harbor city transit")))))
			.withMessageContaining("timelines must be screen names")
			.withMessageContaining("harbor city transit");
	}

	@Test
	void refusesACountOutOfRangeAndABaseUrlThatIsNotHttp() {
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(settings(Map.of("searches", List.of("trams"), "count", "500"))))
			.withMessageContaining("sources[x-v1:comms].settings.count");
		assertThatExceptionOfType(InvalidSourceSettingsException.class)
			.isThrownBy(() -> create(settings(Map.of("searches", List.of("trams"), "base-url", "api.twitter.com"))))
			.withMessageContaining("base-url must be an absolute http(s) URL");
	}

	private XV1Source create(Map<String, Object> values) {
		SourceSettings settings = new SourceSettings(new SourceDeclaration("comms", "x-v1", true, values),
				this.environment);
		return (XV1Source) this.factory.create(settings,
				new SourceContext(
						TopicQueries.organization("query: '(bus OR tram) -strike'", "keywords: [harbor city, fares]"),
						WebClient.builder(), Clock.systemUTC()));
	}

	private static Map<String, Object> settings(Map<String, Object> extra) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("consumer-key", "${X_CONSUMER_KEY}");
		values.put("consumer-secret", "${X_CONSUMER_SECRET}");
		values.put("access-token", "${X_ACCESS_TOKEN}");
		values.put("access-token-secret", "${X_ACCESS_TOKEN_SECRET}");
		values.putAll(extra);
		return values;
	}

}
