package io.grapevine.security;

import java.util.Collection;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A person signed in through the organization's OpenID Connect provider, with the roles
 * their groups give them.
 */
public class GrapevineOidcUser extends DefaultOidcUser {

	private final String department;

	GrapevineOidcUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
			String nameAttributeKey, Optional<String> department) {
		super(authorities, idToken, userInfo, nameAttributeKey);
		this.department = department.orElse(null);
	}

	/**
	 * The person's department.
	 * @return the department id from the configured claim, if present
	 */
	public Optional<String> department() {
		return Optional.ofNullable(this.department);
	}

}
