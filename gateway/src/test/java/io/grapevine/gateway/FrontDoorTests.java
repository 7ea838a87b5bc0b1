package io.grapevine.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of two stand-in services that note what reaches them: which
 * service answers which path, and what the gateway passes on about the person.
 */
@AutoConfigureWebTestClient(timeout = "PT60S")
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=gateway", GatewayTestSupport.WITHOUT_THE_SERVICES_AUTO_CONFIGURATION,
				"grapevine.security.users[0].username=mia",
				"grapevine.security.users[0].password-hash=" + FrontDoorTests.MEMBER_HASH,
				"grapevine.security.users[0].department=operations",
				"grapevine.security.users[0].email=mia@harborcity-transit.example",
				"grapevine.security.relay.secret=" + FrontDoorTests.SECRET })
class FrontDoorTests {

	// bcrypt (cost 4) of member-password.
	static final String MEMBER_HASH = "$2a$04$ByqyVElis2lUhhXFSaQH3e4nle42rdMrYqDbU0W.iK7akZ15xo7iC";

	static final String SECRET = "a-relay-secret-of-the-tests-only-0123456789";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final StandInService search = new StandInService("search-service");

	private static final StandInService digest = new StandInService("digest-service");

	@Autowired
	WebTestClient web;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("grapevine.gateway.search-service", search::url);
		registry.add("grapevine.gateway.digest-service", digest::url);
	}

	@AfterAll
	static void stop() {
		search.close();
		digest.close();
	}

	@BeforeEach
	void forget() {
		search.seen.clear();
		digest.seen.clear();
	}

	@Test
	void theArchiveAndAlertsAreDigestServicesAndEveryOtherPathIsSearchServices() {
		for (String path : List.of("/digests", "/digests/operations-2026-11-20", "/alerts", "/api/digests?size=5",
				"/api/alerts/mutes")) {
			assertThat(basic(path).path("service").asText()).as(path).isEqualTo("digest-service");
		}
		for (String path : List.of("/", "/executive", "/app.js", "/api/mentions?q=bus", "/api/saved-searches",
				"/digestsx")) {
			assertThat(basic(path).path("service").asText()).as(path).isEqualTo("search-service");
		}
		assertThat(basic("/api/digests?size=5").path("path").asText()).isEqualTo("/api/digests?size=5");
	}

	@Test
	void aLongListeningQueryReachesSearchServiceToBeJudgedThere() {
		String query = "q=" + "%22late%20again%22%20OR%20".repeat(250) + "delay";
		assertThat(query).hasSizeGreaterThan(6000);
		JsonNode seen = this.web.get()
			.uri(URI.create("/api/mentions?" + query))
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(seen.path("path").asText()).isEqualTo("/api/mentions?" + query);
	}

	@Test
	void theServiceLearnsWhoSignedInFromASignedTokenInsteadOfTheirPassword() {
		String authorization = basic("/api/mentions").path("authorization").asText();
		assertThat(authorization).startsWith("Bearer ");
		JsonNode claims = claims(authorization.substring("Bearer ".length()));
		assertThat(claims.path("sub").asText()).isEqualTo("mia");
		assertThat(claims.path("iss").asText()).isEqualTo("grapevine-gateway");
		assertThat(claims.path("roles").toString()).isEqualTo("[\"MEMBER\"]");
		assertThat(claims.path("department").asText()).isEqualTo("operations");
		assertThat(claims.path("email").asText()).isEqualTo("mia@harborcity-transit.example");
		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(60);
	}

	@Test
	void oneSignInWithTheFormServesBothServicesWithoutPassingTheSessionOn() {
		String session = signIn();
		for (String path : List.of("/api/mentions", "/api/digests")) {
			JsonNode seen = this.web.get()
				.uri(path)
				.cookie("GRAPEVINE_SESSION", session)
				.cookie("theme", "dark")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			assertThat(seen.path("authorization").asText()).startsWith("Bearer ");
			assertThat(seen.path("cookie").asText()).isEqualTo("theme=dark");
		}
	}

	@Test
	void aLinkFollowedSignedOutLandsOnItsPageAfterSignIn() {
		ResponseCookie saved = this.web.get()
			.uri("/digests/operations-2026-11-20?from=email")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/login")
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("GRAPEVINE_SESSION");
		assertThat(digest.seen).isEmpty();
		String csrf = this.web.get()
			.uri("/login")
			.cookie("GRAPEVINE_SESSION", saved.getValue())
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.returnResult(String.class)
			.getResponseCookies()
			.getFirst("XSRF-TOKEN")
			.getValue();
		String landing = this.web.post()
			.uri("/login")
			.cookie("GRAPEVINE_SESSION", saved.getValue())
			.cookie("XSRF-TOKEN", csrf)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("username=mia&password=member-password&_csrf=" + csrf)
			.exchange()
			.expectStatus()
			.isFound()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		assertThat(landing).startsWith("/digests/operations-2026-11-20?from=email");
	}

	@Test
	void signingOutAtTheFrontDoorEndsTheOneSignInForEveryService() {
		String session = signIn();
		String csrf = "sign-out-token";
		this.web.post()
			.uri("/logout")
			.cookie("GRAPEVINE_SESSION", session)
			.cookie("XSRF-TOKEN", csrf)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("_csrf=" + csrf)
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/login?logout");
		for (String path : List.of("/api/mentions", "/api/digests")) {
			this.web.get().uri(path).cookie("GRAPEVINE_SESSION", session).exchange().expectStatus().isUnauthorized();
		}
		assertThat(search.seen).isEmpty();
		assertThat(digest.seen).isEmpty();
	}

	@Test
	void anApiCallSignedOutGetsAProblemDetailAndNeverReachesTheService() {
		this.web.get()
			.uri("/api/digests")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(digest.seen).isEmpty();
	}

	@Test
	void whatAMemberMayChangeIsTheServicesToDecideAndMentionIdsKeepTheirEncoding() {
		JsonNode seen = this.web.post()
			.uri(URI.create("/api/mentions/bluesky%3Aat%3A%2F%2Fdid%3Aplc%3Aabc%2Fpost%2F1/handling"))
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"state\":\"answered\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(seen.path("path").asText())
			.isEqualTo("/api/mentions/bluesky%3Aat%3A%2F%2Fdid%3Aplc%3Aabc%2Fpost%2F1/handling");
		assertThat(seen.path("method").asText()).isEqualTo("POST");
	}

	private JsonNode basic(String path) {
		return this.web.get()
			.uri(path)
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void theSessionCookieIsSecureWhenTheIngressInFrontServedHttps() {
		ResponseCookie behindTls = signIn("https");
		assertThat(behindTls.isSecure()).isTrue();
		assertThat(behindTls.isHttpOnly()).isTrue();
		// Over plain HTTP, as on one machine, a Secure cookie would never come back.
		assertThat(signIn("http").isSecure()).isFalse();
	}

	@Test
	void badPercentEncodingAndAnOverLongRequestLineAreAnsweredWithProblemDetails() throws Exception {
		for (String target : List.of("/api/mentions?q=%zz", "/api/mentions/%zz/handling")) {
			String answer = raw(target);
			assertThat(answer).as(target).startsWith("HTTP/1.1 400 ");
			assertThat(answer.toLowerCase()).as(target).contains("content-type: application/problem+json");
			assertThat(answer).as(target).contains("\"status\":400").contains("two hex digits");
		}
		// Just over the 256 KB gateway.yml sets.
		String answer = raw("/api/mentions?q=" + "fare+OR+".repeat(257 * 1024 / 8) + "fare");
		assertThat(answer).startsWith("HTTP/1.1 414 ");
		assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
		assertThat(answer).contains("\"status\":414");
		assertThat(search.seen).isEmpty();
	}

	@Test
	void everyAnswerCarriesTheSecurityHeadersAndPagesAPolicy() {
		this.web.get()
			.uri("/login")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.value("Content-Security-Policy", (policy) -> assertThat(policy).contains("script-src 'self'"));
	}

	// Sent as bytes: an HTTP client library refuses to send such a URL at all.
	private String raw(String target) throws java.io.IOException {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(20_000);
			String credentials = Base64.getEncoder()
				.encodeToString("mia:member-password".getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream()
				.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
						+ "Authorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
			socket.getInputStream().transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

	private ResponseCookie signIn(String forwardedProto) {
		String csrf = this.web.get()
			.uri("/login")
			.header("X-Forwarded-Proto", forwardedProto)
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseCookies()
			.getFirst("XSRF-TOKEN")
			.getValue();
		return this.web.post()
			.uri("/login")
			.header("X-Forwarded-Proto", forwardedProto)
			.cookie("XSRF-TOKEN", csrf)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("username=mia&password=member-password&_csrf=" + csrf)
			.exchange()
			.expectStatus()
			.isFound()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("GRAPEVINE_SESSION");
	}

	private String signIn() {
		EntityExchangeResult<String> form = this.web.get()
			.uri("/login")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		String csrf = form.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
		ResponseCookie session = this.web.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", csrf)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("username=mia&password=member-password&_csrf=" + csrf)
			.exchange()
			.expectStatus()
			.isFound()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("GRAPEVINE_SESSION");
		assertThat(session).as("the gateway's session cookie").isNotNull();
		return session.getValue();
	}

	static JsonNode claims(String token) {
		try {
			return json
				.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new AssertionError("Not a JWT: " + token, ex);
		}
	}

}
