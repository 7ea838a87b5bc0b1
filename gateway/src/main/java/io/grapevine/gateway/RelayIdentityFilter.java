package io.grapevine.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.grapevine.security.RelayTokens;
import io.grapevine.security.SignedInUser;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Passes each request on with who signed in at the front door, as a short-lived signed
 * bearer token, and without the front door's own session cookie or the credentials the
 * browser sent.
 */
final class RelayIdentityFilter implements GlobalFilter, Ordered {

	private final RelayTokens tokens;

	private final String sessionCookie;

	RelayIdentityFilter(RelayTokens tokens, String sessionCookie) {
		this.tokens = tokens;
		this.sessionCookie = sessionCookie;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return SignedInUser.current()
			.map((user) -> Optional.of(this.tokens.sign(user)))
			.defaultIfEmpty(Optional.empty())
			.flatMap((token) -> chain.filter(exchange.mutate()
				.request((request) -> request.headers((headers) -> relay(exchange, headers, token)))
				.build()));
	}

	private void relay(ServerWebExchange exchange, HttpHeaders headers, Optional<String> token) {
		headers.remove(HttpHeaders.AUTHORIZATION);
		token.ifPresent(headers::setBearerAuth);
		List<String> cookies = new ArrayList<>();
		exchange.getRequest()
			.getCookies()
			.forEach((name, values) -> values.stream()
				.filter((cookie) -> !name.equals(this.sessionCookie))
				.map(HttpCookie::toString)
				.forEach(cookies::add));
		headers.remove(HttpHeaders.COOKIE);
		if (!cookies.isEmpty()) {
			headers.set(HttpHeaders.COOKIE, String.join("; ", cookies));
		}
	}

	@Override
	public int getOrder() {
		return 0;
	}

}
