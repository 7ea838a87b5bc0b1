package io.grapevine.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.listening.Sha256;
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
	void searchServiceKnowsBothPeopleByTheirHashesOnly() {
		Map<String, String> environment = this.accounts.searchEnvironment();
		GrapevineSecurityProperties security = bind(environment);

		assertThat(security.users()).extracting(GrapevineSecurityProperties.User::username)
			.containsExactly("admin", "member");
		assertThat(security.users()).extracting(GrapevineSecurityProperties.User::roles)
			.containsExactly(List.of(Role.ADMIN), List.of(Role.MEMBER));
		assertThat(security.users()).extracting(GrapevineSecurityProperties.User::emailAddress)
			.as("the people's addresses are the local mailbox's")
			.containsExactly(Optional.of("admin@localhost"), Optional.of("member@localhost"));
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
		assertThat(bcrypt.matches(this.accounts.adminPassword(), security.users().get(0).passwordHash())).isTrue();
		assertThat(bcrypt.matches(this.accounts.memberPassword(), security.users().get(1).passwordHash())).isTrue();
		assertThat(environment.values()).doesNotContain(this.accounts.adminPassword(), this.accounts.memberPassword());
	}

	@Test
	void digestServiceCallsSearchServiceWithATokenSearchServiceKnowsByItsHashOnly() {
		Map<String, String> search = this.accounts.searchEnvironment();
		Map<String, String> digest = this.accounts.digestEnvironment();

		String token = digest.get("GRAPEVINE_SEARCH_TOKEN");
		assertThat(token).startsWith("gv_").hasSizeGreaterThan(40);
		assertThat(digest).doesNotContainKeys("GRAPEVINE_SEARCH_USERNAME", "GRAPEVINE_SEARCH_PASSWORD");
		List<GrapevineSecurityProperties.ConfiguredToken> tokens = bind(search).apiTokens().configured();
		assertThat(tokens).singleElement().satisfies((configured) -> {
			assertThat(configured.name()).isEqualTo("digest-service");
			assertThat(configured.hash()).isEqualTo(Sha256.hex(token));
			assertThat(configured.roles()).containsExactly(Role.MEMBER);
		});
		assertThat(search.values()).doesNotContain(token);
		assertThat(this.accounts.toString()).doesNotContain(token);
		assertThat(LocalAccounts.generate().digestEnvironment().get("GRAPEVINE_SEARCH_TOKEN")).isNotEqualTo(token);
		assertThat(bind(digest).users()).extracting(GrapevineSecurityProperties.User::username)
			.containsExactly("admin", "member");
	}

	@Test
	void ingestServiceKnowsThePeopleToo() {
		assertThat(bind(this.accounts.ingestEnvironment()).users())
			.extracting(GrapevineSecurityProperties.User::username)
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
