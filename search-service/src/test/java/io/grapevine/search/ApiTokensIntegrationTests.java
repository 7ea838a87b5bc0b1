package io.grapevine.search;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tokens on the real Elasticsearch node: an administrator creates one (shown once),
 * lists them without secrets, a script searches with it, and revoking it stops it at
 * once.
 */
class ApiTokensIntegrationTests extends LiveStackTestSupport {

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	// Creating the first token creates its index, which takes a while on a busy machine.
	private WebTestClient client;

	private WebTestClient member;

	@BeforeEach
	void patientClients() {
		this.client = this.anonymous.mutate().responseTimeout(Duration.ofSeconds(60)).build();
		this.member = this.web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
	}

	@Test
	void anAdministratorCreatesATokenAScriptSearchesWithItAndRevokingItStopsItAtOnce() {
		Map<String, Object> created = this.client.post()
			.uri("/api/tokens")
			.headers((headers) -> headers.setBasicAuth(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "weekly export script"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody(OBJECT)
			.returnResult()
			.getResponseBody();
		String id = (String) created.get("id");
		String token = (String) created.get("token");
		assertThat(token).startsWith("gv_" + id + "_");
		assertThat(created).containsEntry("name", "weekly export script")
			.containsEntry("roles", List.of("MEMBER"))
			.containsEntry("createdBy", TestUsers.ADMIN);

		List<Map<String, Object>> listed = this.client.get()
			.uri("/api/tokens")
			.headers((headers) -> headers.setBasicAuth(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LIST)
			.returnResult()
			.getResponseBody();
		assertThat(listed).anySatisfy((shown) -> assertThat(shown).containsEntry("id", id)
			.containsEntry("name", "weekly export script")
			.doesNotContainKeys("token", "hash"));
		assertThat(listed.toString()).doesNotContain(token.substring(3 + 16 + 1));

		this.client.get()
			.uri("/api/mentions?q=fare")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("weekly export script")
			.jsonPath("$.roles")
			.isEqualTo(List.of("MEMBER"));
		// A member's token does not make tokens.
		this.client.post()
			.uri("/api/tokens")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "escalation"))
			.exchange()
			.expectStatus()
			.isForbidden();

		this.client.delete()
			.uri("/api/tokens/{id}", id)
			.headers((headers) -> headers.setBasicAuth(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isNoContent();
		this.client.get()
			.uri("/api/mentions?q=fare")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.delete()
			.uri("/api/tokens/{id}", id)
			.headers((headers) -> headers.setBasicAuth(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void onlyAnAdministratorSeesOrMakesTokensAndANameIsNeeded() {
		this.member.get().uri("/api/tokens").exchange().expectStatus().isForbidden();
		this.member.post()
			.uri("/api/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "mine"))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.post()
			.uri("/api/tokens")
			.headers((headers) -> headers.setBasicAuth(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("roles", List.of("OWNER")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
