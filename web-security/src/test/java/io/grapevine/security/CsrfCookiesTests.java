package io.grapevine.security;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.csrf.CsrfToken;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfCookiesTests {

	@Test
	void theCookieIsSecureExactlyWhenTheRequestCameOverHttps() {
		CsrfCookies cookies = CsrfCookies.of("X-XSRF-TOKEN", new MockEnvironment());
		ResponseCookie overHttps = saved(cookies, MockServerHttpRequest.get("https://grapevine.example/login"));
		assertThat(overHttps.isSecure()).isTrue();
		assertThat(overHttps.isHttpOnly()).isFalse();
		assertThat(overHttps.getSameSite()).isEqualTo("Lax");
		assertThat(saved(cookies, MockServerHttpRequest.get("http://127.0.0.1:8080/login")).isSecure()).isFalse();
	}

	@Test
	void theCookieTakesTheSameSiteTheSessionCookieIsGiven() {
		CsrfCookies strict = CsrfCookies.of("X-XSRF-TOKEN",
				new MockEnvironment().withProperty("server.reactive.session.cookie.same-site", "strict"));
		assertThat(saved(strict, MockServerHttpRequest.get("https://grapevine.example/login")).getSameSite())
			.isEqualTo("Strict");
		CsrfCookies omitted = CsrfCookies.of("X-XSRF-TOKEN",
				new MockEnvironment().withProperty("server.reactive.session.cookie.same-site", "omitted"));
		assertThat(saved(omitted, MockServerHttpRequest.get("https://grapevine.example/login")).getSameSite()).isNull();
	}

	@Test
	void theTokenIsReadBackFromTheCookieWhateverTheScheme() {
		CsrfCookies cookies = CsrfCookies.of("X-XSRF-TOKEN", new MockEnvironment());
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("https://grapevine.example/api/things")
				.cookie(new HttpCookie("XSRF-TOKEN", "a-token")));
		CsrfToken token = cookies.loadToken(exchange).block();
		assertThat(token).isNotNull();
		assertThat(token.getToken()).isEqualTo("a-token");
		assertThat(token.getHeaderName()).isEqualTo("X-XSRF-TOKEN");
	}

	private static ResponseCookie saved(CsrfCookies cookies, MockServerHttpRequest.BaseBuilder<?> request) {
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		CsrfToken token = cookies.generateToken(exchange).block();
		cookies.saveToken(exchange, token).block();
		ResponseCookie cookie = exchange.getResponse().getCookies().getFirst("XSRF-TOKEN");
		assertThat(cookie).isNotNull();
		assertThat(cookie.getValue()).isEqualTo(token.getToken());
		return cookie;
	}

}
