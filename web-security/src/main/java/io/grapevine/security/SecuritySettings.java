package io.grapevine.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the sign-in settings at start-up, so a service never runs open, with a
 * plain-text password or with a user who cannot sign in.
 */
final class SecuritySettings {

	private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

	private static final String BCRYPT_PREFIX = "{bcrypt}";

	// HMAC-SHA256 needs a key of at least 256 bits.
	private static final int MIN_RELAY_SECRET = 32;

	private SecuritySettings() {
	}

	static void check(GrapevineSecurityProperties properties) {
		GrapevineSecurityProperties.Oidc oidc = properties.oidc();
		if (properties.users().isEmpty() && !oidc.enabled()) {
			throw new InvalidSecuritySettingsException("Nobody can sign in: set grapevine.security.users (local users "
					+ "with username, password-hash and roles) or grapevine.security.oidc.issuer-uri "
					+ "(the organization's OpenID Connect provider)");
		}
		checkRelay(properties.relay());
		checkApiTokens(properties.apiTokens());
		if (properties.verifiedPasswords().ttl() == null || properties.verifiedPasswords().ttl().isNegative()) {
			throw new InvalidSecuritySettingsException(
					"grapevine.security.verified-passwords.ttl must be zero or positive, such as 2m");
		}
		Set<String> names = new HashSet<>();
		List<GrapevineSecurityProperties.User> users = properties.users();
		for (int i = 0; i < users.size(); i++) {
			GrapevineSecurityProperties.User user = users.get(i);
			String setting = "grapevine.security.users[" + i + "]";
			if (user.username() == null || user.username().isBlank()) {
				throw new InvalidSecuritySettingsException(setting + ".username is missing; give every user a name");
			}
			if (!names.add(user.username().strip())) {
				throw new InvalidSecuritySettingsException(setting + ".username '" + user.username().strip()
						+ "' is given to two users; user names must be unique");
			}
			checkPasswordHash(user.passwordHash(), setting + ".password-hash", user.username().strip());
			if (user.roles().isEmpty()) {
				throw new InvalidSecuritySettingsException(
						setting + ".roles is empty; give " + user.username().strip() + " MEMBER or ADMIN");
			}
			if (user.emailAddress().filter((address) -> !EmailAddresses.isAddress(address)).isPresent()) {
				throw new InvalidSecuritySettingsException(setting + ".email '" + user.email().strip() + "' of user "
						+ user.username().strip() + " is not an email address; write one address such as "
						+ "amy@example.org, without a name or angle brackets");
			}
		}
		if (oidc.enabled()) {
			if (!isAbsoluteUrl(oidc.issuerUri().strip())) {
				throw new InvalidSecuritySettingsException("grapevine.security.oidc.issuer-uri '" + oidc.issuerUri()
						+ "' must be an absolute URL such as https://login.example.org/realms/staff");
			}
			if (oidc.clientId() == null || oidc.clientId().isBlank()) {
				throw new InvalidSecuritySettingsException("grapevine.security.oidc.client-id is missing; set it to "
						+ "this service's client id at " + oidc.issuerUri());
			}
			if (oidc.clientSecret() == null || oidc.clientSecret().isBlank()
					|| PLACEHOLDER.matcher(oidc.clientSecret()).matches()) {
				throw new InvalidSecuritySettingsException("grapevine.security.oidc.client-secret is missing; pass "
						+ "it in the environment (GRAPEVINE_OIDC_CLIENT_SECRET)");
			}
			if (oidc.usernameClaim() == null || oidc.usernameClaim().isBlank()) {
				throw new InvalidSecuritySettingsException("grapevine.security.oidc.username-claim is empty; "
						+ "name the id token claim that holds the user name, e.g. preferred_username");
			}
		}
	}

