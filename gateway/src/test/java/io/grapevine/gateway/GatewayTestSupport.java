package io.grapevine.gateway;

/**
 * What the gateway's tests share: the services behind it are on the tests' class path
 * (some tests start them), so the gateway's own context leaves their auto-configuration
 * out, as the gateway's packaged class path has none of it.
 */
final class GatewayTestSupport {

	/**
	 * The services' auto-configuration that would otherwise start in the gateway: Kafka,
	 * and the Elasticsearch client, with which the gateway would keep API tokens of its
	 * own instead of asking search-service.
	 */
	static final String SERVICES_AUTO_CONFIGURATION = "io.grapevine.kafka.GrapevineKafkaAutoConfiguration,"
			+ "org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration";

	/** The property that leaves it out. */
	static final String WITHOUT_THE_SERVICES_AUTO_CONFIGURATION = "spring.autoconfigure.exclude="
			+ SERVICES_AUTO_CONFIGURATION;

	private GatewayTestSupport() {
	}

}
