package io.grapevine.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as deployed is observed: Prometheus scrapes its meters from the management
 * port without signing in, and the trace of a request goes on to the service behind it.
 */
// Meters exported and traces made, as deployed (tests turn both off by default).
@AutoConfigureObservability
@AutoConfigureWebTestClient(timeout = "PT60S")
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=gateway", GatewayTestSupport.WITHOUT_THE_SERVICES_AUTO_CONFIGURATION,
				"management.server.port=0", "grapevine.security.users[0].username=mia",
				"grapevine.security.users[0].password-hash=" + FrontDoorTests.MEMBER_HASH,
				"grapevine.security.relay.secret=" + FrontDoorTests.SECRET })
class GatewayObservabilityTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final StandInService search = new StandInService("search-service");

	private static final StandInService digest = new StandInService("digest-service");

	@Autowired
	WebTestClient web;

	@LocalManagementPort
	int managementPort;

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

	@Test
	void theTraceOfARequestGoesOnToTheServiceBehindTheGateway() {
		JsonNode seen = this.web.get()
			.uri("/api/mentions?q=bus")
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(seen.path("traceparent").asText()).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
	}

	@Test
	void prometheusScrapesTheGatewaysMetersFromTheManagementPortWithoutSigningIn() {
		this.web.get()
			.uri("/api/mentions?q=bus")
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.exchange()
			.expectStatus()
			.isOk();

		String scrape = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
			.build()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(scrape).contains("http_server_requests_seconds_count{", "jvm_memory_used_bytes{");
	}

	@Test
	void theGatewaysOwnPortDoesNotServeItsMetrics() {
		// The path goes on to search-service like any other, whose own port has none.
		String answer = this.web.get()
			.uri("/actuator/prometheus")
			.headers((headers) -> headers.setBasicAuth("mia", "member-password"))
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(answer).doesNotContain("jvm_memory_used_bytes").contains("\"service\":\"search-service\"");
	}

}
