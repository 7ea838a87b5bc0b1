package io.grapevine.ingest.source.xv1;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the factory of {@code x-v1} source instances.
 */
@Configuration(proxyBeanMethods = false)
class XV1SourceConfiguration {

	@Bean
	XV1SourceFactory xV1SourceFactory() {
		return new XV1SourceFactory();
	}

}
