package io.grapevine.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may sign in: local users from the settings and, when an issuer is set, the people
 * of the organization's OpenID Connect provider.
 *
 * @param users local users, signing in with a form or HTTP Basic
 * @param oidc the OpenID Connect provider, if any
 * @param relay the identity the front door relays with each request, if any
 * @param apiTokens the API tokens scripts and services call with
 * @param verifiedPasswords how long a password checked for HTTP Basic is remembered
 */
@ConfigurationProperties("grapevine.security")
public record GrapevineSecurityProperties(@DefaultValue List<User> users, @DefaultValue Oidc oidc,
		@DefaultValue Relay relay, @DefaultValue ApiTokens apiTokens,
		@DefaultValue VerifiedPasswords verifiedPasswords) {

	/**
	 * A local user.
	 *
	 * @param username the name to sign in with
	 * @param passwordHash the bcrypt hash of the password, usually a {@code ${ENV}}
	 * reference
	 * @param roles the roles, MEMBER unless told otherwise
	 * @param department the id of the user's department, if any
	 * @param email the user's email address, if any, for what they subscribe to
	 */
	public record User(String username, String passwordHash, @DefaultValue("MEMBER") List<Role> roles,
			String department, String email) {

		/**
		 * The user's department.
		 * @return the department id, if set
		 */
		public Optional<String> departmentId() {
			return Optional.ofNullable(this.department).filter((id) -> !id.isBlank()).map(String::strip);
		}

		/**
		 * The user's email address.
		 * @return the address, if set
		 */
		public Optional<String> emailAddress() {
			return Optional.ofNullable(this.email).filter((address) -> !address.isBlank()).map(String::strip);
		}

	}

	/**
	 * The organization's OpenID Connect provider.
	 *
	 * @param issuerUri the issuer, whose {@code /.well-known/openid-configuration} is
	 * read at start-up; sign-in through the provider is off when it is not set
	 * @param clientId this service's client id at the provider
	 * @param clientSecret this service's client secret, from the environment
	 * @param scopes the scopes asked for
	 * @param usernameClaim the id token claim that names the user
	 * @param rolesClaim the claim listing the user's groups
	 * @param adminGroup the group whose members are administrators
	 * @param departmentClaim the claim holding the user's department id, if any
	 */
	public record Oidc(String issuerUri, String clientId, String clientSecret, @DefaultValue( {
			"openid", "profile", "email" }) List<String> scopes,
			@DefaultValue("preferred_username") String usernameClaim, @DefaultValue("groups") String rolesClaim,
			@DefaultValue("grapevine-admins") String adminGroup, @DefaultValue("department") String departmentClaim){

		/**
		 * Whether sign-in through the provider is on.
		 * @return true when an issuer is set
		 */
		public boolean enabled() {
			return this.issuerUri != null && !this.issuerUri.isBlank();
		}

	}

	/**
	 * The identity the front door (the gateway) signs and relays with every request it
	 * passes on, so one sign-in there serves every service behind it.
	 *
	 * @param secret the key shared by the gateway and the services, at least 32
	 * characters, from the environment ({@code GRAPEVINE_RELAY_SECRET}); relaying is off
	 * when it is not set
	 * @param lifetime how long a relayed token is valid
	 */
	public record Relay(String secret, @DefaultValue("1m") Duration lifetime) {

		/**
		 * Whether relayed identities are signed or accepted.
		 * @return true when a secret is set
		 */
		public boolean enabled() {
			return this.secret != null && !this.secret.isBlank();
		}

	}

	/**
	 * API tokens ({@code Authorization: Bearer gv_...}) for scripts and services: those
	 * an administrator creates through {@code /api/tokens} (kept, hashed, in
	 * Elasticsearch where the service has it) and those given in the settings.
	 *
	 * @param index the Elasticsearch index the tokens are kept in
	 * @param cacheTtl how long a replica trusts a kept token it has checked; a token
	 * revoked on another replica stops working here within this time
	 * @param configured tokens given in the settings, by the SHA-256 of the token
	 */
	public record ApiTokens(@DefaultValue("grapevine-api-tokens") String index, @DefaultValue("30s") Duration cacheTtl,
			@DefaultValue List<ConfiguredToken> configured) {

	}

	/**
	 * An API token given in the settings, for a service that calls another.
	 *
	 * @param name who calls with it, e.g. {@code digest-service}
	 * @param hash the SHA-256 of the token in lower-case hex ({@code printf %s "$token" |
	 * sha256sum}), usually a {@code ${ENV}} reference
	 * @param roles the roles, MEMBER unless told otherwise
	 */
	public record ConfiguredToken(String name, String hash, @DefaultValue("MEMBER") List<Role> roles) {

	}

	/**
	 * HTTP Basic sends the password with every call; its bcrypt check is done once and
	 * remembered (by a keyed hash of the name, the password and the stored hash, never
	 * the password) for a short time, so a changed password is checked afresh.
	 *
	 * @param ttl how long a checked password is remembered; zero checks every call
	 */
	public record VerifiedPasswords(@DefaultValue("2m") Duration ttl) {

	}

}
