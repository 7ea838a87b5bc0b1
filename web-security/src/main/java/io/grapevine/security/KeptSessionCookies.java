package io.grapevine.security;

import java.util.List;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * The session cookie as Spring Boot configures it, except that an answer never expires
 * it: a request that brought the id of a session that is gone (a sign-in changed the id
 * while the browser's request for the page's icon was under way, or the session timed
 * out) would otherwise answer with the cookie expired, and a browser that reads that
 * answer after the sign-in's drops the new session with it, signed out at once. An
 * unknown id authenticates nothing, and the next sign-in replaces the cookie; signing out
 * ends the session on the service.
 */
final class KeptSessionCookies implements WebSessionIdResolver {

	private final WebSessionIdResolver cookies;

	KeptSessionCookies(WebSessionIdResolver cookies) {
		this.cookies = cookies;
	}

	@Override
	public List<String> resolveSessionIds(ServerWebExchange exchange) {
		return this.cookies.resolveSessionIds(exchange);
	}

	@Override
	public void setSessionId(ServerWebExchange exchange, String sessionId) {
		this.cookies.setSessionId(exchange, sessionId);
	}

	@Override
	public void expireSession(ServerWebExchange exchange) {
		// Kept: see above.
	}

	WebSessionIdResolver cookies() {
		return this.cookies;
	}

}
