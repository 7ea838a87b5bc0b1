package io.grapevine.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers requests that are not signed in or not allowed: pages go to the sign-in page,
 * API calls get a problem detail (RFC 9457).
 */
final class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final boolean basic;

	private final URI loginPage;

	private final ServerRedirectStrategy redirects = new DefaultServerRedirectStrategy();

	private final ServerRequestCache requestCache;

	SecurityProblems(boolean basic, URI loginPage, ServerRequestCache requestCache) {
		this.basic = basic;
		this.loginPage = loginPage;
		this.requestCache = requestCache;
	}

	SecurityProblems(boolean basic, URI loginPage) {
		this(basic, loginPage, new WebSessionServerRequestCache());
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		ServerHttpRequest request = exchange.getRequest();
		if (isPage(request)) {
			return this.requestCache.saveRequest(exchange).then(this.redirects.sendRedirect(exchange, this.loginPage));
		}
		ServerHttpResponse response = exchange.getResponse();
		if (ex instanceof SignInThrottle.ThrottledException throttled) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(throttled.seconds()));
			return write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins", ex.getMessage());
		}
		if (ex instanceof AuthenticationServiceException) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
			return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Sign-in unavailable", ex.getMessage());
		}
		boolean wrongCredentials = request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION);
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (ApiTokens.isToken(authorization)) {
			return write(exchange, HttpStatus.UNAUTHORIZED, "Not signed in",
					"The API token is unknown or was revoked; ask an administrator for a new one");
		}
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return write(exchange, HttpStatus.UNAUTHORIZED, "Not signed in",
					"The token relayed by the gateway was refused (" + ex.getMessage() + "); the gateway and this "
							+ "service must share grapevine.security.relay.secret and agree on the time");
		}
		if (this.basic && !"XMLHttpRequest".equals(request.getHeaders().getFirst("X-Requested-With"))
				&& !fetchedByAPage(request)) {
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Grapevine\"");
		}
		return write(exchange, HttpStatus.UNAUTHORIZED, wrongCredentials ? "Not signed in" : "Sign-in required",
				wrongCredentials ? "The user name or password is wrong"
						: "Sign in first: "
								+ (this.basic ? "send HTTP Basic credentials, or sign in at " + this.loginPage
										: "sign in at " + this.loginPage));
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange,
			org.springframework.security.access.AccessDeniedException denied) {
		if (denied instanceof CsrfException) {
			return write(exchange, HttpStatus.FORBIDDEN, "CSRF token missing",
					"A change made in a browser session needs the token of the XSRF-TOKEN cookie in the "
							+ GrapevineSecurityConfiguration.CSRF_HEADER + " header (or _csrf in a form); reload the "
							+ "page and try again");
		}
		return write(exchange, HttpStatus.FORBIDDEN, "Not allowed",
				exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value()
						+ " needs an administrator; ask one to do it, or to give you the ADMIN role");
	}

	// A style sheet, script, image or call a page asks for: a Basic challenge would open
	// the browser's own password prompt over the page (a headless browser waits on it
	// for ever), where a person signs in through the form. Browsers name the mode of
	// every request they make (Fetch Metadata); a typed address is "navigate" and keeps
	// the challenge, as a script's call without the header does.
	static boolean fetchedByAPage(ServerHttpRequest request) {
		String mode = request.getHeaders().getFirst("Sec-Fetch-Mode");
		return mode != null && !"navigate".equalsIgnoreCase(mode);
	}

	// A browser navigating to a page gets the sign-in page; API clients and the
	// dashboard's own calls get a status they can act on.
	static boolean isPage(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		if (path.startsWith("/api/") || path.equals("/api")) {
			return false;
		}
		List<MediaType> accept = request.getHeaders().getAccept();
		return accept.stream().anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
	}

	private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", exchange.getRequest().getPath().value());
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body;
		try {
			body = json.writeValueAsBytes(problem);
		}
		catch (JsonProcessingException ex) {
			body = detail.getBytes(StandardCharsets.UTF_8);
		}
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}
