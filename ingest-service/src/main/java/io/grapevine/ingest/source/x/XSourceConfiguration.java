package io.grapevine.ingest.source.x;

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
 * Creates the X recent-search source when {@code grapevine.ingest.x.enabled} is true.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(XProperties.class)
class XSourceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(XSourceConfiguration.class);

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.x", name = "enabled", havingValue = "true")
	XRecentSearchSource xRecentSearchSource(XProperties properties, Organization organization,
			WebClient.Builder webClient, Clock clock) {
		XQuery query = (properties.query() != null && !properties.query().isBlank()) ? XQuery.of(properties.query())
				: XQuery.of(organization);
		if (!query.dropped().isEmpty()) {
			logger.warn(
					"Source {}: {} keywords do not fit in the {}-character query of the X basic tier and are not searched: {}",
					properties.instanceId(), query.dropped().size(), XQuery.MAX_LENGTH, query.dropped());
		}
		logger.info("Source {} searches X at {} with query {}", properties.instanceId(), properties.baseUrl(),
				query.text());
		return new XRecentSearchSource(properties, query, webClient, clock);
	}

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.x", name = "enabled", havingValue = "false",
			matchIfMissing = true)
	DisabledSource disabledXSource(XProperties properties) {
		return new DisabledSource(properties.instanceId());
	}

}
