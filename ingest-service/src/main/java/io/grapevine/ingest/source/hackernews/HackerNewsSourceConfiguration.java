package io.grapevine.ingest.source.hackernews;

import java.time.Clock;

import io.grapevine.ingest.source.DisabledSource;
import io.grapevine.listening.organization.Organization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates the Hacker News source when {@code grapevine.ingest.hackernews.enabled} is
 * true.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HackerNewsProperties.class)
class HackerNewsSourceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(HackerNewsSourceConfiguration.class);

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.hackernews", name = "enabled", havingValue = "true")
	HackerNewsSearchSource hackerNewsSearchSource(HackerNewsProperties properties, Organization organization,
			WebClient.Builder webClient, Clock clock) {
		HackerNewsQuery query = (properties.query() != null && !properties.query().isBlank())
				? HackerNewsQuery.of(properties.query()) : HackerNewsQuery.of(organization);
		if (query.text().isBlank()) {
			throw new IllegalStateException("grapevine.ingest.hackernews.enabled is true but there is nothing to "
					+ "search for: give the organization's topics keywords or set grapevine.ingest.hackernews.query");
		}
		if (!query.dropped().isEmpty()) {
			logger.warn(
					"Source {}: {} keywords do not fit in the {}-character query of HN Search and are not searched: {}",
					properties.instanceId(), query.dropped().size(), HackerNewsQuery.MAX_LENGTH, query.dropped());
		}
		logger.info("Source {} searches Hacker News at {} with query {}", properties.instanceId(), properties.baseUrl(),
				query.text());
		return new HackerNewsSearchSource(properties, query, webClient, clock);
	}

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.hackernews", name = "enabled", havingValue = "false",
			matchIfMissing = true)
	DisabledSource disabledHackerNewsSource(HackerNewsProperties properties) {
		return new DisabledSource(properties.instanceId());
	}

}
