package io.grapevine.search;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session of a person signed in with the form: its cookie is Secure when the service
 * is reached over TLS, as behind an ingress that terminates it, and every answer carries
 * the security headers.
 */
class SessionCookieIntegrationTests extends LiveStackTestSupport {

	@Test
	void theSessionCookieIsSecureWhenTheIngressInFrontServedHttps() {
		ResponseCookie behindTls = signIn("https");
		assertThat(behindTls.isSecure()).isTrue();
		assertThat(behindTls.isHttpOnly()).isTrue();
		assertThat(signIn("http").isSecure()).isFalse();
	}

	@Test
	void pagesAndTheApiCarryTheSecurityHeaders() {
		WebTestClient member = this.web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
		member.get()
			.uri("/")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.value("Content-Security-Policy",
					(policy) -> assertThat(policy).contains("script-src 'self'").contains("object-src 'none'"));
		member.get()
			.uri("/api/mentions?size=1")
			.exchange()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.value("Cache-Control", (value) -> assertThat(value).contains("no-store"));
	}

	private ResponseCookie signIn(String forwardedProto) {
		WebTestClient patient = this.anonymous.mutate().responseTimeout(Duration.ofSeconds(60)).build();
		String csrf = patient.get()
			.uri("/login")
			.header("X-Forwarded-Proto", forwardedProto)
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseCookies()
			.getFirst("XSRF-TOKEN")
			.getValue();
		ResponseCookie session = patient.post()
			.uri("/login")
			.header("X-Forwarded-Proto", forwardedProto)
			.cookie("XSRF-TOKEN", csrf)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("username=" + TestUsers.MEMBER + "&password=" + TestUsers.MEMBER_PASSWORD + "&_csrf=" + csrf)
			.exchange()
			.expectStatus()
			.isFound()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("GRAPEVINE_SEARCH_SESSION");
		assertThat(session).as("search-service's session cookie").isNotNull();
		return session;
	}

}
