package io.grapevine.gateway;

import io.grapevine.security.AccessRules;
import io.grapevine.security.GrapevineSecurityProperties;
import io.grapevine.security.RelayTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Which service answers which path, and who the person is, passed on with each request.
 */
@Configuration(proxyBeanMethods = false)
class FrontDoorConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(FrontDoorConfiguration.class);

	/** The paths digest-service answers; search-service answers every other one. */
	static final String[] DIGEST_PATHS = { "/digests/**", "/alerts/**", "/api/digests/**", "/api/alerts/**" };

	@Bean
	RouteLocator grapevineRoutes(RouteLocatorBuilder builder, GatewayProperties services) {
		logger.info("Passing {} on to digest-service at {}, everything else to search-service at {}",
				String.join(", ", DIGEST_PATHS), services.digestService(), services.searchService());
		return builder.routes()
			.route("digest-service", (route) -> route.order(0).path(DIGEST_PATHS).uri(services.digestService()))
			.route("search-service", (route) -> route.order(1).path("/**").uri(services.searchService()))
			.build();
	}

	// Signing in is the front door's job; what a person may do is each service's,
	// which reads their roles from the relayed identity.
	@Bean
	AccessRules signedInAtTheFrontDoor() {
		return (exchanges) -> exchanges.pathMatchers("/**").authenticated();
	}

	@Bean
	RelayIdentityFilter relayIdentityFilter(GrapevineSecurityProperties security, Environment environment) {
		if (!security.relay().enabled()) {
			throw new InvalidGatewaySettingsException("grapevine.security.relay.secret is missing; the gateway signs "
					+ "who people are with it for the services behind it: give the gateway and every service the "
					+ "same long random key (at least 32 characters) in GRAPEVINE_RELAY_SECRET");
		}
		return new RelayIdentityFilter(RelayTokens.of(security.relay()),
				environment.getProperty("server.reactive.session.cookie.name", "SESSION"));
	}

}
