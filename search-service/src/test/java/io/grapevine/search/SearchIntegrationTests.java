package io.grapevine.search;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search and analytics API over a known set of mentions published in March 2020,
 * counted in New York, where the day boundary falls at 05:00 UTC.
 */
@TestInstance(Lifecycle.PER_CLASS)
class SearchIntegrationTests extends LiveStackTestSupport {

	private static final String RANGE = "from=2020-03-01T05:00:00Z&to=2020-03-04T05:00:00Z";

	private final Mention delayed = TestMentions.mention("x", "fx-1", "The bus was delayed again at Pier Street",
			Instant.parse("2020-03-01T12:00:00Z"), Author.of("amy", "Amy", 100), new Engagement(5, 1, 0), "en",
			List.of("delays"), List.of("operations"));

	// 22:00 on 1 March in New York, already 2 March in UTC.
	private final Mention fares = TestMentions.mention("reddit", "fx-2", "Fares going up again next month",
			Instant.parse("2020-03-02T03:00:00Z"), Author.of("bob", "Bob", 50), new Engagement(10, 5, 5), "en",
			List.of("fares"), List.of("communications"));

	private final Mention script = TestMentions.mention("x", "fx-5", "<script>alert('x')</script> the bus smells",
			Instant.parse("2020-03-02T10:00:00Z"), Author.of("dave"), Engagement.NONE, null, List.of(), List.of());

	private final Mention praise = TestMentions.mention("x", "fx-3", "Driver was very kind on the bus today",
			Instant.parse("2020-03-02T15:00:00Z"), Author.of("amy", "Amy R.", 120), Engagement.NONE, "en",
			List.of("staff-praise"), List.of("customer-service"));

	// 23:30 on 2 March in New York, 3 March in UTC.
	private final Mention retraso = TestMentions.mention("mastodon", "fx-4", "Retraso en la línea 5 otra vez",
			Instant.parse("2020-03-03T04:30:00Z"), Author.of("carla", "Carla", 30), new Engagement(1, 0, 0), "es",
			List.of("delays"), List.of("operations"));

	@BeforeAll
	void indexFixtures() {
		publish(this.delayed, this.fares, this.script, this.praise, this.retraso);
		awaitIndexed(this.delayed, this.fares, this.script, this.praise, this.retraso);
	}

	@Test
	void freeTextFindsMatchingMentionsNewestFirstWithEscapedHighlights() {
		Map<String, Object> page = getJson("/api/mentions?q=bus&" + RANGE);
		assertThat(page).containsEntry("total", 3).doesNotContainKey("nextCursor");
		assertThat(mentionIds(page)).containsExactly("x:fx-3", "x:fx-5", "x:fx-1");
		List<String> highlights = highlights(page, 1);
		assertThat(highlights).singleElement()
			.asString()
			.contains("<mark>bus</mark>")
			.contains("&lt;script&gt;")
			.doesNotContain("<script>");
	}

	@Test
	void plainWordsNeedEveryWordInAnyCase() {
		assertThat(mentionIds(getJson("/api/mentions?q=bus kind&" + RANGE))).containsExactly("x:fx-3");
		assertThat(mentionIds(getJson("/api/mentions?q=BUS Kind&" + RANGE))).containsExactly("x:fx-3");
	}

