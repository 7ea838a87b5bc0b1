package io.grapevine.ingest.source.rss;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the factory of {@code rss} source instances.
 */
@Configuration(proxyBeanMethods = false)
class RssSourceConfiguration {

	@Bean
	RssSourceFactory rssSourceFactory() {
		return new RssSourceFactory();
	}

}
