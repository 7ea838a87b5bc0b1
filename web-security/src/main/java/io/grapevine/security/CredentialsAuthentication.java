package io.grapevine.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A call that authenticated itself with the credentials it carries (HTTP Basic or an API
 * token), not with a browser's session: only such a call is exempt from the session's
 * CSRF check.
 */
final class CredentialsAuthentication extends UsernamePasswordAuthenticationToken {

	private CredentialsAuthentication(Object principal, Collection<? extends GrantedAuthority> authorities) {
		super(principal, null, authorities);
	}

	static CredentialsAuthentication of(Object principal, Collection<? extends GrantedAuthority> authorities) {
		return new CredentialsAuthentication(principal, authorities);
	}

	static CredentialsAuthentication of(String name, List<Role> roles) {
		return new CredentialsAuthentication(name, LocalUsers.authorities(roles));
	}

}
