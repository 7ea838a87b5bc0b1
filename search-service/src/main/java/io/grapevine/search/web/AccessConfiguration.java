package io.grapevine.search.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import io.grapevine.security.AccessRules;
import io.grapevine.security.Role;

/**
 * Who may do what in search-service: every member handles mentions and saves, renames,
 * deletes and subscribes to saved searches (the API itself keeps renaming and deleting to
 * a search's maker and administrators); any other write (organization, topics, channels)
 * needs an administrator, as everywhere.
 */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

	@Bean
	AccessRules searchAccessRules() {
		return (exchanges) -> {
			exchanges.pathMatchers(HttpMethod.POST, "/api/mentions/*/actions", "/api/mentions/actions")
				.hasRole(Role.MEMBER.name());
			exchanges.pathMatchers(HttpMethod.POST, "/api/saved-searches").hasRole(Role.MEMBER.name());
			exchanges.pathMatchers(HttpMethod.PATCH, "/api/saved-searches/*").hasRole(Role.MEMBER.name());
			exchanges.pathMatchers(HttpMethod.DELETE, "/api/saved-searches/*").hasRole(Role.MEMBER.name());
			exchanges.pathMatchers(HttpMethod.PUT, "/api/saved-searches/*/subscription").hasRole(Role.MEMBER.name());
			exchanges.pathMatchers(HttpMethod.DELETE, "/api/saved-searches/*/subscription").hasRole(Role.MEMBER.name());
		};
	}

}
