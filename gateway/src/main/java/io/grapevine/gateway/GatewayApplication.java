package io.grapevine.gateway;

import io.grapevine.security.EnableGrapevineSecurity;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The gateway: people open its one address and sign in there once; it passes each request
 * on to the service that answers it, with who they are.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableGrapevineSecurity
public class GatewayApplication {

	/** The name of the gateway's configuration file, {@code gateway.yml}. */
	public static final String CONFIG_NAME = "gateway";

	/** The port people open unless told otherwise. */
	public static final int DEFAULT_PORT = 8000;

	/**
	 * A builder for the gateway that reads {@code gateway.yml}, so it can run beside the
	 * services in one JVM.
	 * @return the application builder
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=" + CONFIG_NAME);
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
