package io.grapevine.ingest.source.mastodon;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the {@code mastodon-stream} source type.
 */
@Configuration(proxyBeanMethods = false)
class MastodonStreamSourceConfiguration {

	@Bean
	MastodonStreamSourceFactory mastodonStreamSourceFactory() {
		return new MastodonStreamSourceFactory();
	}

}
