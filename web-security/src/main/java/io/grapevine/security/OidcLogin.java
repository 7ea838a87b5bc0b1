package io.grapevine.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Sign-in through the organization's OpenID Connect provider: the client registration
 * from the issuer's discovery document, and roles from the groups claim.
 */
final class OidcLogin {

	private static final Logger logger = LoggerFactory.getLogger(OidcLogin.class);

	static final String REGISTRATION_ID = "oidc";

	private final GrapevineSecurityProperties.Oidc settings;

	private final ReactiveClientRegistrationRepository registrations;

	private OidcLogin(GrapevineSecurityProperties.Oidc settings, ReactiveClientRegistrationRepository registrations) {
		this.settings = settings;
		this.registrations = registrations;
	}

	/**
	 * Read the issuer's discovery document (once, at start-up) and register this service
	 * as its client.
	 * @param settings the provider settings, already checked
	 * @return the sign-in
	 */
	static OidcLogin discover(GrapevineSecurityProperties.Oidc settings) {
		ClientRegistration registration;
		try {
			registration = ClientRegistrations.fromIssuerLocation(settings.issuerUri().strip())
				.registrationId(REGISTRATION_ID)
				.clientId(settings.clientId())
				.clientSecret(settings.clientSecret())
				.scope(settings.scopes())
				.userNameAttributeName(settings.usernameClaim())
				.build();
		}
		catch (RuntimeException ex) {
			throw new InvalidSecuritySettingsException("grapevine.security.oidc.issuer-uri " + settings.issuerUri()
					+ " did not answer with an OpenID Connect discovery document at "
					+ "/.well-known/openid-configuration: " + ex.getMessage());
		}
		logger.info(
				"Sign-in through OpenID Connect at {} as client {}; members of group '{}' (claim '{}') are "
						+ "administrators",
				settings.issuerUri(), settings.clientId(), settings.adminGroup(), settings.rolesClaim());
		return new OidcLogin(settings, new InMemoryReactiveClientRegistrationRepository(registration));
	}

	ReactiveClientRegistrationRepository registrations() {
		return this.registrations;
	}

	String authorizationPath() {
		return "/oauth2/authorization/" + REGISTRATION_ID;
	}

	ReactiveAuthenticationManager authenticationManager() {
		return new OidcAuthorizationCodeReactiveAuthenticationManager(
				new WebClientReactiveAuthorizationCodeTokenResponseClient(), userService());
	}

	ReactiveOAuth2UserService<OidcUserRequest, OidcUser> userService() {
		OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();
		return (request) -> delegate.loadUser(request).flatMap(this::withRoles);
	}

	private Mono<OidcUser> withRoles(OidcUser user) {
		Object name = user.getClaims().get(this.settings.usernameClaim());
		if (name == null || name.toString().isBlank()) {
			return Mono
				.error(new OAuth2AuthenticationException(new OAuth2Error("invalid_user_info", "The id token has no '"
						+ this.settings.usernameClaim() + "' claim (grapevine.security.oidc.username-claim)", null)));
		}
		List<Role> roles = new ArrayList<>();
		if (groups(user.getClaims().get(this.settings.rolesClaim())).contains(this.settings.adminGroup())) {
			roles.add(Role.ADMIN);
		}
		List<GrantedAuthority> authorities = LocalUsers.authorities(roles);
		Optional<String> department = Optional.ofNullable(user.getClaims().get(this.settings.departmentClaim()))
			.map(Object::toString)
			.filter((id) -> !id.isBlank());
		return Mono.just(new GrapevineOidcUser(authorities, user.getIdToken(), user.getUserInfo(),
				this.settings.usernameClaim(), department, email(user.getClaims())));
	}

	// An address the provider says it has not verified could be anyone's, and what is
	// sent
	// there is the organization's.
	static Optional<String> email(Map<String, Object> claims) {
		if (Boolean.FALSE.equals(claims.get("email_verified")) || "false".equals(claims.get("email_verified"))) {
			return Optional.empty();
		}
		return EmailAddresses.of(claims.get("email"));
	}

	// Providers send groups as a JSON array, some as one string separated by spaces or
	// commas.
	static List<String> groups(Object claim) {
		List<String> groups = new ArrayList<>();
		if (claim instanceof Collection<?> values) {
			values.forEach((value) -> groups.add(String.valueOf(value).strip()));
		}
		else if (claim instanceof Map<?, ?> map) {
			map.keySet().forEach((key) -> groups.add(String.valueOf(key).strip()));
		}
		else if (claim != null) {
			for (String value : claim.toString().split("[,\\s]+")) {
				groups.add(value.strip());
			}
		}
		return groups;
	}

}
