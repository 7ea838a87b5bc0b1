package io.grapevine.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.grapevine.security.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;

@AutoConfigureWebTestClient(timeout = "PT60S")
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "grapevine.security.users[0].username=mia",
				"grapevine.security.users[0].password-hash=" + GrapevineSecurityTests.MEMBER_HASH,
				"grapevine.security.users[1].username=ada",
				"grapevine.security.users[1].password-hash=" + GrapevineSecurityTests.ADMIN_HASH,
				"grapevine.security.users[1].roles=ADMIN" })
@Import(ApiTokenRoutesTests.KeptInMemory.class)
class ApiTokenRoutesTests {

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient web;

	@Test
	void anAdministratorMakesATokenThatWorksAtOnceAndStopsWhenRevoked() {
		Map<String, Object> created = this.web.post()
			.uri("/api/tokens")
			.headers((headers) -> headers.setBasicAuth("ada", "admin-password"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "nightly report", "roles", List.of("admin")))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(OBJECT)
			.returnResult()
			.getResponseBody();
		String token = (String) created.get("token");
		assertThat(created).containsEntry("roles", List.of("ADMIN")).containsEntry("createdBy", "ada");
		this.web.post()
			.uri("/api/things")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
		this.web.get()
			.uri("/api/tokens")
			.headers((headers) -> headers.setBasicAuth("ada", "admin-password"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].name")
			.isEqualTo("nightly report")
			.jsonPath("$[0].token")
			.doesNotExist()
			.jsonPath("$[0].hash")
			.doesNotExist();
		this.web.delete()
			.uri("/api/tokens/{id}", created.get("id"))
			.headers((headers) -> headers.setBasicAuth("ada", "admin-password"))
			.exchange()
			.expectStatus()
			.isNoContent();
		this.web.post()
			.uri("/api/things")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void aTokenNeedsANameAndKnownRoles() {
		for (Object body : List.of(Map.of("roles", List.of("MEMBER")), Map.of("name", "x", "roles", List.of("OWNER")),
				"not json")) {
			this.web.post()
				.uri("/api/tokens")
				.headers((headers) -> headers.setBasicAuth("ada", "admin-password"))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void membersNeitherSeeNorMakeTokens() {
		this.web.get()
			.uri("/api/tokens")
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.web.post()
			.uri("/api/tokens")
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "mine"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class KeptInMemory {

		@Bean
		@Primary
		ApiTokenStore inMemoryTokens() {
			return new ApiTokensTests.SharedStore();
		}

	}

}
