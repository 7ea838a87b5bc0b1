package io.grapevine.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The person behind a request: their name, roles, department and email address, however
 * they signed in (here, or at the front door that relays who they are).
 *
 * @param username the name they signed in with (the configured claim for OpenID Connect)
 * @param roles their roles; an administrator is also a member
 * @param department their department id, if known
 * @param email their email address, if known: the {@code email} setting of a local user,
 * the {@code email} claim of the OpenID Connect provider
 */
public record SignedInUser(String username, Set<Role> roles, Optional<String> department,
		@JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> email) {

	public SignedInUser {
		roles = Set.copyOf(roles);
		department = (department != null) ? department : Optional.empty();
		email = (email != null) ? email : Optional.empty();
	}

	/**
	 * The user signed in on the current request.
	 * @return the user, or empty when nobody is signed in
	 */
	public static Mono<SignedInUser> current() {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.map(SignedInUser::of);
	}

	/**
	 * The user of an authentication.
	 * @param authentication a successful authentication
	 * @return its user
	 */
	public static SignedInUser of(Authentication authentication) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			for (Role role : Role.values()) {
				if (role.authority().getAuthority().equals(authority.getAuthority())) {
					roles.add(role);
				}
			}
		}
		Optional<String> department = Optional.empty();
		Optional<String> email = Optional.empty();
		Object principal = authentication.getPrincipal();
		if (principal instanceof LocalUser local) {
			department = local.department();
			email = local.email();
		}
		else if (principal instanceof GrapevineOidcUser oidc) {
			department = oidc.department();
			email = oidc.emailAddress();
		}
		else if (principal instanceof Jwt relayed) {
			department = RelayTokens.department(relayed);
			email = RelayTokens.email(relayed);
		}
		return new SignedInUser(authentication.getName(), roles, department, email);
	}

	/**
	 * Whether this user is an administrator.
	 * @return true for an administrator
	 */
	public boolean isAdmin() {
		return this.roles.contains(Role.ADMIN);
	}

}
