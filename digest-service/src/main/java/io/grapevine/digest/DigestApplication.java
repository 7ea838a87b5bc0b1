package io.grapevine.digest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The digest service: sends each department its daily listening digest and keeps the
 * archive of sent digests.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DigestApplication {

	/** The name of the service's configuration file, {@code digest-service.yml}. */
	public static final String CONFIG_NAME = "digest-service";

	/**
	 * A builder for the service that reads {@code digest-service.yml}, so it can run
	 * beside the other services in one JVM.
	 * @return the application builder
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(DigestApplication.class).properties("spring.config.name=" + CONFIG_NAME);
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
