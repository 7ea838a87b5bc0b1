package io.grapevine.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.grapevine.security.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySettingsTests {

	@Test
	void aServiceWithNeitherUsersNorAProviderDoesNotStart() {
		assertThatThrownBy(() -> start(Map.of())).rootCause()
			.isInstanceOf(InvalidSecuritySettingsException.class)
			.hasMessageContaining("grapevine.security.users")
			.hasMessageContaining("grapevine.security.oidc.issuer-uri");
	}

	@Test
	void aUserWithoutAPasswordStopsStartUpNamingTheSetting() {
		assertThatThrownBy(() -> start(Map.of("grapevine.security.users[0].username", "mia"))).rootCause()
			.isInstanceOf(InvalidSecuritySettingsException.class)
			.hasMessageContaining("grapevine.security.users[0].password-hash is missing for user mia");
	}

	@Test
	void aPlainTextPasswordStopsStartUpWithoutShowingIt() {
		assertThatThrownBy(() -> start(Map.of("grapevine.security.users[0].username", "mia",
				"grapevine.security.users[0].password-hash", "correct horse battery staple")))
			.rootCause()
			.isInstanceOf(InvalidSecuritySettingsException.class)
			.hasMessageContaining("grapevine.security.users[0].password-hash of user mia is not a bcrypt hash")
			.hasMessageNotContaining("correct horse");
	}

	@Test
	void aPasswordHashFromAnUnsetEnvironmentVariableStopsStartUpNamingTheVariable() {
		assertThatThrownBy(() -> start(Map.of("grapevine.security.users[0].username", "mia",
				"grapevine.security.users[0].password-hash", "${GRAPEVINE_TEST_UNSET_PASSWORD_HASH}")))
			.rootCause()
			.isInstanceOf(InvalidSecuritySettingsException.class)
			.hasMessageContaining("grapevine.security.users[0].password-hash")
			.hasMessageContaining("GRAPEVINE_TEST_UNSET_PASSWORD_HASH, which is not set");
	}

	@Test
	void anEmailThatIsNotAnAddressStopsStartUpNamingTheSetting() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("grapevine.security.users[0].username", "mia");
		properties.put("grapevine.security.users[0].password-hash", GrapevineSecurityTests.MEMBER_HASH);
		properties.put("grapevine.security.users[0].email", "Mia <mia@example.org>");
		assertThatThrownBy(() -> start(properties)).rootCause()
			.isInstanceOf(InvalidSecuritySettingsException.class)
			.hasMessageContaining("grapevine.security.users[0].email 'Mia <mia@example.org>' of user mia "
					+ "is not an email address");
		properties.put("grapevine.security.users[0].email", "mia.example.org");
		assertThatThrownBy(() -> start(properties)).rootCause()
			.hasMessageContaining("grapevine.security.users[0].email 'mia.example.org'");
	}

	@Test
	void twoUsersWithOneNameStopStartUp() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("grapevine.security.users[0].username", "mia");
		properties.put("grapevine.security.users[0].password-hash", GrapevineSecurityTests.MEMBER_HASH);
		properties.put("grapevine.security.users[1].username", "mia");
		properties.put("grapevine.security.users[1].password-hash", GrapevineSecurityTests.ADMIN_HASH);
		assertThatThrownBy(() -> start(properties)).rootCause()
			.hasMessageContaining("grapevine.security.users[1].username 'mia' is given to two users");
	}

	@Test
	void aProviderWithoutClientIdOrSecretStopsStartUpNamingTheSetting() {
		assertThatThrownBy(() -> start(Map.of("grapevine.security.oidc.issuer-uri", "https://login.example.org")))
			.rootCause()
			.hasMessageContaining("grapevine.security.oidc.client-id is missing");
		assertThatThrownBy(() -> start(Map.of("grapevine.security.oidc.issuer-uri", "https://login.example.org",
				"grapevine.security.oidc.client-id", "grapevine")))
			.rootCause()
			.hasMessageContaining("grapevine.security.oidc.client-secret is missing")
			.hasMessageContaining("GRAPEVINE_OIDC_CLIENT_SECRET");
	}

	@Test
	void anIssuerThatIsNotAUrlStopsStartUpNamingTheSetting() {
		assertThatThrownBy(() -> start(Map.of("grapevine.security.oidc.issuer-uri", "login.example.org",
				"grapevine.security.oidc.client-id", "grapevine", "grapevine.security.oidc.client-secret", "s3cret")))
			.rootCause()
			.hasMessageContaining("grapevine.security.oidc.issuer-uri 'login.example.org' must be an absolute URL");
	}

	@Test
	void aUserWithABcryptHashStartsTheService() {
		try (ConfigurableApplicationContext context = start(Map.of("grapevine.security.users[0].username", "mia",
				"grapevine.security.users[0].password-hash", GrapevineSecurityTests.MEMBER_HASH))) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void aUserWithAnEmailAddressStartsTheService() {
		try (ConfigurableApplicationContext context = start(Map.of("grapevine.security.users[0].username", "mia",
				"grapevine.security.users[0].password-hash", GrapevineSecurityTests.MEMBER_HASH,
				"grapevine.security.users[0].email", "mia.rossi+listening@ops.harborcity-transit.example"))) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void aShortRelaySecretStopsStartUpNamingTheSettingWithoutShowingIt() {
		assertThatThrownBy(() -> start(
				Map.of("grapevine.security.users[0].username", "mia", "grapevine.security.users[0].password-hash",
						GrapevineSecurityTests.MEMBER_HASH, "grapevine.security.relay.secret", "too-short-to-sign")))
			.rootCause()
			.isInstanceOf(InvalidSecuritySettingsException.class)
			.hasMessageContaining("grapevine.security.relay.secret is shorter than 32 characters")
			.hasMessageNotContaining("too-short-to-sign");
	}

	@Test
	void aRelaySecretFromAnUnsetEnvironmentVariableStopsStartUpNamingTheVariable() {
		assertThatThrownBy(() -> start(Map.of("grapevine.security.users[0].username", "mia",
				"grapevine.security.users[0].password-hash", GrapevineSecurityTests.MEMBER_HASH,
				"grapevine.security.relay.secret", "${GRAPEVINE_TEST_UNSET_RELAY_SECRET}")))
			.rootCause()
			.isInstanceOf(InvalidSecuritySettingsException.class)
			.hasMessageContaining("grapevine.security.relay.secret")
			.hasMessageContaining("GRAPEVINE_TEST_UNSET_RELAY_SECRET, which is not set");
	}

	@Test
	void aServiceToCheckTokensWithThatIsNotARootUrlStopsStartUpNamingTheSetting() {
		for (String checkedBy : new String[] { "search-service:8080", "http://search-service:8080/api" }) {
			assertThatThrownBy(() -> start(
					Map.of("grapevine.security.users[0].username", "mia", "grapevine.security.users[0].password-hash",
							GrapevineSecurityTests.MEMBER_HASH, "grapevine.security.api-tokens.checked-by", checkedBy)))
				.rootCause()
				.isInstanceOf(InvalidSecuritySettingsException.class)
				.hasMessageContaining(
						"grapevine.security.api-tokens.checked-by '" + checkedBy + "' must be the root URL");
		}
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>(properties);
		all.put("server.port", "0");
		return new SpringApplicationBuilder(SampleApplication.class).properties(all).run();
	}

}
