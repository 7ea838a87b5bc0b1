package io.grapevine.search;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.transport.ElasticsearchTransport;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Offers the non-blocking Elasticsearch client on the transport Spring Boot configures
 * from {@code spring.elasticsearch.*}.
 */
@Configuration(proxyBeanMethods = false)
class ElasticsearchConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ElasticsearchAsyncClient elasticsearchAsyncClient(ElasticsearchTransport transport) {
		return new ElasticsearchAsyncClient(transport);
	}

}