	private static void checkApiTokens(GrapevineSecurityProperties.ApiTokens tokens) {
		if (tokens.index() == null || tokens.index().isBlank()) {
			throw new InvalidSecuritySettingsException(
					"grapevine.security.api-tokens.index is empty; name the index tokens are kept in");
		}
		if (tokens.cacheTtl() == null || tokens.cacheTtl().isNegative()) {
			throw new InvalidSecuritySettingsException(
					"grapevine.security.api-tokens.cache-ttl must be zero or positive, such as 30s");
		}
		List<GrapevineSecurityProperties.ConfiguredToken> configured = tokens.configured();
		for (int i = 0; i < configured.size(); i++) {
			GrapevineSecurityProperties.ConfiguredToken token = configured.get(i);
			String setting = "grapevine.security.api-tokens.configured[" + i + "]";
			if (token.name() == null || token.name().isBlank()) {
				throw new InvalidSecuritySettingsException(
						setting + ".name is missing; say what calls with the token, e.g. digest-service");
			}
			if (token.hash() == null || token.hash().isBlank()) {
				throw new InvalidSecuritySettingsException(setting + ".hash is missing for " + token.name().strip()
						+ "; set it to the SHA-256 of the token (printf %s \"$token\" | sha256sum)");
			}
			Matcher placeholder = PLACEHOLDER.matcher(token.hash().strip());
			if (placeholder.matches()) {
				throw new InvalidSecuritySettingsException(setting + ".hash of " + token.name().strip()
						+ " refers to the environment variable " + placeholder.group(1) + ", which is not set");
			}
			if (!SHA256.matcher(token.hash().strip()).matches()) {
				throw new InvalidSecuritySettingsException(setting + ".hash of " + token.name().strip()
						+ " is not a SHA-256 in hex: tokens themselves are refused in the settings; put "
						+ "their SHA-256 there (64 hex digits, printf %s \"$token\" | sha256sum)");
			}
			if (token.roles().isEmpty()) {
				throw new InvalidSecuritySettingsException(
						setting + ".roles is empty; give " + token.name().strip() + " MEMBER or ADMIN");
			}
		}
	}

	private static void checkRelay(GrapevineSecurityProperties.Relay relay) {
		if (!relay.enabled()) {
			return;
		}
		Matcher placeholder = PLACEHOLDER.matcher(relay.secret().strip());
		if (placeholder.matches()) {
			throw new InvalidSecuritySettingsException("grapevine.security.relay.secret refers to the environment "
					+ "variable " + placeholder.group(1) + ", which is not set");
		}
		if (relay.secret().strip().length() < MIN_RELAY_SECRET) {
			throw new InvalidSecuritySettingsException("grapevine.security.relay.secret is shorter than "
					+ MIN_RELAY_SECRET + " characters; give the gateway and the services the same long random key, "
					+ "e.g. from openssl rand -base64 48, in GRAPEVINE_RELAY_SECRET");
		}
		if (relay.lifetime() == null || relay.lifetime().isNegative() || relay.lifetime().isZero()) {
			throw new InvalidSecuritySettingsException(
					"grapevine.security.relay.lifetime must be positive, such as 1m");
		}
	}

	private static boolean isAbsoluteUrl(String value) {
		try {
			URI uri = new URI(value);
			return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	// The value itself is never part of a message: it may be a password.
	private static void checkPasswordHash(String hash, String setting, String username) {
		if (hash == null || hash.isBlank()) {
			throw new InvalidSecuritySettingsException(setting + " is missing for user " + username
					+ "; set it to the bcrypt hash of the password, e.g. ${GRAPEVINE_" + username.toUpperCase() + "_"
					+ "PASSWORD_HASH}");
		}
		Matcher placeholder = PLACEHOLDER.matcher(hash.strip());
		if (placeholder.matches()) {
			throw new InvalidSecuritySettingsException(setting + " of user " + username
					+ " refers to the environment variable " + placeholder.group(1) + ", which is not set");
		}
		if (!BCRYPT.matcher(bcrypt(hash)).matches()) {
			throw new InvalidSecuritySettingsException(setting + " of user " + username
					+ " is not a bcrypt hash: plain-text passwords are refused; put the bcrypt hash there "
					+ "(it starts with $2a$, $2b$ or $2y$), e.g. from htpasswd -nbBC 10 '' password");
		}
	}

	static String bcrypt(String hash) {
		String value = hash.strip();
		return value.startsWith(BCRYPT_PREFIX) ? value.substring(BCRYPT_PREFIX.length()) : value;
	}

}
