package io.grapevine.ingest.source.reddit;

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
 * Creates the Reddit source when {@code grapevine.ingest.reddit.enabled} is true.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedditProperties.class)
class RedditSourceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RedditSourceConfiguration.class);

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.reddit", name = "enabled", havingValue = "true")
	RedditSource redditSource(RedditProperties properties, Organization organization, WebClient.Builder webClient,
			Clock clock) {
		RedditQuery query = (properties.query() != null) ? RedditQuery.of(properties.query())
				: RedditQuery.of(organization);
		if (query.text().length() > RedditQuery.MAX_LENGTH) {
			throw new IllegalStateException("grapevine.ingest.reddit.query is " + query.text().length()
					+ " characters long; Reddit's search takes at most " + RedditQuery.MAX_LENGTH);
		}
		if (!query.dropped().isEmpty()) {
			logger.warn("Source {}: {} keywords do not fit in Reddit's {}-character query and are not searched: {}",
					properties.instanceId(), query.dropped().size(), RedditQuery.MAX_LENGTH, query.dropped());
		}
		if (query.text().isBlank() && properties.subreddits().isEmpty()) {
			throw new IllegalStateException("grapevine.ingest.reddit.enabled is true but there is nothing to read: "
					+ "give the organization's topics keywords, or set grapevine.ingest.reddit.query or "
					+ "grapevine.ingest.reddit.subreddits");
		}
		logger.info("Source {} reads Reddit at {} with query '{}' and subreddits {}", properties.instanceId(),
				properties.baseUrl(), query.text(), properties.subreddits());
		return new RedditSource(properties, query, webClient, clock);
	}

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.reddit", name = "enabled", havingValue = "false",
			matchIfMissing = true)
	DisabledSource disabledRedditSource(RedditProperties properties) {
		return new DisabledSource(properties.instanceId());
	}

}
