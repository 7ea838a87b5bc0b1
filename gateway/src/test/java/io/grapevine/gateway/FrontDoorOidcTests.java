package io.grapevine.gateway;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway signing people in through the organization's OpenID Connect provider: one
 * sign-in at the provider serves the pages of every service behind it.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=gateway", GatewayTestSupport.WITHOUT_THE_SERVICES_AUTO_CONFIGURATION,
				"grapevine.security.relay.secret=" + FrontDoorTests.SECRET })
class FrontDoorOidcTests {

	private static final FakeOidcProvider provider = FakeOidcProvider.start("grapevine", "client-s3cret");

	private static final StandInService search = new StandInService("search-service");

	private static final StandInService digest = new StandInService("digest-service");

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("grapevine.security.oidc.issuer-uri", provider::issuer);
		registry.add("grapevine.security.oidc.client-id", () -> "grapevine");
		registry.add("grapevine.security.oidc.client-secret", () -> "client-s3cret");
		registry.add("grapevine.security.oidc.admin-group", () -> "listening-admins");
		registry.add("grapevine.gateway.search-service", search::url);
		registry.add("grapevine.gateway.digest-service", digest::url);
	}

	@AfterAll
	static void stop() {
		provider.close();
		search.close();
		digest.close();
	}

	@Test
	void aDigestLinkFollowedSignedOutLandsOnItsPageAfterTheProviderAndEveryOtherPageNeedsNoSecondSignIn()
			throws Exception {
		provider.signInAs(Map.of("preferred_username", "dana", "groups", List.of("staff", "listening-admins"),
				"department", "communications", "email", "dana@harborcity-transit.example", "email_verified", true));

		List<URI> visited = new ArrayList<>();
		HttpResponse<String> digestPage = follow(gateway("/digests/communications-2026-11-20"), visited);

		assertThat(visited).extracting(URI::getPath)
			.containsExactly("/digests/communications-2026-11-20", "/oauth2/authorization/oidc",
					"/realms/staff/protocol/openid-connect/auth", "/login/oauth2/code/oidc",
					"/digests/communications-2026-11-20");
		JsonNode atDigest = json.readTree(digestPage.body());
		assertThat(atDigest.path("service").asText()).isEqualTo("digest-service");
		JsonNode claims = FrontDoorTests.claims(atDigest.path("authorization").asText().substring("Bearer ".length()));
		assertThat(claims.path("sub").asText()).isEqualTo("dana");
		assertThat(claims.path("roles")).extracting(JsonNode::asText).containsExactly("ADMIN", "MEMBER");
		assertThat(claims.path("department").asText()).isEqualTo("communications");
		assertThat(claims.path("email").asText()).isEqualTo("dana@harborcity-transit.example");

		int signIns = provider.tokenRequests().size();
		for (String page : List.of("/", "/executive", "/digests", "/alerts")) {
			HttpResponse<String> response = get(gateway(page));
			assertThat(response.statusCode()).as(page).isEqualTo(200);
			assertThat(json.readTree(response.body()).path("authorization").asText()).as(page).startsWith("Bearer ");
		}
		assertThat(provider.tokenRequests()).as("no second sign-in at the provider").hasSize(signIns);
	}

	private HttpResponse<String> follow(URI start, List<URI> visited) throws IOException, InterruptedException {
		URI next = start;
		for (int hop = 0; hop < 10; hop++) {
			visited.add(next);
			HttpResponse<String> response = get(next);
			if (response.statusCode() / 100 != 3) {
				return response;
			}
			next = next.resolve(response.headers().firstValue("Location").orElseThrow());
		}
		throw new AssertionError("More than 10 redirects: " + visited);
	}

	// A browser: cookies kept, redirects followed by the test, a connection for each
	// request as they cross two servers.
	private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofMinutes(2))
			.build();
		return browser.send(
				HttpRequest.newBuilder(uri).header("Accept", "text/html").timeout(Duration.ofMinutes(2)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI gateway(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
