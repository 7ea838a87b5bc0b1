package io.grapevine.localstack;

import java.net.URI;

/**
 * Where a running Kafka broker and Elasticsearch node can be reached, whoever started
 * them.
 */
public interface RunningStack {

	/**
	 * Return the Kafka bootstrap servers, such as {@code 127.0.0.1:9092}.
	 * @return the bootstrap servers
	 */
	String kafkaBootstrapServers();

	/**
	 * Return the base URI of the Elasticsearch HTTP API, such as
	 * {@code http://127.0.0.1:9200}.
	 * @return the Elasticsearch URI
	 */
	URI elasticsearchUri();

}
