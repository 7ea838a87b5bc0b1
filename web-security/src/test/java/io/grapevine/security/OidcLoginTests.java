package io.grapevine.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.grapevine.security.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through an OpenID Connect provider, followed as a browser follows it: the
 * redirects, the cookies, the code and the id token.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class OidcLoginTests {

	private static final FakeOidcProvider provider = FakeOidcProvider.start("grapevine", "client-s3cret");

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	// A connection of its own for every request, as the redirects cross two servers.
	private HttpClient browser() {
		return HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofMinutes(2))
			.build();
	}

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("grapevine.security.oidc.issuer-uri", provider::issuer);
		registry.add("grapevine.security.oidc.client-id", () -> "grapevine");
		registry.add("grapevine.security.oidc.client-secret", () -> "client-s3cret");
		registry.add("grapevine.security.oidc.admin-group", () -> "listening-admins");
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@Test
	void aPersonFollowsTheLoginRedirectsAndIsSignedInWithTheirNameAndTheRoleOfTheirGroup() throws Exception {
		provider.signInAs(Map.of("preferred_username", "dana", "groups", List.of("staff", "listening-admins"),
				"department", "communications", "email", "dana@harborcity-transit.example", "email_verified", true));

		List<URI> visited = new ArrayList<>();
		HttpResponse<String> page = follow(app("/page"), visited);

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("The page");
		assertThat(visited).extracting(URI::getPath)
			.containsExactly("/page", "/oauth2/authorization/oidc", "/realms/staff/protocol/openid-connect/auth",
					"/login/oauth2/code/oidc", "/page");
		Map<String, String> authorize = provider.authorizeRequests().get(provider.authorizeRequests().size() - 1);
		assertThat(authorize).containsEntry("client_id", "grapevine")
			.containsEntry("response_type", "code")
			.containsEntry("redirect_uri", app("/login/oauth2/code/oidc").toString())
			.containsKeys("state", "nonce");
		assertThat(authorize.get("scope").split(" ")).contains("openid");
		Map<String, String> token = provider.tokenRequests().get(provider.tokenRequests().size() - 1);
		assertThat(token).containsEntry("grant_type", "authorization_code")
			.containsEntry("redirect_uri", app("/login/oauth2/code/oidc").toString())
			.containsEntry("authorization", "Basic Z3JhcGV2aW5lOmNsaWVudC1zM2NyZXQ=");

		JsonNode me = json.readTree(get(app("/api/me"), "application/json").body());
		assertThat(me.path("username").asText()).isEqualTo("dana");
		assertThat(me.path("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("MEMBER", "ADMIN");
		assertThat(me.path("department").asText()).isEqualTo("communications");
		assertThat(me.path("email").asText()).isEqualTo("dana@harborcity-transit.example");
		assertThat(post(app("/api/things")).statusCode()).isEqualTo(200);
	}

	@Test
	void someoneOutsideTheAdminGroupIsAMemberAndMayNotChangeThings() throws Exception {
		provider.signInAs(Map.of("preferred_username", "bo", "groups", List.of("staff")));

		HttpResponse<String> page = follow(app("/page"), new ArrayList<>());

		assertThat(page.statusCode()).isEqualTo(200);
		JsonNode me = json.readTree(get(app("/api/me"), "application/json").body());
		assertThat(me.path("username").asText()).isEqualTo("bo");
		assertThat(me.path("roles")).extracting(JsonNode::asText).containsExactly("MEMBER");
		assertThat(me.has("email")).as("no email claim, no email").isFalse();
		assertThat(get(app("/api/things"), "application/json").statusCode()).isEqualTo(200);
		HttpResponse<String> refused = post(app("/api/things"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(json.readTree(refused.body()).path("detail").asText()).contains("needs an administrator");
		assertThat(post(app("/api/notes")).statusCode()).isEqualTo(200);
	}

	@Test
	void anEmailTheProviderHasNotVerifiedIsNotTaken() throws Exception {
		provider.signInAs(
				Map.of("preferred_username", "cy", "email", "cy@harborcity-transit.example", "email_verified", false));

		assertThat(follow(app("/page"), new ArrayList<>()).statusCode()).isEqualTo(200);
		JsonNode me = json.readTree(get(app("/api/me"), "application/json").body());
		assertThat(me.path("username").asText()).isEqualTo("cy");
		assertThat(me.has("email")).isFalse();
	}

	@Test
	void anApiCallWithoutASessionGetsA401ProblemDetailAndNoBasicChallenge() throws Exception {
		HttpResponse<String> response = get(app("/api/things"), "application/json");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	private HttpResponse<String> follow(URI start, List<URI> visited) throws IOException, InterruptedException {
		URI next = start;
		for (int hop = 0; hop < 10; hop++) {
			visited.add(next);
			HttpResponse<String> response = get(next, "text/html");
			if (response.statusCode() / 100 != 3) {
				return response;
			}
			next = next.resolve(response.headers().firstValue("Location").orElseThrow());
		}
		throw new AssertionError("More than 10 redirects: " + visited);
	}

	private HttpResponse<String> get(URI uri, String accept) throws IOException, InterruptedException {
		return browser().send(
				HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofMinutes(2)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	// As the dashboard posts: with the token of the XSRF-TOKEN cookie in X-XSRF-TOKEN.
	private HttpResponse<String> post(URI uri) throws IOException, InterruptedException {
		String token = this.cookies.getCookieStore()
			.get(uri)
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No XSRF-TOKEN cookie"));
		return browser().send(HttpRequest.newBuilder(uri)
			.header("Accept", "application/json")
			.header("X-XSRF-TOKEN", token)
			.timeout(Duration.ofMinutes(2))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI app(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
