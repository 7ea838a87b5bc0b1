package io.grapevine.security;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import io.grapevine.security.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;

@AutoConfigureWebTestClient(timeout = "PT60S")
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "grapevine.security.users[0].username=mia",
				"grapevine.security.users[0].password-hash=" + GrapevineSecurityTests.MEMBER_HASH,
				"grapevine.security.users[0].department=operations",
				"grapevine.security.users[0].email= mia@harborcity-transit.example ",
				"grapevine.security.users[1].username=ada",
				"grapevine.security.users[1].password-hash={bcrypt}" + GrapevineSecurityTests.ADMIN_HASH,
				"grapevine.security.users[1].roles=ADMIN", "management.endpoint.health.probes.enabled=true",
				"grapevine.security.api-tokens.configured[0].name=nightly-report",
				"grapevine.security.api-tokens.configured[0].hash=" + GrapevineSecurityTests.TOKEN_HASH,
				"grapevine.security.api-tokens.configured[0].roles=ADMIN" })
class GrapevineSecurityTests {

	// bcrypt (cost 4) of member-password and admin-password.
	static final String MEMBER_HASH = "$2a$04$ByqyVElis2lUhhXFSaQH3e4nle42rdMrYqDbU0W.iK7akZ15xo7iC";

	static final String ADMIN_HASH = "$2a$04$NcHof5KTIMJCAr3dgt0sp.73gMn4s/y0TfHHHDrL5R6InJzDjQNtC";

	// An API token given in the settings by its SHA-256, as a service's is.
	static final String TOKEN = "gv_5eed5eed5eed5eed_nightly-report-token-for-the-tests-only-000";

	static final String TOKEN_HASH = "0889f3be97242c4b5002ca0cc88e15f56aff7e8884e7467666ed7f6ae2981071";

	@Autowired
	WebTestClient web;

