package io.grapevine.digest.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.digest.FakeSearchService;
import io.grapevine.digest.FullDigest;
import io.grapevine.digest.TestUsers;
import io.grapevine.digest.audience.Period;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class InsightsClientTests {

	private static final Period WEEK = Period.isoWeek(LocalDate.of(2026, 11, 16), ZoneId.of("Europe/London"));

	private final FakeSearchService search = FakeSearchService.start();

	private final InsightsClient client = new InsightsClient(new AnalyticsClient(WebClient.builder()
		.defaultHeaders(new SearchServiceCredentials(TestUsers.SEARCH_USERNAME, TestUsers.SEARCH_PASSWORD)::applyTo),
			this.search.url(), Duration.ofSeconds(10)));

	@AfterEach
	void stopFake() {
		this.search.close();
	}

	@Test
	void asksForTheWidestReachFoldedWithoutTheOrganizationsOwnPostsAndReadsTheCopies() {
		this.search.topMentions(List.of(FullDigest.mention("a", "small", 10), FullDigest.mention("b", "wide", 900)))
			.copies("x:b", 4);

		StepVerifier.create(this.client.widestReach(Optional.of("operations"), WEEK, 5)).assertNext((page) -> {
			assertThat(page.mentions()).extracting((found) -> found.mention().id()).containsExactly("x:b", "x:a");
			assertThat(page.mentions()).extracting((found) -> found.copies().orElseThrow()).containsExactly(4L, 1L);
		}).verifyComplete();

		assertThat(this.search.requests("/api/mentions"))
			.containsExactly(Map.of("department", "operations", "from", "2026-11-16T00:00:00Z", "to",
					"2026-11-23T00:00:00Z", "sort", "reach", "collapse", "true", "size", "5", "owned", "false"));
	}

	@Test
	void readsNewVoicesRisingTermsAndWaitingMentionsForTheWholeOrganization() {
		this.search.newVoices(List.of(FullDigest.mention("v", "hello", 77)))
			.risingTerm("flooding", 14, 2)
			.waiting(FullDigest.mention("w", "Why?", 5), true, false, 2);

		StepVerifier.create(this.client.newVoices(Optional.empty(), WEEK, 5))
			.assertNext((answer) -> assertThat(answer.voices()).singleElement()
				.satisfies((voice) -> assertThat(voice.reach()).contains(77.0)))
			.verifyComplete();
		StepVerifier.create(this.client.risingTerms(Optional.empty(), WEEK, 8))
			.assertNext((answer) -> assertThat(answer.terms()).singleElement()
				.satisfies((term) -> assertThat(term.before()).isEqualTo(2)))
			.verifyComplete();
		StepVerifier.create(this.client.waiting(Optional.empty(), WEEK, 5))
			.assertNext((answer) -> assertThat(answer.mentions()).singleElement()
				.satisfies((item) -> assertThat(item.question()).isTrue()))
			.verifyComplete();
		assertThat(this.search.requests("/api/analytics/rising-terms"))
			.allSatisfy((request) -> assertThat(request).doesNotContainKey("department").containsEntry("size", "8"));
	}

	@Test
	void aSearchServiceWithoutMentionHandlingAnswersNothingRatherThanFailing() {
		StepVerifier.create(this.client.handling(Optional.of("operations"), WEEK)).verifyComplete();

		this.search.handling(3, 7200, Map.of("ana", 2L));
		StepVerifier.create(this.client.handling(Optional.of("operations"), WEEK))
			.assertNext((handling) -> assertThat(handling.open()).isEqualTo(3))
			.verifyComplete();
	}

	@Test
	void aFailingSearchServiceFailsWithWhatWasAsked() {
		this.search.failWith(500);

		StepVerifier.create(this.client.newVoices(Optional.of("operations"), WEEK, 5))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(AnalyticsFailedException.class)
				.hasMessageContaining("answered 500 to the new voices of operations for 16–22 Nov 2026"))
			.verify();
		StepVerifier.create(this.client.handling(Optional.of("operations"), WEEK))
			.expectError(AnalyticsFailedException.class)
			.verify();
	}

}
