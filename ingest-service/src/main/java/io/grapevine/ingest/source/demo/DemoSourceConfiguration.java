package io.grapevine.ingest.source.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import io.grapevine.ingest.source.DisabledSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the demo source when {@code grapevine.ingest.demo.enabled} is true.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoProperties.class)
class DemoSourceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DemoSourceConfiguration.class);

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.demo", name = "enabled", havingValue = "true")
	DemoSource demoSource(DemoProperties properties, Clock clock) throws IOException {
		if (!properties.sample().exists()) {
			throw new IllegalStateException("grapevine.ingest.demo.sample: " + properties.sample().getDescription()
					+ " does not exist; point it at a file with one Mention JSON per line");
		}
		List<String> lines;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(properties.sample().getInputStream(), StandardCharsets.UTF_8))) {
			lines = reader.lines().toList();
		}
		DemoSource source = new DemoSource(properties.instanceId(), lines, properties.pageSize(),
				properties.trickleInterval(), clock);
		logger.info("Source {} replays {} sample lines from {}", properties.instanceId(), source.size(),
				properties.sample().getDescription());
		return source;
	}

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.demo", name = "enabled", havingValue = "false",
			matchIfMissing = true)
	DisabledSource disabledDemoSource(DemoProperties properties) {
		return new DisabledSource(properties.instanceId());
	}

}
