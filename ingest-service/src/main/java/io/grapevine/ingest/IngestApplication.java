package io.grapevine.ingest;

import java.time.Clock;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.security.AccessRules;
import io.grapevine.security.EnableGrapevineSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

/**
 * The ingest service: pulls mentions from the enabled sources and publishes them to
 * Kafka. Its API and metrics are behind the same sign-in as the other services; the
 * webhooks answer to their HMAC signature instead.
 */
@SpringBootApplication
@EnableConfigurationProperties(OrganizationProperties.class)
@EnableGrapevineSecurity
public class IngestApplication {

	/** The name of this service's configuration file, {@code ingest-service.yml}. */
	public static final String CONFIG_NAME = "ingest-service";

	/** The port the service listens on unless {@code server.port} says otherwise. */
	public static final int DEFAULT_PORT = 8081;

	private static final Logger logger = LoggerFactory.getLogger(IngestApplication.class);

	/**
	 * A builder for the service with its own configuration file name, so it can run
	 * beside the other services in one JVM.
	 * @return the application builder
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(IngestApplication.class).properties("spring.config.name=" + CONFIG_NAME,
				"server.port=" + DEFAULT_PORT);
	}

	public static void main(String[] args) {
		application().run(args);
	}

	@Bean
	Organization organization(OrganizationProperties properties) {
		Organization organization = OrganizationFile.read(properties.organizationFile());
		logger.info("Listening for {} topics of {} from {}", organization.topics().size(), organization.name(),
				properties.organizationFile().toAbsolutePath());
		return organization;
	}

	// A webhook's sender has no user: each call is signed with the webhook's secret.
	@Bean
	AccessRules webhooksSignedNotSignedIn() {
		return (exchanges) -> exchanges.pathMatchers(HttpMethod.POST, "/api/ingest/*").permitAll();
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
