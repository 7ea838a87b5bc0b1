package io.grapevine.search;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.grapevine.security.EnableGrapevineSecurity;

/**
 * The search service: indexes mentions from Kafka into Elasticsearch and serves search,
 * analytics and the dashboard.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableGrapevineSecurity
public class SearchServiceApplication {

	/** Name of the service's configuration file, {@code search-service.yml}. */
	public static final String CONFIG_NAME = "search-service";

	/**
	 * A builder for the service that reads {@code search-service.yml}, so it can run
	 * beside the other services in one JVM.
	 * @return the application builder
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(SearchServiceApplication.class)
			.properties("spring.config.name=" + CONFIG_NAME);
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
