package io.grapevine.search.people;

import io.grapevine.security.SignedInUser;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Notes everyone who signs in, so that people of the organization's OpenID Connect
 * provider can be assigned mentions once they have used the platform.
 */
@Component
class SignedInPeople implements WebFilter, Ordered {

	private final PeopleDirectory directory;

	SignedInPeople(PeopleDirectory directory) {
		this.directory = directory;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// After the security filters, so the signed-in user is known; noted once per run.
		return SignedInUser.current().flatMap(this.directory::signedIn).then(Mono.defer(() -> chain.filter(exchange)));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
