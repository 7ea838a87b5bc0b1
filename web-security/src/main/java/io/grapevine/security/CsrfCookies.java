package io.grapevine.security;

import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.Cookie;
import org.springframework.core.env.Environment;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps a browser session's CSRF token in the {@code XSRF-TOKEN} cookie the dashboard's
 * scripts read, marked as the session cookie is: {@code Secure} when the request came
 * over https (directly or through an ingress that says so in {@code X-Forwarded-Proto}),
 * and with the session cookie's {@code SameSite}.
 */
final class CsrfCookies implements ServerCsrfTokenRepository {

	// WebFlux's session cookie is Lax unless server.reactive.session.cookie.same-site
	// says otherwise.
	private static final String SESSION_SAME_SITE = "Lax";

	private final CookieServerCsrfTokenRepository overHttps;

	private final CookieServerCsrfTokenRepository overHttp;

	private CsrfCookies(String headerName, Optional<String> sameSite) {
		this.overHttps = repository(headerName, true, sameSite);
		this.overHttp = repository(headerName, false, sameSite);
	}

	/**
	 * The CSRF cookies of a service whose session cookie is set by the given environment.
	 * @param headerName the header the dashboard sends the token back in
	 * @param environment the service's settings, read for the session cookie's SameSite
	 * @return the repository
	 */
	static CsrfCookies of(String headerName, Environment environment) {
		Optional<String> sameSite = Binder.get(environment)
			.bind("server.reactive.session.cookie.same-site", Cookie.SameSite.class)
			.map((configured) -> Optional.ofNullable(configured.attributeValue()))
			.orElse(Optional.of(SESSION_SAME_SITE));
		return new CsrfCookies(headerName, sameSite);
	}

	private static CookieServerCsrfTokenRepository repository(String headerName, boolean secure,
			Optional<String> sameSite) {
		CookieServerCsrfTokenRepository repository = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
		repository.setHeaderName(headerName);
		// Spring Security's own rule looks at the connection only (SslInfo), which the
		// forwarded headers do not change; the session cookie follows the request's
		// scheme.
		repository.setCookieCustomizer((cookie) -> cookie.secure(secure).sameSite(sameSite.orElse(null)));
		return repository;
	}

	static boolean overHttps(ServerWebExchange exchange) {
		return "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())
				|| exchange.getRequest().getSslInfo() != null;
	}

	private CookieServerCsrfTokenRepository of(ServerWebExchange exchange) {
		return overHttps(exchange) ? this.overHttps : this.overHttp;
	}

	@Override
	public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
		return of(exchange).generateToken(exchange);
	}

	@Override
	public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
		return of(exchange).saveToken(exchange, token);
	}

	@Override
	public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
		return of(exchange).loadToken(exchange);
	}

}