	@Test
	void theQueryLanguageCombinesWordsWithOrAndNot() {
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "bus OR fares"))).containsExactly("x:fx-3",
				"x:fx-5", "reddit:fx-2", "x:fx-1");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "bus -kind"))).containsExactly("x:fx-5",
				"x:fx-1");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "bus NOT kind"))).containsExactly("x:fx-5",
				"x:fx-1");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "(kind OR smells) AND bus -driver")))
			.containsExactly("x:fx-5");
	}

	@Test
	void theQueryLanguageFindsPhrasesProximitiesAndPrefixes() {
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "\"bus was\""))).containsExactly("x:fx-1");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "\"was bus\""))).isEmpty();
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "\"kind driver\"~2"))).containsExactly("x:fx-3");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "\"driver kind\"~1"))).isEmpty();
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "delay*"))).containsExactly("x:fx-1");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "fare* OR retra*")))
			.containsExactly("mastodon:fx-4", "reddit:fx-2");
	}

	@Test
	void theQueryLanguageRestrictsByLanguageSourceAuthorAndTopic() {
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "lang:es"))).containsExactly("mastodon:fx-4");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "bus lang:en"))).containsExactly("x:fx-3",
				"x:fx-1");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "source:reddit OR source:mastodon")))
			.containsExactly("mastodon:fx-4", "reddit:fx-2");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "author:amy"))).containsExactly("x:fx-3",
				"x:fx-1");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "author:amy -kind"))).containsExactly("x:fx-1");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&" + RANGE, "topic:delays"))).containsExactly("mastodon:fx-4",
				"x:fx-1");
		assertThat(mentionIds(getJson("/api/mentions?q={q}&source=x&" + RANGE, "topic:delays OR topic:fares")))
			.containsExactly("x:fx-1");
	}

	@Test
	void aPhraseQueryIsHighlightedButWhatItExcludesIsNot() {
		Map<String, Object> page = getJson("/api/mentions?q={q}&" + RANGE, "\"bus was\" -kind");
		assertThat(mentionIds(page)).containsExactly("x:fx-1");
		assertThat(highlights(page, 0)).singleElement()
			.asString()
			.contains("<mark>bus")
			.contains("was</mark>")
			.doesNotContain("<mark>The");
		Map<String, Object> excluded = getJson("/api/mentions?q={q}&" + RANGE, "bus -delayed -kind");
		assertThat(mentionIds(excluded)).containsExactly("x:fx-5");
		assertThat(highlights(excluded, 0)).singleElement().asString().contains("<mark>bus</mark>");
	}

	@Test
	void aQueryThatCannotBeParsedIsAnsweredWithItsPositionAndWhatWasExpected() {
		assertQueryProblem("/api/mentions", "\"bus", 4, "unterminated quote");
		assertQueryProblem("/api/mentions", "bus AND", 7, "expected a term or '(' after AND at position 7");
		assertQueryProblem("/api/mentions", "(bus OR kind", 12, "expected ')' to close the '('");
		assertQueryProblem("/api/mentions", "bus)", 3, "unexpected ')' at position 3");
		assertQueryProblem("/api/mentions", "colour:red", 0, "unknown field 'colour'");
		assertQueryProblem("/api/mentions", "-spam", 0, "only excludes mentions");
		assertQueryProblem("/api/mentions", "*us", 0, "a wildcard '*' may only end a word");
		assertQueryProblem("/api/analytics/summary", "lang:", 5, "expected a value after 'lang:'");
		assertQueryProblem("/api/analytics/summary", "bus OR", 6, "after OR at position 6");
	}

	@Test
	void filtersBySourceLanguageTopicAndDepartmentNarrowTheResults() {
		assertThat(mentionIds(getJson("/api/mentions?source=x&" + RANGE))).containsExactly("x:fx-3", "x:fx-5",
				"x:fx-1");
		assertThat(mentionIds(getJson("/api/mentions?source=reddit&source=mastodon&" + RANGE)))
			.containsExactly("mastodon:fx-4", "reddit:fx-2");
		assertThat(mentionIds(getJson("/api/mentions?language=es&" + RANGE))).containsExactly("mastodon:fx-4");
		assertThat(mentionIds(getJson("/api/mentions?topic=delays&" + RANGE))).containsExactly("mastodon:fx-4",
				"x:fx-1");
		assertThat(mentionIds(getJson("/api/mentions?department=communications&" + RANGE)))
			.containsExactly("reddit:fx-2");
		assertThat(mentionIds(getJson("/api/mentions?from=2020-03-02T00:00:00Z&to=2020-03-02T12:00:00Z")))
			.containsExactly("x:fx-5", "reddit:fx-2");
	}

	@Test
	void followingTheCursorVisitsEveryMentionExactlyOnce() {
		List<String> seen = new ArrayList<>();
		Map<String, Object> page = getJson("/api/mentions?size=2&" + RANGE);
		int pages = 1;
		seen.addAll(mentionIds(page));
		while (page.containsKey("nextCursor")) {
			assertThat(mentionIds(page)).hasSize(2);
			page = getJson("/api/mentions?size=2&" + RANGE + "&cursor=" + page.get("nextCursor"));
			seen.addAll(mentionIds(page));
			pages++;
		}
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactly("mastodon:fx-4", "x:fx-3", "x:fx-5", "reddit:fx-2", "x:fx-1");
	}

	@Test
	void theSummaryCountsDaysInTheRequestedZoneWithEmptyDaysAsZero() {
		Map<String, Object> summary = getJson("/api/analytics/summary?zone=America/New_York&" + RANGE);
		assertThat(summary).containsEntry("total", 5).containsEntry("zone", "America/New_York");
		assertThat(summary.get("volumeByDay"))
			.isEqualTo(List.of(Map.of("date", "2020-03-01", "count", 2, "negative", 0),
					Map.of("date", "2020-03-02", "count", 3, "negative", 0),
					Map.of("date", "2020-03-03", "count", 0, "negative", 0)));
		Map<String, Object> utc = getJson("/api/analytics/summary?" + RANGE);
		assertThat(utc.get("volumeByDay")).isEqualTo(List.of(Map.of("date", "2020-03-01", "count", 1, "negative", 0),
				Map.of("date", "2020-03-02", "count", 3, "negative", 0),
				Map.of("date", "2020-03-03", "count", 1, "negative", 0),
				Map.of("date", "2020-03-04", "count", 0, "negative", 0)));
	}

	@Test
	void theSummaryCountsSourcesTopicsLanguagesAndRanksAuthorsAndMentions() {
		Map<String, Object> summary = getJson("/api/analytics/summary?zone=Europe/London&top=3&" + RANGE);
		assertThat(summary.get("bySource")).isEqualTo(List.of(Map.of("key", "x", "count", 3),
				Map.of("key", "mastodon", "count", 1), Map.of("key", "reddit", "count", 1)));
		assertThat(summary.get("byTopic")).isEqualTo(List.of(Map.of("key", "delays", "count", 2),
				Map.of("key", "fares", "count", 1), Map.of("key", "staff-praise", "count", 1)));
		assertThat(summary.get("byLanguage"))
			.isEqualTo(List.of(Map.of("key", "en", "count", 3), Map.of("key", "es", "count", 1)));
		assertThat(summary.get("topAuthors")).asList()
			.first()
			.isEqualTo(Map.of("handle", "amy", "displayName", "Amy R.", "mentions", 2, "followers", 120));
		assertThat(topMentionIds(summary)).containsExactly("reddit:fx-2", "x:fx-1", "mastodon:fx-4");
		Map<String, Object> ties = getJson("/api/analytics/summary?top=5&" + RANGE);
		assertThat(topMentionIds(ties)).containsExactly("reddit:fx-2", "x:fx-1", "mastodon:fx-4", "x:fx-3", "x:fx-5");
	}

	@Test
	void theSummaryCoversOnlyTheMentionsTheQueryMatches() {
		Map<String, Object> summary = getJson("/api/analytics/summary?q={q}&" + RANGE, "bus -kind");
		assertThat(summary).containsEntry("total", 2);
		assertThat(summary.get("bySource")).isEqualTo(List.of(Map.of("key", "x", "count", 2)));
		assertThat(topMentionIds(summary)).containsExactly("x:fx-1", "x:fx-5");
		Map<String, Object> delays = getJson("/api/analytics/summary?q={q}&" + RANGE, "topic:delays OR fare*");
		assertThat(delays).containsEntry("total", 3);
		assertThat(delays.get("byLanguage"))
			.isEqualTo(List.of(Map.of("key", "en", "count", 2), Map.of("key", "es", "count", 1)));
	}

	@Test
	void theSummaryFiltersByDepartment() {
		Map<String, Object> summary = getJson("/api/analytics/summary?department=operations&" + RANGE);
		assertThat(summary).containsEntry("total", 2);
	}

	@Test
	void withoutFromTheSummaryCoversTheWeekBeforeToAndWithoutToTheWeekUntilNow() {
		assertRangeDefaults("/api/analytics/summary", Duration.ofDays(7));
	}

	@Test
	void badParametersAreAnsweredWithAProblemDetailNamingTheParameter() {
		assertProblem("/api/mentions?from=yesterday", "from");
		assertProblem("/api/mentions?from=2020-03-05T00:00:00Z&to=2020-03-01T00:00:00Z", "from");
		assertProblem("/api/mentions?size=0", "size");
		assertProblem("/api/mentions?size=101", "size");
		assertProblem("/api/mentions?size=ten", "size");
		assertProblem("/api/mentions?cursor=%21%21not-a-cursor", "cursor");
		assertProblem("/api/mentions?cursor=bm90LWEtY3Vyc29y", "cursor");
		// "+50000": far past the window Elasticsearch folds within.
		assertProblem("/api/mentions?collapse=true&cursor=KzUwMDAw", "cursor");
		assertProblem("/api/analytics/summary?zone=Mars/Olympus_Mons", "zone");
		assertProblem("/api/analytics/summary?from=yesterday", "from");
		assertProblem("/api/analytics/summary?to=2020-13-01T00:00:00Z", "to");
		assertProblem("/api/mentions?to=%2B999999999-12-31T00:00:00Z", "to");
		assertProblem("/api/analytics/summary?to=%2B999999999-12-31T00:00:00Z", "to");
		assertProblem("/api/analytics/summary?from=2020-03-05T00:00:00Z&to=2020-03-01T00:00:00Z", "from");
		assertProblem("/api/analytics/summary?top=51", "top");
		assertProblem("/api/analytics/summary?from=1900-01-01T00:00:00Z&to=2020-01-01T00:00:00Z", "from");
	}

	@Test
	void healthShowsItsDetailsToAdministratorsOnlyAndItsStatusToAll() {
		this.anonymous.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components")
			.doesNotExist();
		this.web.get().uri("/actuator/health").exchange().expectBody().jsonPath("$.components").doesNotExist();
		this.anonymous.mutate()
			.defaultHeaders((headers) -> headers.setBasicAuth(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
			.build()
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.elasticsearch.status")
			.isEqualTo("UP");
	}

	@Test
	void theDeepestQueryTheLanguageAcceptsIsAnsweredWithEveryFilterAndOrder() {
		// Twenty levels of AND, OR and NOT, the most the language reads, each level a
		// bool
		// query once compiled, inside the filters and the queue's urgency scoring.
		String deepest = "fare " + "-".repeat(18) + "refund OR " + "(bus NOT (".repeat(6) + "@hctransit"
				+ "))".repeat(6);
		for (String uri : List.of("/api/mentions?q={q}", "/api/mentions?q={q}&collapse=true&sort=reach",
				"/api/mentions?q={q}&department=operations&topic=fares&owned=false&sentiment=negative",
				"/api/mentions?q={q}&state=open&department=operations", "/api/analytics/summary?q={q}",
				"/api/mentions/facets?q={q}")) {
			this.web.get().uri(uri, deepest).exchange().expectStatus().isOk();
		}
	}

	@Test
	void hostileQueriesAreAnsweredWithAProblemDetailSayingWhereTheyPassTheLimit() {
		expectProblem("q", "/api/mentions?q={q}", "(".repeat(500) + "fare" + ")".repeat(500)).jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("levels deep at position 32"));
		expectProblem("q", "/api/mentions?q={q}", "fare " + "NOT ".repeat(250) + "refund");
		expectProblem("q", "/api/mentions?q={q}", "fare " + "-".repeat(1_000) + "refund");
		expectProblem("q", "/api/mentions?q={q}", "fare " + "-".repeat(30) + "refund").jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("more than 20 levels deep"));
		expectProblem("q", "/api/analytics/summary?q={q}", "fare OR ".repeat(600) + "refund").jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("characters long; at most 4096"));
	}

	@Test
	void theOrganizationListsDepartmentsAndTopicsButNoMembers() {
		this.web.get()
			.uri("/api/organization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Harbor City Transit")
			.jsonPath("$.departments[1].id")
			.isEqualTo("operations")
			.jsonPath("$.departments[1].topics[0].id")
			.isEqualTo("delays")
			.jsonPath("$.departments[0].members")
			.doesNotExist();
	}

	@Test
	void theOpenApiDescriptionIsServed() {
		this.web.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/mentions'].get")
			.exists()
			.jsonPath("$.paths['/api/analytics/summary'].get")
			.exists();
	}

	private void assertQueryProblem(String path, String query, int position, String detail) {
		expectProblem("q", path + "?q={q}", query).jsonPath("$.position")
			.isEqualTo(position)
			.jsonPath("$.expected")
			.isNotEmpty()
			.jsonPath("$.found")
			.isNotEmpty()
			.jsonPath("$.detail")
			.value((String text) -> assertThat(text).contains(detail));
	}

	private static List<String> topMentionIds(Map<String, Object> summary) {
		return list(summary, "topMentions").stream().map((mention) -> (String) mention.get("id")).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<String> highlights(Map<String, Object> page, int index) {
		return (List<String>) list(page, "mentions").get(index).get("highlights");
	}

}
