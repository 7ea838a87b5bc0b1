package io.grapevine.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The users of {@code grapevine.security.users}; an administrator is a member too.
 */
final class LocalUsers implements ReactiveUserDetailsService {

	private final Map<String, GrapevineSecurityProperties.User> users = new LinkedHashMap<>();

	LocalUsers(List<GrapevineSecurityProperties.User> users) {
		for (GrapevineSecurityProperties.User user : users) {
			this.users.put(user.username().strip(), user);
		}
	}

	@Override
	public Mono<UserDetails> findByUsername(String username) {
		GrapevineSecurityProperties.User user = this.users.get(username);
		if (user == null) {
			return Mono.empty();
		}
		// A fresh copy each time: Spring Security may erase the credentials of the one
		// it returns.
		return Mono.just(new LocalUser(user.username().strip(), SecuritySettings.bcrypt(user.passwordHash()),
				authorities(user.roles()), user.departmentId(), user.emailAddress()));
	}

	static List<GrantedAuthority> authorities(List<Role> roles) {
		Set<Role> granted = EnumSet.noneOf(Role.class);
		granted.add(Role.MEMBER);
		granted.addAll(roles);
		List<GrantedAuthority> authorities = new ArrayList<>();
		granted.forEach((role) -> authorities.add(role.authority()));
		return authorities;
	}

	/**
	 * The users and their roles, without their passwords, for the start-up log.
	 * @return one line per user
	 */
	String describe() {
		List<String> lines = new ArrayList<>();
		this.users.values()
			.forEach((user) -> lines.add(user.username().strip() + " " + user.roles()
					+ user.departmentId().map((department) -> " (" + department + ")").orElse("")));
		return String.join(", ", lines);
	}

	boolean isEmpty() {
		return this.users.isEmpty();
	}

}
