package io.grapevine.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand generated requests, most of them hostile, at every read endpoint of the API:
 * each is answered within the deadline with a 2xx or a 4xx problem detail, never a 500 or
 * silence, and the service stays healthy.
 */
class HostileRequestsIntegrationTests extends LiveStackTestSupport {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private static final List<String> ENDPOINTS = List.of("/api/mentions", "/api/mentions/facets",
			"/api/analytics/summary", "/api/analytics/share-of-voice", "/api/analytics/executive",
			"/api/analytics/new-voices", "/api/analytics/rising-terms", "/api/analytics/waiting", "/api/handling",
			"/api/handling/summary", "/api/people");

	private static final List<String> PARAMETERS = List.of("q", "from", "to", "size", "cursor", "sort", "collapse",
			"zone", "top", "source", "language", "topic", "department", "sentiment", "competitor", "owned", "question",
			"minReach", "handling", "state", "order", "period", "prefix", "interval", "x");

	@Test
	void everyGeneratedRequestIsAnsweredWithinTheDeadlineWithSuccessOrAProblemDetail() {
		WebTestClient client = this.web.mutate().responseTimeout(DEADLINE).build();
		List<String> requests = requests().list().ofSize(1_000).sample();
		for (String request : requests) {
			EntityExchangeResult<byte[]> result = client.get().uri(request).exchange().expectBody().returnResult();
			int status = result.getStatus().value();
			assertThat(status).as("status of %s", request).isBetween(200, 499);
			if (status >= 400) {
				assertThat(result.getResponseHeaders().getContentType()).as("content type of %s", request)
					.isNotNull()
					.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
						.as("%s answered %s", request, type)
						.isTrue());
			}
		}
		this.web.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	private static Arbitrary<String> requests() {
		Arbitrary<Map<String, String>> parameters = Arbitraries.maps(Arbitraries.of(PARAMETERS), values()).ofMaxSize(5);
		return Combinators.combine(Arbitraries.of(ENDPOINTS), parameters)
			.as((endpoint,
					values) -> endpoint + values.entrySet()
						.stream()
						.map((entry) -> entry.getKey() + "=" + encode(entry.getValue()))
						.collect(Collectors.joining("&", "?", "")));
	}

	private static Arbitrary<String> values() {
		return Arbitraries.oneOf(List.of(
				Arbitraries.of("", " ", "0", "-1", "101", "2147483648", "9999999999999999999", "NaN", "1e309", "true",
						"maybe", "fare", "x", "en", "negative", "+50000", "KzUwMDAw", "bm90LWEtY3Vyc29y", "!!",
						"2026-11-20T00:00:00Z", "1900-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
						"-999999999-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "Europe/Paris", "Mars/Olympus_Mons",
						"UTC+99", "reach", "urgency", "newest", "waiting", "answered"),
				Arbitraries.of("(", "NOT ", "-", "(NOT ")
					.flatMap((open) -> Arbitraries.integers()
						.between(1, 1_200)
						.map((depth) -> open.repeat(depth) + "fare" + (open.contains("(") ? ")".repeat(depth) : ""))),
				Arbitraries.strings().ofMaxLength(40),
				Arbitraries.strings().withChars("()\"-:*~#@ %\\'").ofMaxLength(60)));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
