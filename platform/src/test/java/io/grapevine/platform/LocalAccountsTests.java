package io.grapevine.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.security.GrapevineSecurityProperties;
import io.grapevine.security.Role;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts of a local run as the services read them from their environment.
 */
class LocalAccountsTests {

	private final LocalAccounts accounts = LocalAccounts.generate();

	@Test
	void searchServiceKnowsBothPeopleAndTheServiceUserByTheirHashesOnly() {
		Map<String, String> environment = this.accounts.searchEnvironment();
		GrapevineSecurityProperties security = bind(environment);

		assertThat(security.users()).extracting(GrapevineSecurityProperties.User::username)
			.containsExactly("admin", "member", "digest-service");
		assertThat(security.users()).extracting(GrapevineSecurityProperties.User::roles)
			.containsExactly(List.of(Role.ADMIN), List.of(Role.MEMBER), List.of(Role.MEMBER));
		assertThat(security.users()).extracting(GrapevineSecurityProperties.User::emailAddress)
			.as("the people's addresses are the local mailbox's")
			.containsExactly(Optional.of("admin@localhost"), Optional.of("member@localhost"), Optional.empty());
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
		assertThat(bcrypt.matches(this.accounts.adminPassword(), security.users().get(0).passwordHash())).isTrue();
		assertThat(bcrypt.matches(this.accounts.memberPassword(), security.users().get(1).passwordHash())).isTrue();
		assertThat(environment.values()).doesNotContain(this.accounts.adminPassword(), this.accounts.memberPassword());
	}

	@Test
	void digestServiceSignsInToSearchServiceAsTheServiceUser() {
		Map<String, String> search = this.accounts.searchEnvironment();
		Map<String, String> digest = this.accounts.digestEnvironment();

		assertThat(digest).containsEntry("GRAPEVINE_SEARCH_USERNAME", "digest-service");
		assertThat(new BCryptPasswordEncoder().matches(digest.get("GRAPEVINE_SEARCH_PASSWORD"),
				search.get("GRAPEVINE_SECURITY_USERS_2_PASSWORDHASH")))
			.isTrue();
		assertThat(bind(digest).users()).extracting(GrapevineSecurityProperties.User::username)
			.containsExactly("admin", "member");
	}

	@Test
	void everyRunMakesNewPasswordsAndOnlyTheTerminalSeesThem() {
		LocalAccounts other = LocalAccounts.generate();

		assertThat(other.adminPassword()).isNotEqualTo(this.accounts.adminPassword()).hasSizeGreaterThanOrEqualTo(20);
		assertThat(this.accounts.describe("http://127.0.0.1:8000/")).contains("admin", this.accounts.adminPassword(),
				"member", this.accounts.memberPassword());
		assertThat(this.accounts.toString()).doesNotContain(this.accounts.adminPassword(),
				this.accounts.memberPassword());
	}

	@Test
	void theGatewayKnowsThePeopleAndSharesItsRelayKeyWithTheServicesOnly() {
		Map<String, String> gateway = this.accounts.gatewayEnvironment();

		assertThat(bind(gateway).users()).extracting(GrapevineSecurityProperties.User::username)
			.containsExactly("admin", "member");
		String secret = gateway.get("GRAPEVINE_RELAY_SECRET");
		assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
		assertThat(this.accounts.searchEnvironment()).containsEntry("GRAPEVINE_RELAY_SECRET", secret);
		assertThat(this.accounts.digestEnvironment()).containsEntry("GRAPEVINE_RELAY_SECRET", secret);
		assertThat(LocalAccounts.generate().gatewayEnvironment().get("GRAPEVINE_RELAY_SECRET")).isNotEqualTo(secret);
		assertThat(this.accounts.toString()).doesNotContain(secret);
	}

	private static GrapevineSecurityProperties bind(Map<String, String> environment) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(environment)));
		return new Binder(ConfigurationPropertySources.from(sources))
			.bind("grapevine.security", GrapevineSecurityProperties.class)
			.get();
	}

}
