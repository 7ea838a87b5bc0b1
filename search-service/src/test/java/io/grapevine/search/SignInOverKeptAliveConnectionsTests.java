package io.grapevine.search;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signing in and opening the dashboard, as a browser does it: one HTTP/1.1
 * client that keeps its connections alive, the sign-in form, then the dashboard's calls
 * side by side. Every call is answered; none waits on a connection the service stopped
 * reading.
 */
class SignInOverKeptAliveConnectionsTests extends LiveStackTestSupport {

	private static final int PEOPLE = 60;

	// Far beyond any answer of a local service: a call still waiting then never gets one.
	private static final Duration NO_ANSWER = Duration.ofSeconds(30);

	private static final Pattern COOKIE = Pattern.compile("^([^=]+)=([^;]*)");

	@Test
	void everyCallOfEverySignInIsAnswered() throws Exception {
		String to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).toString();
		String from = Instant.parse(to).minus(7, ChronoUnit.DAYS).toString();
		List<String> calls = List.of("/api/analytics/summary?from=" + from + "&to=" + to, "/api/mentions?size=10",
				"/api/handling", "/api/handling?state=answered&size=10",
				"/api/handling/summary?from=" + from + "&to=" + to, "/api/me");
		for (int person = 0; person < PEOPLE; person++) {
			HttpClient browser = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
			Map<String, String> cookies = new LinkedHashMap<>();
			assertThat(send(browser, get("/", "text/html", cookies), cookies).headers().firstValue("Location"))
				.as("person %d opening the dashboard", person)
				.hasValue("/login");
			send(browser, get("/login", "text/html", cookies), cookies);
			String form = "username=" + TestUsers.MEMBER + "&password="
					+ URLEncoder.encode(TestUsers.MEMBER_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
					+ cookies.get("XSRF-TOKEN");
			HttpResponse<String> signedIn = send(browser,
					request("/login", "text/html", cookies).header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(form))
						.build(),
					cookies);
			assertThat(signedIn.statusCode()).as("person %d signing in", person).isEqualTo(302);
			assertThat(send(browser, get("/", "text/html", cookies), cookies).statusCode()).isEqualTo(200);
			List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
			for (String call : calls) {
				answers.add(browser.sendAsync(get(call, "application/json", cookies),
						HttpResponse.BodyHandlers.ofString()));
			}
			for (int i = 0; i < calls.size(); i++) {
				assertThat(answers.get(i).get().statusCode()).as("person %d: %s", person, calls.get(i)).isEqualTo(200);
			}
		}
	}

	private HttpRequest get(String path, String accept, Map<String, String> cookies) {
		return request(path, accept, cookies).GET().build();
	}

	private HttpRequest.Builder request(String path, String accept, Map<String, String> cookies) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(NO_ANSWER)
			.header("Accept", accept);
		if (!cookies.isEmpty()) {
			request.header("Cookie", String.join("; ",
					cookies.entrySet().stream().map((cookie) -> cookie.getKey() + "=" + cookie.getValue()).toList()));
		}
		return request;
	}

	// Sends and keeps the cookies the service sets, as a browser does.
	private static HttpResponse<String> send(HttpClient browser, HttpRequest request, Map<String, String> cookies)
			throws Exception {
		HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
		for (String header : response.headers().allValues("Set-Cookie")) {
			Matcher cookie = COOKIE.matcher(header);
			if (cookie.find()) {
				if (cookie.group(2).isEmpty()) {
					cookies.remove(cookie.group(1));
				}
				else {
					cookies.put(cookie.group(1), cookie.group(2));
				}
			}
		}
		return response;
	}

}
