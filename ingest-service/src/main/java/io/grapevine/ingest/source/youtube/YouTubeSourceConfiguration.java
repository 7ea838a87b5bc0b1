package io.grapevine.ingest.source.youtube;

import java.time.Clock;

import io.grapevine.ingest.source.DisabledSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates the YouTube comments source when {@code grapevine.ingest.youtube.enabled} is
 * true.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(YouTubeProperties.class)
class YouTubeSourceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(YouTubeSourceConfiguration.class);

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.youtube", name = "enabled", havingValue = "true")
	YouTubeCommentsSource youTubeCommentsSource(YouTubeProperties properties, WebClient.Builder webClient,
			Clock clock) {
		logger.info("Source {} reads YouTube comments at {} for channels {} and videos {}", properties.instanceId(),
				properties.baseUrl(), properties.channelIds(), properties.videoIds());
		return new YouTubeCommentsSource(properties, webClient, clock);
	}

	@Bean
	@ConditionalOnProperty(prefix = "grapevine.ingest.youtube", name = "enabled", havingValue = "false",
			matchIfMissing = true)
	DisabledSource disabledYouTubeSource(YouTubeProperties properties) {
		return new DisabledSource(properties.instanceId());
	}

}
