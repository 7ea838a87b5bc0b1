package io.grapevine.security;

import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who a page is shown to, and what its Sign out form sends: pages put it in their model
 * as {@code account} so their header names the person and lets them sign out.
 *
 * @param username the name they signed in with
 * @param admin whether they are an administrator
 * @param csrfParameter the form field that carries the session's CSRF token, if the
 * request has one
 * @param csrfToken the token, if the request has one
 */
public record PageAccount(String username, boolean admin, Optional<String> csrfParameter, Optional<String> csrfToken) {

	/** The model attribute pages read it from. */
	public static final String ATTRIBUTE = "account";

	/**
	 * The account of the person a request comes from.
	 * @param exchange the request
	 * @return the account, or empty when nobody is signed in
	 */
	public static Mono<PageAccount> of(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		Mono<Optional<CsrfToken>> csrf = (token != null) ? token.map(Optional::of).defaultIfEmpty(Optional.empty())
				: Mono.just(Optional.empty());
		return SignedInUser.current()
			.zipWith(csrf, (user, found) -> new PageAccount(user.username(), user.isAdmin(),
					found.map(CsrfToken::getParameterName), found.map(CsrfToken::getToken)));
	}

}
