package io.grapevine.digest.analytics;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import io.grapevine.digest.FakeSearchService;
import io.grapevine.digest.TestUsers;
import io.grapevine.digest.audience.Period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalyticsClientTests {

	private static final Period FALL_BACK_DAY = Period.day(LocalDate.of(2026, 11, 1), ZoneId.of("America/New_York"));

	private final FakeSearchService search = FakeSearchService.start();

	@AfterEach
	void stopFake() {
		this.search.close();
	}

	@Test
	void asksForTheDepartmentsLocalDayWithItsZone() {
		this.search.total(FALL_BACK_DAY.from(), 12);

		StepVerifier.create(client(this.search.url()).summary("operations", FALL_BACK_DAY, 5))
			.assertNext((summary) -> assertThat(summary.total()).isEqualTo(12))
			.verifyComplete();

		assertThat(this.search.requests()).containsExactly(Map.of("department", "operations", "from",
				"2026-11-01T04:00:00Z", "to", "2026-11-02T05:00:00Z", "zone", "America/New_York", "top", "5"));
	}

	@Test
	void readsTheContractsSourcesTopicsAndMentions() {
		this.search.total(FALL_BACK_DAY.from(), 9)
			.topMentions(List.of(FakeSearchService.mention("1", "Bus 42 <late>", 12),
					FakeSearchService.mention("2", "Second", 3)));

		StepVerifier.create(client(this.search.url()).summary("operations", FALL_BACK_DAY, 5)).assertNext((summary) -> {
			assertThat(summary.bySource()).extracting("key", "count")
				.containsExactly(org.assertj.core.groups.Tuple.tuple("x", 6L),
						org.assertj.core.groups.Tuple.tuple("reddit", 3L));
			assertThat(summary.byTopic()).hasSize(1);
			assertThat(summary.topMentions()).hasSize(2);
			assertThat(summary.topMentions().get(0).text()).isEqualTo("Bus 42 <late>");
			assertThat(summary.topMentions().get(0).author().followers()).contains(1234L);
			assertThat(summary.topMentions().get(0).url()).isEqualTo(URI.create("https://x.com/rider_amy/status/1"));
		}).verifyComplete();
	}

	@Test
	void anErrorAnswerFailsWithTheStatusAndTheProblemDetail() {
		this.search.failWith(500);

		StepVerifier.create(client(this.search.url()).summary("operations", FALL_BACK_DAY, 5))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(AnalyticsFailedException.class)
				.hasMessageContaining("answered 500")
				.hasMessageContaining("the analytics are broken"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void anUnreachableSearchServiceFailsAsUnavailableNamingTheUrlToCheck() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		URI nowhere = URI.create("http://127.0.0.1:" + closedPort);

		StepVerifier.create(client(nowhere).summary("operations", FALL_BACK_DAY, 5))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(AnalyticsUnavailableException.class)
				.hasMessageContaining(nowhere.toString())
				.hasMessageContaining("grapevine.digest.search-url"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void signsInToSearchServiceAsTheServiceUserWithHttpBasic() {
		this.search.total(FALL_BACK_DAY.from(), 12);

		StepVerifier.create(client(this.search.url()).summary("operations", FALL_BACK_DAY, 5))
			.expectNextCount(1)
			.verifyComplete();

		assertThat(this.search.authorizations()).containsExactly("Basic ZGlnZXN0LXNlcnZpY2U6c2VydmljZS1wYXNzd29yZA==");
	}

	@Test
	void aRefusedSignInFailsNamingTheCredentialSettings() {
		AnalyticsClient client = new AnalyticsClient(WebClient.builder()
			.defaultHeaders(new SearchServiceCredentials(TestUsers.SEARCH_USERNAME, "not-the-password")::applyTo),
				this.search.url(), Duration.ofSeconds(5));

		StepVerifier.create(client.summary("operations", FALL_BACK_DAY, 5))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(AnalyticsFailedException.class)
				.hasMessageContaining("answered 401")
				.hasMessageContaining("grapevine.search.username and grapevine.search.password")
				.hasMessageNotContaining("not-the-password"))
			.verify(Duration.ofSeconds(10));
		assertThat(this.search.requests()).isEmpty();
	}

	@Test
	void withAnApiTokenTheServiceCallsWithItInsteadOfAPassword() {
		AnalyticsClient client = new AnalyticsClient(WebClient.builder()
			.defaultHeaders(new SearchServiceCredentials(null, null, " gv_0123456789abcdef_service-token ")::applyTo),
				this.search.url(), Duration.ofSeconds(5));

		StepVerifier.create(client.summary("operations", FALL_BACK_DAY, 5))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("answered 401")
				.hasMessageContaining("grapevine.search.token"))
			.verify(Duration.ofSeconds(10));
		assertThat(this.search.authorizations()).containsExactly("Bearer gv_0123456789abcdef_service-token");
		assertThat(new SearchServiceCredentials(null, null, "gv_0123456789abcdef_service-token")).asString()
			.doesNotContain("service-token");
		assertThatThrownBy(() -> new SearchServiceCredentials(null, null, "not-a-token"))
			.hasMessageContaining("POST /api/tokens");
	}

	@Test
	void theCredentialsNeverShowTheirPassword() {
		assertThat(new SearchServiceCredentials("digest-service", "s3cret-value")).asString()
			.contains("digest-service")
			.doesNotContain("s3cret-value");
	}

	private static AnalyticsClient client(URI url) {
		SearchServiceCredentials credentials = new SearchServiceCredentials(TestUsers.SEARCH_USERNAME,
				TestUsers.SEARCH_PASSWORD);
		return new AnalyticsClient(WebClient.builder().defaultHeaders(credentials::applyTo), url,
				Duration.ofSeconds(5));
	}

}
