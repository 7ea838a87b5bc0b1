package io.grapevine.search.mentions.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ExportPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@Test
	void anExportHoldsAHundredThousandMentionsUnlessConfigured() {
		this.context.run((context) -> assertThat(context.getBean(ExportProperties.class).maxRows()).isEqualTo(100_000));
		this.context.withPropertyValues("grapevine.search.export.max-rows=250")
			.run((context) -> assertThat(context.getBean(ExportProperties.class).maxRows()).isEqualTo(250));
	}

	@Test
	void aLimitBelowOneStopsStartUpNamingTheSetting() {
		this.context.withPropertyValues("grapevine.search.export.max-rows=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("\"grapevine.search.export.max-rows\"")
				.hasMessageContaining("must be greater than or equal to 1");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ExportProperties.class)
	static class Properties {

	}

}
