package io.grapevine.ingest.source.mastodon;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.grapevine.ingest.source.DisabledSource;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates the Mastodon source when {@code grapevine.ingest.mastodon.enabled} is true.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MastodonProperties.class)
class MastodonSourceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(MastodonSourceConfiguration.class);

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.mastodon", name = "enabled", havingValue = "true")
	MastodonTagTimelineSource mastodonTagTimelineSource(MastodonProperties properties, Organization organization,
			WebClient.Builder webClient, Clock clock) {
		List<String> hashtags = properties.hashtags().isEmpty() ? hashtags(properties, organization)
				: properties.hashtags();
		if (hashtags.isEmpty()) {
			throw new IllegalStateException("grapevine.ingest.mastodon.enabled is true but there is no hashtag to "
					+ "follow: give the organization's topics keywords that start with # or set "
					+ "grapevine.ingest.mastodon.hashtags");
		}
		logger.info("Source {} polls the hashtag timelines of {} for {}", properties.instanceId(), properties.baseUrl(),
				hashtags);
		return new MastodonTagTimelineSource(properties, hashtags, webClient, clock);
	}

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.mastodon", name = "enabled", havingValue = "false",
			matchIfMissing = true)
	DisabledSource disabledMastodonSource(MastodonProperties properties) {
		return new DisabledSource(properties.instanceId());
	}

	private static List<String> hashtags(MastodonProperties properties, Organization organization) {
		List<String> hashtags = new ArrayList<>();
		for (Topic topic : organization.topics()) {
			for (String keyword : topic.keywords()) {
				if (!keyword.strip().startsWith("#")) {
					continue;
				}
				String name = MastodonProperties.hashtagName(keyword);
				if (name == null) {
					logger.warn("Source {}: keyword '{}' of topic {} is not a hashtag Mastodon can follow; skipped",
							properties.instanceId(), keyword, topic.id());
				}
				else if (hashtags.stream().noneMatch(name::equalsIgnoreCase)) {
					hashtags.add(name);
				}
			}
		}
		return hashtags;
	}

}
