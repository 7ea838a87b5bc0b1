package io.grapevine.security;

import java.util.Collection;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A person signed in through the organization's OpenID Connect provider, with the roles
 * their groups give them and the email address the provider vouches for.
 */
public class GrapevineOidcUser extends DefaultOidcUser {

	private final String department;

	private final String emailAddress;

	GrapevineOidcUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
			String nameAttributeKey, Optional<String> department, Optional<String> emailAddress) {
		super(authorities, idToken, userInfo, nameAttributeKey);
		this.department = department.orElse(null);
		this.emailAddress = emailAddress.orElse(null);
	}

	/**
	 * The person's department.
	 * @return the department id from the configured claim, if present
	 */
	public Optional<String> department() {
		return Optional.ofNullable(this.department);
	}

	/**
	 * The person's email address.
	 * @return the address of the {@code email} claim, unless the provider says it is not
	 * verified
	 */
	public Optional<String> emailAddress() {
		return Optional.ofNullable(this.emailAddress);
	}

}
