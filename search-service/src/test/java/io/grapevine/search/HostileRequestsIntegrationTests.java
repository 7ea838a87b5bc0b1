package io.grapevine.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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

	@Test
	void badPercentEncodingIsAnsweredWithA400ProblemDetail() throws IOException {
		for (String target : new String[] { "/api/mentions?q=%zz", "/api/mentions?q=fare%", "/api/mentions/%zz" }) {
			String answer = raw(target);
			assertThat(answer).as(target).startsWith("HTTP/1.1 400 ");
			assertThat(answer.toLowerCase()).as(target).contains("content-type: application/problem+json");
			assertThat(answer).as(target).contains("\"status\":400").contains("two hex digits");
		}
		this.web.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void aRequestLineOverTheServersLimitIsAnsweredWithA414ProblemDetail() throws IOException {
		// Just over the 256 KB search-service.yml sets.
		String answer = raw("/api/mentions?q=" + "fare+OR+".repeat(257 * 1024 / 8) + "fare");
		assertThat(answer).startsWith("HTTP/1.1 414 ");
		assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
		assertThat(answer).contains("\"status\":414").contains("shorter query");
		this.web.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	// Sent as bytes: an HTTP client library refuses to send such a URL at all.
	private String raw(String target) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) DEADLINE.toMillis());
			OutputStream out = socket.getOutputStream();
			String credentials = java.util.Base64.getEncoder()
				.encodeToString((TestUsers.MEMBER + ":" + TestUsers.MEMBER_PASSWORD).getBytes(StandardCharsets.UTF_8));
			out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
					+ "Authorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
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
