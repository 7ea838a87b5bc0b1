package io.grapevine.search;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.WebFilter;

/**
 * Signs requests in for the tests until the service has sign-in of its own: the user
 * named by the header {@value #HEADER} or the cookie {@value #COOKIE} becomes the
 * exchange's principal; a request with neither has none.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSignIn {

	/** The header that names the signed-in user. */
	public static final String HEADER = "X-Test-User";

	/** The cookie that names the signed-in user, for the browser. */
	public static final String COOKIE = "test-user";

	@Bean
	WebFilter testSignInFilter() {
		return (exchange, chain) -> {
			String user = exchange.getRequest().getHeaders().getFirst(HEADER);
			if (user == null) {
				HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
				user = (cookie != null) ? cookie.getValue() : null;
			}
			if (user == null || user.isBlank()) {
				return chain.filter(exchange);
			}
			String name = user;
			Principal principal = () -> name;
			return chain.filter(exchange.mutate().principal(Mono.just(principal)).build());
		};
	}

}
