package io.grapevine.search.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import io.grapevine.security.AccessRules;
import io.grapevine.security.Role;

/**
 * Who may do what in search-service: every member handles mentions; any other write
 * (organization, topics, channels) needs an administrator, as everywhere.
 */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

	@Bean
	AccessRules searchAccessRules() {
		return (exchanges) -> exchanges
			.pathMatchers(HttpMethod.POST, "/api/mentions/*/actions", "/api/mentions/actions")
			.hasRole(Role.MEMBER.name());
	}

}
