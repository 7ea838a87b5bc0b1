package io.grapevine.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * A service's own access rules, applied after the open health endpoints and before the
 * defaults: any other write needs an administrator, anything else a member.
 */
@FunctionalInterface
public interface AccessRules {

	/**
	 * Add the service's rules.
	 * @param exchanges the rules so far
	 */
	void configure(ServerHttpSecurity.AuthorizeExchangeSpec exchanges);

}