	@Test
	void aScriptCallsWithAnApiTokenAsItsNamedCaller() {
		this.web.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(TOKEN))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("nightly-report")
			.jsonPath("$.roles")
			.value((roles) -> assertThat((List<Object>) roles).containsExactlyInAnyOrder("MEMBER", "ADMIN"));
		this.web.post()
			.uri("/api/things")
			.headers((headers) -> headers.setBearerAuth(TOKEN))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aWrongApiTokenGetsA401ProblemDetailThatSaysSo() {
		this.web.get()
			.uri("/api/things")
			.headers((headers) -> headers.setBearerAuth(TOKEN.replace("000", "001")))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("API token is unknown or was revoked"));
	}

	@Test
	void tokensCanBeKeptOnlyWhereTheServiceHasElasticsearch() {
		this.web.get()
			.uri("/api/tokens")
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.web.get()
			.uri("/api/tokens")
			.headers((headers) -> headers.setBasicAuth("ada", "admin-password"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void anApiCallWithoutCredentialsGetsA401ProblemDetailAskingForThem() {
		this.web.get()
			.uri("/api/things")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Grapevine\"")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.instance")
			.isEqualTo("/api/things")
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("HTTP Basic").contains("/login"));
	}

	@Test
	void whatAPageAsksForWithoutASessionGets401sThatOpenNoPasswordPrompt() {
		// A style sheet or a call of a page's script: the browser would open its own
		// password prompt over the page for a Basic challenge.
		for (String mode : new String[] { "no-cors", "cors", "same-origin" }) {
			this.web.get()
				.uri("/app.css")
				.header("Sec-Fetch-Mode", mode)
				.header("Sec-Fetch-Dest", "style")
				.accept(MediaType.valueOf("text/css"), MediaType.ALL)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
		}
		// An API address typed into the browser still offers the prompt.
		this.web.get()
			.uri("/api/things")
			.header("Sec-Fetch-Mode", "navigate")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Grapevine\"");
	}

	@Test
	void anAnswerToARequestFromBeforeTheSignInDoesNotSignTheBrowserOut() {
		// The page asked for before signing in starts a session that remembers it.
		ResponseCookie before = this.web.get()
			.uri("/page")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.returnResult()
			.getResponseCookies()
			.getFirst("SESSION");
		assertThat(before).isNotNull();
		String token = this.web.get()
			.uri("/login")
			.cookie("SESSION", before.getValue())
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseCookies()
			.getFirst("XSRF-TOKEN")
			.getValue();
		ResponseCookie signedIn = this.web.post()
			.uri("/login")
			.cookie("SESSION", before.getValue())
			.cookie("XSRF-TOKEN", token)
			.body(BodyInserters.fromFormData("username", "mia")
				.with("password", "member-password")
				.with("_csrf", token))
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/page")
			.expectBody()
			.returnResult()
			.getResponseCookies()
			.getFirst("SESSION");
		assertThat(signedIn.getValue()).isNotEqualTo(before.getValue());
		// The browser's request for the sign-in page's icon, sent with the old id while
		// the form was sent, is answered after the sign-in: its answer must not expire
		// the cookie the sign-in just set.
		EntityExchangeResult<byte[]> icon = this.web.get()
			.uri("/favicon.ico")
			.cookie("SESSION", before.getValue())
			.header("Sec-Fetch-Mode", "no-cors")
			.exchange()
			.expectBody()
			.returnResult();
		assertThat(icon.getResponseCookies().get("SESSION")).isNull();
		this.web.get().uri("/api/me").cookie("SESSION", signedIn.getValue()).exchange().expectStatus().isOk();
	}

	@Test
	void aWriteWithoutCredentialsOrSessionGetsA401ProblemDetailToo() {
		this.web.post()
			.uri("/api/things")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aPageWithoutSignInSendsTheBrowserToTheSignInForm() {
		this.web.get()
			.uri("/page")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/login");
		this.web.get()
			.uri("/login")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("<form method=\"post\" action=\"/login\">")
				.contains("name=\"username\"")
				.contains("name=\"password\"")
				.contains("name=\"_csrf\"")
				.doesNotContain("/oauth2/authorization"));
	}

	@Test
	void theHealthStaysOpen() {
		this.web.get().uri("/actuator/health").exchange().expectStatus().isOk();
		this.web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

	@Test
	void aMemberReadsButChangingThingsNeedsAnAdministrator() {
		this.web.get()
			.uri("/api/things")
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0]")
			.isEqualTo("a thing");
		this.web.post()
			.uri("/api/things")
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403)
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("POST /api/things").contains("administrator"));
	}

	@Test
	void anAdministratorChangesThingsWithHttpBasicAndNoCsrfToken() {
		this.web.post()
			.uri("/api/things")
			.headers((headers) -> headers.setBasicAuth("ada", "admin-password"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.changed")
			.isEqualTo("yes");
	}

	@Test
	void aWriteTheServiceOpensToMembersIsOpenToThem() {
		this.web.post()
			.uri("/api/notes")
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void thirtyWrongPasswordsInARowMakeEvenTheRightOneWaitWithA429() throws InterruptedException {
		String user = "ada";
		// Another address than the other tests' is not needed: the user's own count trips
		// first, and the right password clears it again at the end.
		int refused = 0;
		for (int i = 0; i < 30; i++) {
			String guess = "guess-" + i;
			int status = this.web.get()
				.uri("/api/things")
				.headers((headers) -> headers.setBasicAuth(user, guess))
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value();
			refused += (status == 429) ? 1 : 0;
		}
		assertThat(refused).isGreaterThan(20);
		this.web.get()
			.uri("/api/things")
			.headers((headers) -> headers.setBasicAuth(user, "admin-password"))
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).startsWith("Too many failed sign-ins: try again in"));
		// Once the wait has passed, the right password signs in and clears the count.
		long deadline = System.currentTimeMillis() + 20_000;
		int status;
		do {
			Thread.sleep(250);
			status = this.web.get()
				.uri("/api/things")
				.headers((headers) -> headers.setBasicAuth(user, "admin-password"))
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value();
		}
		while (status == 429 && System.currentTimeMillis() < deadline);
		assertThat(status).isEqualTo(200);
	}

	@Test
	void aWrongPasswordIsRefused() {
		this.web.get()
			.uri("/api/things")
			.headers((headers) -> headers.setBasicAuth("ada", "member-password"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The user name or password is wrong");
		this.web.get()
			.uri("/api/things")
			.headers((headers) -> headers.setBasicAuth("nobody", "member-password"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void theSignedInUserIsShownWithRolesDepartmentAndEmail() {
		this.web.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("mia")
			.jsonPath("$.roles")
			.isEqualTo(List.of("MEMBER"))
			.jsonPath("$.department")
			.isEqualTo("operations")
			.jsonPath("$.email")
			.isEqualTo("mia@harborcity-transit.example");
		this.web.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBasicAuth("ada", "admin-password"))
			.exchange()
			.expectBody()
			.jsonPath("$.roles")
			.value((roles) -> assertThat((List<Object>) roles).containsExactlyInAnyOrder("MEMBER", "ADMIN"))
			.jsonPath("$.email")
			.doesNotExist();
	}

	@Test
	void signingInWithTheFormStartsASessionWhoseWritesNeedTheCsrfToken() {
		EntityExchangeResult<String> login = this.web.get()
			.uri("/login")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		ResponseCookie xsrf = login.getResponseCookies().getFirst("XSRF-TOKEN");
		assertThat(xsrf).isNotNull();
		assertThat(xsrf.isHttpOnly()).isFalse();
		Matcher hidden = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.getResponseBody());
		assertThat(hidden.find()).isTrue();
		assertThat(hidden.group(1)).isEqualTo(xsrf.getValue());

		EntityExchangeResult<byte[]> signedIn = this.web.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", xsrf.getValue())
			.body(BodyInserters.fromFormData("username", "ada")
				.with("password", "admin-password")
				.with("_csrf", xsrf.getValue()))
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.returnResult();
		assertThat(signedIn.getResponseHeaders().getLocation()).isEqualTo(URI.create("/"));
		ResponseCookie session = signedIn.getResponseCookies().getFirst("SESSION");
		assertThat(session).isNotNull();

		this.web.get()
			.uri("/api/me")
			.cookie("SESSION", session.getValue())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("ada");
		this.web.post()
			.uri("/api/things")
			.cookie("SESSION", session.getValue())
			.exchange()
			.expectStatus()
			.isForbidden();
		this.web.post()
			.uri("/api/things")
			.cookie("SESSION", session.getValue())
			.cookie("XSRF-TOKEN", xsrf.getValue())
			.header("X-XSRF-TOKEN", xsrf.getValue())
			.exchange()
			.expectStatus()
			.isOk();
		// A header that authenticates nothing does not lift the session's CSRF check: not
		// even Basic without a colon (Zm9v is "foo"), which Spring Security ignores and
		// so leaves the session to authenticate the call.
		for (String authorization : new String[] { "Foo", "Bearer x", "Digest abc", "Basic Zm9v", "Basic !!" }) {
			this.web.post()
				.uri("/api/things")
				.cookie("SESSION", session.getValue())
				.header("Authorization", authorization)
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		// Credentials that authenticate the call themselves need no token; wrong ones
		// are a 401, never the session's call.
		this.web.post()
			.uri("/api/things")
			.cookie("SESSION", session.getValue())
			.headers((headers) -> headers.setBasicAuth("ada", "admin-password"))
			.exchange()
			.expectStatus()
			.isOk();
		this.web.post()
			.uri("/api/things")
			.cookie("SESSION", session.getValue())
			.headers((headers) -> headers.setBearerAuth(TOKEN))
			.exchange()
			.expectStatus()
			.isOk();
		this.web.post()
			.uri("/api/things")
			.cookie("SESSION", session.getValue())
			.headers((headers) -> headers.setBearerAuth(TOKEN.replace("000", "001")))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.web.post()
			.uri("/api/things")
			.cookie("SESSION", session.getValue())
			.headers((headers) -> headers.setBasicAuth("ada", "wrong-password"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void signingOutEndsTheSession() {
		String token = this.web.get()
			.uri("/login")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseCookies()
			.getFirst("XSRF-TOKEN")
			.getValue();
		String session = this.web.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", token)
			.body(BodyInserters.fromFormData("username", "mia")
				.with("password", "member-password")
				.with("_csrf", token))
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.returnResult()
			.getResponseCookies()
			.getFirst("SESSION")
			.getValue();
		this.web.get().uri("/api/me").cookie("SESSION", session).exchange().expectStatus().isOk();

		this.web.post()
			.uri("/logout")
			.cookie("SESSION", session)
			.cookie("XSRF-TOKEN", token)
			.body(BodyInserters.fromFormData("_csrf", token))
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/login?logout");
		this.web.get().uri("/api/me").cookie("SESSION", session).exchange().expectStatus().isUnauthorized();
		this.web.get()
			.uri("/login?logout")
			.exchange()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("You are signed out"));
	}

	@Test
	void aWrongPasswordInTheFormGoesBackToTheFormWithAnError() {
		EntityExchangeResult<String> login = this.web.get()
			.uri("/login")
			.exchange()
			.expectBody(String.class)
			.returnResult();
		String token = login.getResponseCookies().getFirst("XSRF-TOKEN").getValue();

		this.web.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", token)
			.body(BodyInserters.fromFormData("username", "ada").with("password", "wrong").with("_csrf", token))
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/login?error");
		this.web.get()
			.uri("/login?error")
			.exchange()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("The user name or password is wrong"));
	}

	@Test
	void aFormPostWithoutTheCsrfTokenIsRefused() {
		this.web.post()
			.uri("/login")
			.body(BodyInserters.fromFormData("username", "ada").with("password", "admin-password"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

}
