package io.grapevine.digest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.grapevine.security.EnableGrapevineSecurity;

/**
 * The digest service: sends each department its daily listening digest and keeps the
 * archive of sent digests.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableGrapevineSecurity
public class DigestApplication {

	/** The name of the service's configuration file, {@code digest-service.yml}. */
	public static final String CONFIG_NAME = "digest-service";

	/** The port the service listens on unless told otherwise. */
	public static final int DEFAULT_PORT = 8082;

	/**
	 * A builder for the service that reads {@code digest-service.yml}, so it can run
	 * beside the other services in one JVM.
	 * @return the application builder
	 */
	public static SpringApplicationBuilder application() {
		// Defaults rather than entries of digest-service.yml, so that what an embedding
		// application passes to properties(...) wins over them.
		return new SpringApplicationBuilder(DigestApplication.class).properties("spring.config.name=" + CONFIG_NAME,
				"server.port=" + DEFAULT_PORT,
				"spring.elasticsearch.uris=${GRAPEVINE_ELASTICSEARCH_URI:http://127.0.0.1:9200}",
				"spring.mail.host=${GRAPEVINE_SMTP_HOST:127.0.0.1}", "spring.mail.port=${GRAPEVINE_SMTP_PORT:3025}",
				"spring.mail.username=${GRAPEVINE_SMTP_USERNAME:}", "spring.mail.password=${GRAPEVINE_SMTP_PASSWORD:}");
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
