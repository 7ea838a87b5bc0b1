package io.grapevine.security;

import java.net.InetSocketAddress;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Opens {@code /actuator/prometheus} to the scraper on the actuator's own management port
 * only ({@code management.server.port}, which deployments keep inside the cluster); on
 * the service's port, where people and the gateway arrive, it stays behind sign-in.
 */
@Configuration(proxyBeanMethods = false)
class ManagementPortAccess {

	static final String PROMETHEUS_PATH = "/actuator/prometheus";

	// First, before a service's own catch-all rules (the gateway's "/**").
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	AccessRules prometheusOnTheManagementPort(Environment environment) {
		ServerWebExchangeMatcher path = ServerWebExchangeMatchers.pathMatchers(PROMETHEUS_PATH);
		ServerWebExchangeMatcher onManagementPort = (exchange) -> {
			Optional<Integer> management = Optional
				.ofNullable(environment.getProperty("local.management.port", Integer.class));
			Optional<Integer> server = Optional.ofNullable(environment.getProperty("local.server.port", Integer.class));
			int port = Optional.ofNullable(exchange.getRequest().getLocalAddress())
				.map(InetSocketAddress::getPort)
				.orElse(-1);
			boolean matches = management.isPresent() && !management.equals(server) && management.get() == port;
			return matches ? ServerWebExchangeMatcher.MatchResult.match()
					: ServerWebExchangeMatcher.MatchResult.notMatch();
		};
		ServerWebExchangeMatcher both = (exchange) -> path.matches(exchange)
			.flatMap((result) -> result.isMatch() ? onManagementPort.matches(exchange) : Mono.just(result));
		return (exchanges) -> exchanges.matchers(both).permitAll();
	}

}
