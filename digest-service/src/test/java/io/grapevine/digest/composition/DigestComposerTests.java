package io.grapevine.digest.composition;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.grapevine.digest.audience.Period;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

import static org.assertj.core.api.Assertions.assertThat;

class DigestComposerTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final Period THURSDAY = Period.day(LocalDate.of(2026, 11, 19), LONDON);

	@Test
	void theSubjectNamesTheDepartmentTheDayAndTheVolume() {
		Digest digest = compose(summary(37, List.of()), summary(30, List.of()));

		assertThat(digest.subject()).isEqualTo("Operations · daily listening digest · Thu 19 Nov 2026 · 37 mentions");
	}

	@Test
	void aSingleMentionIsNotPlural() {
		assertThat(compose(summary(1, List.of()), summary(0, List.of())).subject()).endsWith("· 1 mention");
	}

	@Test
	void theChangeIsAgainstTheDayBeforeByName() {
		Digest digest = compose(summary(37, List.of()), summary(30, List.of()));

		assertThat(digest.figures().previousTotal()).isEqualTo(30);
		assertThat(digest.figures().change()).isEqualTo("up 23% from Wednesday");
	}

	@Test
	void sourcesAreNamedAndSortedLargestFirstWithTheirShare() {
		AnalyticsSummary day = new AnalyticsSummary(THURSDAY.from(), THURSDAY.to(), "Europe/London", 40,
				List.of(new AnalyticsSummary.Bucket("reddit", 10), new AnalyticsSummary.Bucket("x", 30)),
				List.of(new AnalyticsSummary.Bucket("delays", 25)), List.of());

		Digest digest = compose(day, summary(0, List.of()));

		assertThat(digest.figures().bySource()).containsExactly(new Share("x", "X", 30, 75),
				new Share("reddit", "Reddit", 10, 25));
		assertThat(digest.figures().byTopic()).containsExactly(new Share("delays", "Delays and disruption", 25, 63));
	}

	@Test
	void topMentionsKeepTheirOrderAreLimitedAndCarryAuthorAndLink() {
		List<Mention> mentions = IntStream.rangeClosed(1, 8).mapToObj((i) -> mention("id" + i)).toList();

		Digest digest = compose(summary(8, mentions), summary(3, List.of()));

		assertThat(digest.figures().topMentions()).hasSize(5);
		TopMention first = digest.figures().topMentions().get(0);
		assertThat(first.id()).isEqualTo("x:id1");
		assertThat(first.url()).isEqualTo(URI.create("https://x.com/amy/status/id1"));
		assertThat(first.authorName()).isEqualTo("Amy");
		assertThat(first.authorHandle()).isEqualTo("amy");
		assertThat(first.followers()).contains(1234L);
	}

	@Test
	void aDepartmentsMembersAreItsRecipients() {
		assertThat(compose(summary(0, List.of()), summary(0, List.of())).audience().members())
			.containsExactly("ops@example.org");
	}

	@Test
	void aWeeklyDigestNamesTheWeekAndComparesWithTheWeekBefore() {
		Period week = Period.isoWeek(LocalDate.of(2026, 11, 16), LONDON);
		Department operations = operations();

		Digest digest = DigestComposer.compose(new Organization("Harbor City Transit", List.of(operations)), operations,
				week, summary(212, List.of()), summary(160, List.of()), 5);

		assertThat(digest.subject()).isEqualTo("Operations · weekly listening digest · 16–22 Nov 2026 · 212 mentions");
		assertThat(digest.figures().change()).isEqualTo("up 33% from the week before");
		assertThat(DigestComposer
			.compose(new Organization("Harbor City Transit", List.of(operations)), operations, week,
					summary(0, List.of()), summary(0, List.of()), 5)
			.figures()
			.change()).isEqualTo("no mentions the week before");
	}

	@Test
	void theOrganizationWideDigestSplitsByDepartmentAndSentimentAndLinksTheDepartmentsDigests() {
		Period week = Period.isoWeek(LocalDate.of(2026, 11, 16), LONDON);
		Department operations = operations();
		Department care = new Department("care", "Customer Care", LONDON, LocalTime.of(8, 0), List.of(),
				Optional.empty(), Optional.empty(), List.of());
		Department allStaff = new Department(Organization.ALL_STAFF, "All staff", LONDON, LocalTime.of(9, 0),
				List.of("everyone@example.org"), Optional.empty(), Optional.empty(), List.of());
		Organization organization = new Organization("Harbor City Transit", List.of(operations, care));

		Digest digest = DigestComposer.composeAllStaff(organization, allStaff, week, summary(200, List.of()),
				summary(100, List.of()), List.of(40L, 150L), 50, 30, Map.of("care", "care-week-2026-W47"), 5);

		assertThat(digest.subject()).isEqualTo("All staff · weekly listening digest · 16–22 Nov 2026 · 200 mentions");
		assertThat(digest.audience().members()).containsExactly("everyone@example.org");
		assertThat(digest.figures().change()).isEqualTo("up 100% from the week before");
		assertThat(digest.figures().byDepartment()).containsExactly(new Share("care", "Customer Care", 150, 75),
				new Share("operations", "Operations", 40, 20));
		assertThat(digest.figures().bySentiment()).containsExactly(new Share("positive", "Positive", 50, 25),
				new Share("negative", "Negative", 30, 15), new Share("neutral", "Neutral or not judged", 120, 60));
		assertThat(digest.figures().departmentDigests()).containsEntry("care", "care-week-2026-W47");
	}

	private static Department operations() {
		return new Department("operations", "Operations", LONDON, LocalTime.of(7, 30), List.of("ops@example.org"),
				Optional.empty(), Optional.empty(),
				List.of(new Topic("delays", "Delays and disruption", "operations", List.of("delay"))));
	}

	private static Digest compose(AnalyticsSummary day, AnalyticsSummary before) {
		Department operations = new Department("operations", "Operations", LONDON, LocalTime.of(7, 30),
				List.of("ops@example.org"), Optional.empty(), Optional.empty(),
				List.of(new Topic("delays", "Delays and disruption", "operations", List.of("delay"))));
		return DigestComposer.compose(new Organization("Harbor City Transit", List.of(operations)), operations,
				THURSDAY, day, before, 5);
	}

	private static AnalyticsSummary summary(long total, List<Mention> mentions) {
		return new AnalyticsSummary(THURSDAY.from(), THURSDAY.to(), "Europe/London", total, List.of(), List.of(),
				mentions);
	}

	private static Mention mention(String id) {
		return Mention.builder("x", id)
			.url(URI.create("https://x.com/amy/status/" + id))
			.text("The bus was late " + id)
			.author(Author.of("amy", "Amy", 1234))
			.publishedAt(Instant.parse("2026-11-19T10:00:00Z"))
			.build();
	}

}
