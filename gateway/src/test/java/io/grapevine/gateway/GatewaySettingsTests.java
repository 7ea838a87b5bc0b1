package io.grapevine.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewaySettingsTests {

	@Test
	void aServiceAddressThatIsNotAUrlStopsStartUpNamingTheSetting() {
		assertThatThrownBy(() -> start(Map.of("grapevine.gateway.digest-service", "digest-service:8082")))
			.hasRootCauseInstanceOf(InvalidGatewaySettingsException.class)
			.rootCause()
			.hasMessageContaining("grapevine.gateway.digest-service 'digest-service:8082' must be an http or https URL")
			.hasMessageContaining("GRAPEVINE_GATEWAY_DIGEST_SERVICE");
	}

	@Test
	void aServiceAddressWithAPathStopsStartUpNamingTheSetting() {
		assertThatThrownBy(() -> start(Map.of("grapevine.gateway.search-service", "http://search:8080/dashboard")))
			.rootCause()
			.isInstanceOf(InvalidGatewaySettingsException.class)
			.hasMessageContaining("grapevine.gateway.search-service 'http://search:8080/dashboard' must name the "
					+ "service's root");
	}

	@Test
	void aGatewayWithoutTheRelaySecretStopsStartUpNamingTheSetting() {
		assertThatThrownBy(() -> start(Map.of("grapevine.security.relay.secret", ""))).rootCause()
			.isInstanceOf(InvalidGatewaySettingsException.class)
			.hasMessageContaining("grapevine.security.relay.secret is missing")
			.hasMessageContaining("GRAPEVINE_RELAY_SECRET");
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("spring.autoconfigure.exclude", GatewayTestSupport.SERVICES_AUTO_CONFIGURATION);
		all.put("grapevine.security.users[0].username", "mia");
		all.put("grapevine.security.users[0].password-hash", FrontDoorTests.MEMBER_HASH);
		all.put("grapevine.security.relay.secret", FrontDoorTests.SECRET);
		all.putAll(properties);
		// Arguments, as gateway.yml's entries win over an application's default
		// properties.
		return GatewayApplication.application()
			.run(all.entrySet()
				.stream()
				.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new));
	}

}
