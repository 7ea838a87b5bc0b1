package io.grapevine.digest.sending;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import io.grapevine.digest.FakeSearchService;
import io.grapevine.digest.FullDigest;
import io.grapevine.digest.TestUsers;
import io.grapevine.digest.analytics.AnalyticsClient;
import io.grapevine.digest.analytics.InsightsClient;
import io.grapevine.digest.analytics.SearchServiceCredentials;
import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.Digest;
import io.grapevine.listening.organization.Organization;

import static org.assertj.core.api.Assertions.assertThat;

class DigestCompositionTests {

	private static final FakeSearchService search = FakeSearchService.start();

	private final Organization organization = FullDigest.organization();

	private final Audience operations = Audience.of(this.organization.department("operations").orElseThrow());

	@AfterAll
	static void stopFake() {
		search.close();
	}

	@BeforeEach
	void freshAnswers() {
		search.reset();
	}

	@Test
	void aDailyDigestWithSectionsReadsTheDayBeforesTotalFromItsChartAndSaysWhatTheDayBeforesSummarySays() {
		Period thursday = FullDigest.THURSDAY;
		search.total(thursday.from(), 138).total(thursday.previous().from(), 100);
		for (int i = 13; i >= 0; i--) {
			// Each day of the chart its own count, so the wrong day would show.
			search.day(thursday.day().minusDays(i), (i == 0) ? 138 : (i == 1) ? 100 : 80 + i, 10);
		}
		search.topMentions(List.of(FakeSearchService.mention("m1", "The 42 is late again", 900)));

		Digest withSections = composition(true).compose(this.operations, thursday).block(Duration.ofMinutes(3));

		assertThat(search.requests())
			.noneSatisfy((request) -> assertThat(request).containsEntry("from", thursday.previous().from().toString())
				.containsEntry("to", thursday.from().toString()));
		Digest alone = composition(false).compose(this.operations, thursday).block(Duration.ofMinutes(3));
		assertThat(search.requests())
			.anySatisfy((request) -> assertThat(request).containsEntry("from", thursday.previous().from().toString())
				.containsEntry("to", thursday.from().toString()));
		assertThat(withSections.figures()).isEqualTo(alone.figures());
		assertThat(withSections.figures().previousTotal()).isEqualTo(100);
		assertThat(withSections.figures().change()).isEqualTo("up 38% from Wednesday");
		assertThat(withSections.sections().volume()).hasValueSatisfying(
				(volume) -> assertThat(volume.words()).startsWith("138 mentions, up 38% from Wednesday"));
	}

	@Test
	void aWeeklyDigestWithSectionsReadsTheWeekBeforesTotalFromItsChart() {
		Period week = Period.isoWeek(LocalDate.of(2026, 11, 16), FullDigest.LONDON);
		long weekBefore = 0;
		for (int i = 0; i < 28; i++) {
			LocalDate day = week.day().minusWeeks(3).plusDays(i);
			long count = 20 + i;
			search.day(day, count, 2);
			if (!day.isBefore(week.previous().day()) && !day.isAfter(week.previous().last())) {
				weekBefore += count;
			}
		}
		search.total(week.from(), 400).total(week.previous().from(), weekBefore);

		Digest withSections = composition(true).compose(this.operations, week).block(Duration.ofMinutes(3));
		Digest alone = composition(false).compose(this.operations, week).block(Duration.ofMinutes(3));

		assertThat(withSections.figures().previousTotal()).isEqualTo(weekBefore);
		assertThat(withSections.figures()).isEqualTo(alone.figures());
	}

	private static DigestComposition composition(boolean sections) {
		SearchServiceCredentials credentials = new SearchServiceCredentials(TestUsers.SEARCH_USERNAME,
				TestUsers.SEARCH_PASSWORD);
		AnalyticsClient analytics = new AnalyticsClient(WebClient.builder().defaultHeaders(credentials::applyTo),
				search.url(), Duration.ofMinutes(2));
		Optional<SectionSources> sources = sections ? Optional.of(new SectionSources(new InsightsClient(analytics),
				URI.create("http://127.0.0.1:8080/"), () -> Mono.just(List.of()))) : Optional.empty();
		return new DigestComposition(FullDigest.organization(), analytics, 5, sources, Optional.empty());
	}

}
