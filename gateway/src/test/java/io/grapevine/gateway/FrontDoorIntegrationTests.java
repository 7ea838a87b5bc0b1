package io.grapevine.gateway;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.grapevine.localstack.LocalStackExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One sign-in at the gateway serves the real search-service and digest-service behind it,
 * each of which keeps its own sign-in and its own rules.
 */
@ExtendWith({ LocalStackExtension.class, BehindTheFrontDoor.class })
class FrontDoorIntegrationTests {

	private static final Pattern ARCHIVE_LINK = Pattern.compile("https?://[^\\s\"<>]+/digests/[^\\s\"<>?#]+");

	@Test
	void oneSignInWithTheFormServesTheDashboardTheExecutiveViewTheArchiveAndTheAlerts() {
		WebTestClient gateway = client(BehindTheFrontDoor.running().gateway());
		String session = signIn(gateway, BehindTheFrontDoor.MEMBER, BehindTheFrontDoor.MEMBER_PASSWORD);
		gateway.get()
			.uri("/api/mentions?size=1")
			.cookie("GRAPEVINE_SESSION", session)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isNumber();
		for (String page : new String[] { "/", "/executive" }) {
			gateway.get()
				.uri(page)
				.cookie("GRAPEVINE_SESSION", session)
				.accept(MediaType.TEXT_HTML)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((html) -> assertThat(html).contains("Grapevine"));
		}
		for (String page : new String[] { "/digests", "/alerts" }) {
			gateway.get()
				.uri(page)
				.cookie("GRAPEVINE_SESSION", session)
				.accept(MediaType.TEXT_HTML)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((html) -> assertThat(html).contains("Signed in as <strong>mia</strong>"));
		}
		gateway.get().uri("/api/digests").cookie("GRAPEVINE_SESSION", session).exchange().expectStatus().isOk();
	}

	@Test
	void anAdministratorRunsADigestThroughTheFrontDoorAndItsEmailLinksToTheOneAddress() throws Exception {
		BehindTheFrontDoor.Running running = BehindTheFrontDoor.running();
		client(running.gateway()).post()
			.uri("/api/digests/run")
			.headers((headers) -> headers.setBasicAuth(BehindTheFrontDoor.ADMIN, BehindTheFrontDoor.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"department\":\"" + BehindTheFrontDoor.DEPARTMENT + "\"}")
			.exchange()
			.expectStatus()
			.isOk();
		String link = archiveLink(running);
		assertThat(link).startsWith(running.gateway() + "/digests/");
		String path = link.substring(running.gateway().length());
		client(running.gateway()).get()
			.uri(path)
			.headers((headers) -> headers.setBasicAuth(BehindTheFrontDoor.MEMBER, BehindTheFrontDoor.MEMBER_PASSWORD))
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("Operations"));
	}

	@Test
	void aMemberSignedInAtTheFrontDoorStillCannotRunADigest() {
		client(BehindTheFrontDoor.running().gateway()).post()
			.uri("/api/digests/run")
			.headers((headers) -> headers.setBasicAuth(BehindTheFrontDoor.MEMBER, BehindTheFrontDoor.MEMBER_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"department\":\"" + BehindTheFrontDoor.DEPARTMENT + "\"}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void theServicesStayUsableOnTheirOwnWithTheirOwnSignIn() {
		BehindTheFrontDoor.Running running = BehindTheFrontDoor.running();
		for (String service : new String[] { running.searchService() + "/api/me",
				running.digestService() + "/api/me" }) {
			client(service).get()
				.headers((headers) -> headers.setBasicAuth(BehindTheFrontDoor.MEMBER,
						BehindTheFrontDoor.MEMBER_PASSWORD))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.username")
				.isEqualTo(BehindTheFrontDoor.MEMBER);
		}
	}

	@Test
	void anApiTokenMadeOnSearchServiceCallsThroughTheFrontDoorWithoutASessionUntilItIsRevoked() {
		WebTestClient gateway = client(BehindTheFrontDoor.running().gateway());
		JsonNode created = gateway.post()
			.uri("/api/tokens")
			.headers((headers) -> headers.setBasicAuth(BehindTheFrontDoor.ADMIN, BehindTheFrontDoor.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"weekly export\",\"roles\":[\"MEMBER\"]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		String token = created.path("token").asText();
		assertThat(token).startsWith("gv_");
		assertThat(created.path("createdBy").asText()).isEqualTo(BehindTheFrontDoor.ADMIN);

		EntityExchangeResult<byte[]> search = gateway.get()
			.uri("/api/mentions?size=1")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isNumber()
			.returnResult();
		assertThat(search.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).as("cookies of a token call").isNull();
		gateway.get()
			.uri("/api/digests")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE);
		gateway.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("weekly export");
		// The services apply their own rules to the token's roles.
		gateway.post()
			.uri("/api/digests/run")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"department\":\"" + BehindTheFrontDoor.DEPARTMENT + "\"}")
			.exchange()
			.expectStatus()
			.isForbidden();

		String sameIdOtherSecret = token.substring(0, token.length() - 4) + "AAAA";
		gateway.get()
			.uri("/api/mentions?size=1")
			.headers((headers) -> headers.setBearerAuth(sameIdOtherSecret))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("API token is unknown or was revoked"));

		gateway.delete()
			.uri("/api/tokens/" + created.path("id").asText())
			.headers((headers) -> headers.setBasicAuth(BehindTheFrontDoor.ADMIN, BehindTheFrontDoor.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isNoContent();
		for (String path : new String[] { "/api/mentions?size=1", "/api/digests" }) {
			gateway.get()
				.uri(path)
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	/**
	 * The link to the archived digest in the newest email to the department's member.
	 * @param running the services
	 * @return the link
	 */
	static String archiveLink(BehindTheFrontDoor.Running running) {
		await().atMost(Duration.ofSeconds(60)).until(() -> running.smtp().getReceivedMessages().length > 0);
		MimeMessage[] messages = running.smtp().getReceivedMessages();
		String body = GreenMailUtil.getBody(messages[messages.length - 1]).replace("=\r\n", "").replace("=3D", "=");
		Matcher link = ARCHIVE_LINK.matcher(body);
		assertThat(link.find()).as("a link to the archive in the digest email").isTrue();
		return link.group();
	}

	static WebTestClient client(String url) {
		return WebTestClient.bindToServer().baseUrl(url).responseTimeout(Duration.ofSeconds(60)).build();
	}

	static String signIn(WebTestClient gateway, String username, String password) {
		String csrf = gateway.get()
			.uri("/login")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseCookies()
			.getFirst("XSRF-TOKEN")
			.getValue();
		ResponseCookie session = gateway.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", csrf)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("username=" + username + "&password=" + password + "&_csrf=" + csrf)
			.exchange()
			.expectStatus()
			.isFound()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("GRAPEVINE_SESSION");
		assertThat(session).as("the gateway's session").isNotNull();
		return session.getValue();
	}

}
