package io.grapevine.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.grapevine.security.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;

@AutoConfigureWebTestClient(timeout = "PT60S")
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "grapevine.security.users[0].username=mia",
				"grapevine.security.users[0].password-hash=" + GrapevineSecurityTests.MEMBER_HASH,
				"grapevine.security.relay.secret=" + RelayedIdentityTests.SECRET,
				"server.reactive.session.cookie.name=SAMPLE_SESSION" })
class RelayedIdentityTests {

	static final String SECRET = "a-relay-secret-of-the-tests-only-0123456789";

	private static final GrapevineSecurityProperties.Relay RELAY = new GrapevineSecurityProperties.Relay(SECRET,
			Duration.ofMinutes(1));

	@Autowired
	WebTestClient web;

	@Test
	void aPersonSignedInAtTheFrontDoorIsKnownWithRolesDepartmentAndEmail() {
		String token = RelayTokens.of(RELAY)
			.sign(new SignedInUser("amy", Set.of(Role.MEMBER, Role.ADMIN), Optional.of("operations"),
					Optional.of("amy@harborcity-transit.example")));
		this.web.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("amy")
			.jsonPath("$.roles.length()")
			.isEqualTo(2)
			.jsonPath("$.department")
			.isEqualTo("operations")
			.jsonPath("$.email")
			.isEqualTo("amy@harborcity-transit.example");
	}

	@Test
	void aRelayedMemberStillNeedsAnAdministratorToChangeThings() {
		String token = RelayTokens.of(RELAY).sign(member("bob"));
		this.web.post()
			.uri("/api/notes")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
		this.web.post()
			.uri("/api/things")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aTokenSignedWithAnotherKeyIsRefusedWithAProblemDetail() {
		String forged = RelayTokens
			.of(new GrapevineSecurityProperties.Relay("another-key-that-is-long-enough-0123456789",
					Duration.ofMinutes(1)))
			.sign(member("mallory"));
		this.web.get()
			.uri("/api/things")
			.headers((headers) -> headers.setBearerAuth(forged))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("grapevine.security.relay.secret"));
	}

	@Test
	void anExpiredTokenIsRefused() {
		Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
		String expired = new RelayTokens(RELAY, anHourAgo).sign(member("bob"));
		this.web.get()
			.uri("/api/things")
			.headers((headers) -> headers.setBearerAuth(expired))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void theServicesOwnSignInStaysForThoseWhoUseItDirectly() {
		this.web.get()
			.uri("/api/things")
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void signingInWithTheFormSetsTheServicesOwnSessionCookie() {
		String login = this.web.get()
			.uri("/login")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseCookies()
			.getFirst("XSRF-TOKEN")
			.getValue();
		this.web.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", login)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("username=mia&password=member-password&_csrf=" + login)
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.expectCookie()
			.exists("SAMPLE_SESSION");
	}

	private static SignedInUser member(String name) {
		return new SignedInUser(name, Set.of(Role.MEMBER), Optional.empty(), Optional.empty());
	}

}
