package io.grapevine.digest;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class DigestPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@Test
	void aCheckComposesFourDepartmentsDigestsAtOnceUnlessConfigured() {
		this.context.run(
				(context) -> assertThat(context.getBean(DigestProperties.class).schedule().concurrency()).isEqualTo(4));
		this.context.withPropertyValues("grapevine.digest.schedule.concurrency=12")
			.run((context) -> assertThat(context.getBean(DigestProperties.class).schedule().concurrency())
				.isEqualTo(12));
	}

	@Test
	void aConcurrencyOutsideOneToSixtyFourStopsStartUpNamingTheSetting() {
		for (String value : new String[] { "0", "-2", "65" }) {
			this.context.withPropertyValues("grapevine.digest.schedule.concurrency=" + value).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("grapevine.digest.schedule.concurrency must be between 1 and 64")
					.hasMessageContaining("was " + value);
			});
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DigestProperties.class)
	static class Properties {

	}

}
