package io.grapevine.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a signed-in person may do: every member reads and handles mentions, an
 * administrator also changes configuration and runs digests by hand.
 */
public enum Role {

	/** Reads everything and handles mentions. */
	MEMBER,

	/** A member who may also change configuration, mute alerts and run digests. */
	ADMIN;

	/**
	 * The Spring Security authority of this role.
	 * @return {@code ROLE_MEMBER} or {@code ROLE_ADMIN}
	 */
	public GrantedAuthority authority() {
		return new SimpleGrantedAuthority("ROLE_" + name());
	}

}
