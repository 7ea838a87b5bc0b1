package io.grapevine.security;

import java.util.Collection;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A user from the settings, with the department they belong to and their email address.
 */
public class LocalUser extends User {

	private final String department;

	private final String email;

	LocalUser(String username, String passwordHash, Collection<? extends GrantedAuthority> authorities,
			Optional<String> department, Optional<String> email) {
		super(username, passwordHash, authorities);
		this.department = department.orElse(null);
		this.email = email.orElse(null);
	}

	/**
	 * The user's department.
	 * @return the department id, if the settings give one
	 */
	public Optional<String> department() {
		return Optional.ofNullable(this.department);
	}

	/**
	 * The user's email address.
	 * @return the address, if the settings give one
	 */
	public Optional<String> email() {
		return Optional.ofNullable(this.email);
	}

}
