package io.grapevine.ingest.source.hackernews;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.OwnedAccounts;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.TopicQueries;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class HackerNewsSearchSourceTests {

	private static final String INSTANCE = "hackernews:search";

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static final long T0 = NOW.minus(Duration.ofHours(6)).getEpochSecond();

	private final FakeHackerNewsSearch api = FakeHackerNewsSearch.start();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@AfterEach
	void stopApi() {
		this.api.close();
	}

	@Test
	void sendsTheDocumentedSearchByDateRequestWithoutCredentials() {
		fetch(source(10, HackerNewsQueriesTests.queriesOf("[delay, harbor city careers]")), at(T0));

		FakeHackerNewsSearch.RecordedRequest request = this.api.searches().get(0);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/api/v1/search_by_date");
		assertThat(request.authorized()).isFalse();
		assertThat(request.query()).containsEntry("query", "delay \"harbor city careers\"")
			.containsEntry("optionalWords", "delay,harbor city careers")
			.containsEntry("tags", "(story,comment)")
			.containsEntry("numericFilters", "created_at_i>" + T0)
			.containsEntry("hitsPerPage", "10")
			.containsEntry("page", "0");
	}

	@Test
	void sendsAConfiguredQueryAsWrittenWithoutOptionalWords() {
		fetch(source(100, HackerNewsQueries.of("  \"harbor city\" -bus  ")), at(T0));

		assertThat(this.api.searches().get(0).query()).containsEntry("query", "\"harbor city\" -bus")
			.containsEntry("hitsPerPage", "100")
			.doesNotContainKeys("optionalWords", "advancedSyntax");
	}

	@Test
	void searchesEachQueryCompiledFromTheTopicsWithItsOwnCursorOneAfterTheOther() {
		this.api.evaluateQueries()
			.post(FakeHackerNewsSearch.story(3001, T0 + 1, "amy", "Bus late again today"),
					FakeHackerNewsSearch.story(3002, T0 + 2, "bo", "Train late again tonight"),
					FakeHackerNewsSearch.story(3003, T0 + 3, "cy", "Bus late again because of the strike"),
					FakeHackerNewsSearch.story(3004, T0 + 4, "di", "New depot opens"));
		HackerNewsSearchSource source = source(10, HackerNewsQueries
			.of(TopicQueries.organization("query: '(bus OR train) \"late again\" -strike'", "keywords: [depot]")));
		String bus = "bus \"late again\" -strike";
		String train = "train \"late again\" -strike";
		long weekAgo = NOW.minus(Duration.ofDays(7)).getEpochSecond();

		Page depot = fetch(source, Cursor.start(INSTANCE, Instant.EPOCH));
		Page buses = fetch(source, depot.next());
		Page trains = fetch(source, buses.next());

		assertThat(this.api.searches()).extracting(FakeHackerNewsSearch.RecordedRequest::query)
			.containsExactly(
					Map.of("query", "depot", "optionalWords", "depot", "tags", "(story,comment)", "numericFilters",
							"created_at_i>" + weekAgo, "hitsPerPage", "10", "page", "0"),
					Map.of("query", bus, "advancedSyntax", "true", "tags", "(story,comment)", "numericFilters",
							"created_at_i>" + weekAgo, "hitsPerPage", "10", "page", "0"),
					Map.of("query", train, "advancedSyntax", "true", "tags", "(story,comment)", "numericFilters",
							"created_at_i>" + weekAgo, "hitsPerPage", "10", "page", "0"));
		assertThat(depot.mentions()).extracting(Mention::nativeId, Mention::matchedBy)
			.containsExactly(tuple("3004", Optional.of("depot")));
		assertThat(buses.mentions()).extracting(Mention::nativeId, Mention::matchedBy)
			.containsExactly(tuple("3001", Optional.of(bus)));
		assertThat(trains.mentions()).extracting(Mention::nativeId, Mention::matchedBy)
			.containsExactly(tuple("3002", Optional.of(train)));
		assertThat(List.of(depot.more(), buses.more(), trains.more())).containsExactly(true, true, false);
		assertThat(trains.next().position()).isEqualTo(Map.of("since:depot", String.valueOf(T0 + 4), "since:" + bus,
				String.valueOf(T0 + 1), "since:" + train, String.valueOf(T0 + 2), "current", "depot"));

		this.api.post(FakeHackerNewsSearch.story(3005, T0 + 5, "ed", "Bus late again at the depot"));
		Page nextDepot = fetch(source, trains.next());
		Page nextBuses = fetch(source, nextDepot.next());
		Page nextTrains = fetch(source, nextBuses.next());

		assertThat(this.api.searches().subList(3, 6)).extracting((request) -> request.query().get("numericFilters"))
			.containsExactly("created_at_i>" + (T0 + 4), "created_at_i>" + (T0 + 1), "created_at_i>" + (T0 + 2));
		assertThat(ids(nextDepot)).containsExactly("3005");
		assertThat(ids(nextBuses)).containsExactly("3005");
		assertThat(ids(nextTrains)).isEmpty();
		assertThat(nextTrains.next().position()).containsEntry("since:depot", String.valueOf(T0 + 5))
			.containsEntry("since:" + bus, String.valueOf(T0 + 5))
			.containsEntry("since:" + train, String.valueOf(T0 + 2));
	}

	@Test
	void pagesOneQueryAtATimeAndResumesItAfterARestart() {
		this.api.evaluateQueries().post(stories(1001, 15));
		HackerNewsQueries queries = HackerNewsQueries
			.of(TopicQueries.organization("query: 'bus delay'", "query: 'number -bus'"));

		Page first = fetch(source(10, queries), Cursor.start(INSTANCE, Instant.EPOCH));
		assertThat(first.more()).isTrue();
		assertThat(first.next().position()).containsEntry("current", "bus delay")
			.containsEntry("page", "1")
			.containsEntry("pending_newest", String.valueOf(T0 + 15));

		Page second = fetch(source(10, queries), first.next());
		Page other = fetch(source(10, queries), second.next());

		assertThat(this.api.searches())
			.extracting((request) -> request.query().get("query"), (request) -> request.query().get("page"))
			.containsExactly(tuple("bus delay", "0"), tuple("bus delay", "1"), tuple("number -bus", "0"));
		assertThat(ids(first, second)).hasSize(15).doesNotHaveDuplicates();
		assertThat(other.mentions()).isEmpty();
		assertThat(other.more()).isFalse();
		assertThat(other.next().position()).containsEntry("since:bus delay", String.valueOf(T0 + 15))
			.containsEntry("current", "bus delay")
			.doesNotContainKeys("page", "pending_newest", "until", "slice_oldest");
	}

	@Test
	void looksBackSevenDaysOnTheVeryFirstRound() {
		Page page = fetch(source(10), Cursor.start(INSTANCE, Instant.EPOCH));

		long weekAgo = NOW.minus(Duration.ofDays(7)).getEpochSecond();
		assertThat(this.api.searches().get(0).query()).containsEntry("numericFilters", "created_at_i>" + weekAgo);
		assertThat(page.next().position()).isEqualTo(Map.of("since", String.valueOf(weekAgo)));
		assertThat(page.more()).isFalse();
	}

	@Test
	void pagesThroughARoundAndOnlyThenMovesSinceToTheNewestItemOfTheRound() {
		this.api.post(stories(1001, 25));
		HackerNewsSearchSource source = source(10);

		Page first = fetch(source, at(T0));
		assertThat(first.mentions()).extracting(Mention::nativeId).first().isEqualTo("1025");
		assertThat(first.more()).isTrue();
		assertThat(first.next().position()).containsEntry("since", String.valueOf(T0))
			.containsEntry("pending_newest", String.valueOf(T0 + 25))
			.containsEntry("page", "1");

		Page second = fetch(source, first.next());
		assertThat(this.api.searches().get(1).query()).containsEntry("page", "1")
			.containsEntry("numericFilters", "created_at_i>" + T0);
		assertThat(second.next().position()).containsEntry("since", String.valueOf(T0))
			.containsEntry("pending_newest", String.valueOf(T0 + 25))
			.containsEntry("page", "2");

		Page third = fetch(source, second.next());
		assertThat(third.more()).isFalse();
		assertThat(third.next().position()).isEqualTo(Map.of("since", String.valueOf(T0 + 25)));

		assertThat(ids(first, second, third)).hasSize(25).doesNotHaveDuplicates();

		this.api.post(stories(1026, 2));
		Page next = fetch(source, third.next());
		assertThat(this.api.searches().get(3).query()).containsEntry("numericFilters", "created_at_i>" + (T0 + 25))
			.containsEntry("page", "0");
		assertThat(next.mentions()).extracting(Mention::nativeId).containsExactly("1027", "1026");
		assertThat(next.next().position()).isEqualTo(Map.of("since", String.valueOf(T0 + 27)));
	}

	@Test
	void resumesARoundInterruptedByARestartWithoutLosingOrRepeatingItems() {
		this.api.post(stories(1001, 25));
		Cursor afterFirstPage = fetch(source(10), at(T0)).next();
		this.api.post(stories(1026, 3));

		HackerNewsSearchSource restarted = source(10);
		Page second = fetch(restarted, afterFirstPage);
		Page third = fetch(restarted, second.next());

		assertThat(this.api.searches().get(1).query()).containsEntry("page", "1")
			.containsEntry("numericFilters", "created_at_i>" + T0);
		List<String> seen = new ArrayList<>(ids(second, third));
		assertThat(seen).doesNotContain("1026", "1027", "1028");
		assertThat(third.next().position()).isEqualTo(Map.of("since", String.valueOf(T0 + 25)));
		Page nextRound = fetch(restarted, third.next());
		assertThat(nextRound.mentions()).extracting(Mention::nativeId).containsExactly("1028", "1027", "1026");
		seen.addAll(ids(nextRound));
		assertThat(new HashSet<>(seen)).as("the first page had 1016..1025")
			.containsAll(IntStream.rangeClosed(1001, 1015).mapToObj(String::valueOf).toList());
	}

	@Test
	void keepsItsPositionWhenARoundFindsNothing() {
		Page page = fetch(source(10), at(T0));

		assertThat(page.mentions()).isEmpty();
		assertThat(page.more()).isFalse();
		assertThat(page.problem()).isEmpty();
		assertThat(page.next().position()).isEqualTo(Map.of("since", String.valueOf(T0)));
	}

	@Test
	void walksARoundOfMoreThanAThousandHitsInTimeSlicesSoNothingIsSkipped() {
		// 2,600 stories, three in each second, so slice boundaries fall inside a second.
		List<FakeHackerNewsSearch.Item> items = LongStream.range(0, 2600)
			.mapToObj((i) -> FakeHackerNewsSearch.story(50_000 + i, T0 + 1 + i / 3, "user" + (i % 7), "Delay " + i))
			.toList();
		this.api.post(items);
		HackerNewsSearchSource source = source(250);
		long newest = T0 + 1 + 2599 / 3;

		Set<String> seen = new HashSet<>();
		Cursor cursor = at(T0);
		int pages = 0;
		Page page;
		do {
			page = fetch(source, cursor);
			page.mentions().forEach((mention) -> seen.add(mention.nativeId()));
			assertThat(page.problem()).isEmpty();
			if (page.more()) {
				assertThat(page.next().position()).containsEntry("since", String.valueOf(T0))
					.containsEntry("pending_newest", String.valueOf(newest));
			}
			cursor = page.next();
			pages++;
		}
		while (page.more() && pages < 100);

		assertThat(seen).hasSize(2600);
		assertThat(cursor.position()).isEqualTo(Map.of("since", String.valueOf(newest)));
		List<FakeHackerNewsSearch.RecordedRequest> requests = this.api.searches();
		assertThat(requests).allSatisfy((request) -> assertThat(Integer.parseInt(request.query().get("page")))
			.as("never asks beyond Algolia's 1,000 hits")
			.isLessThan(4));
		assertThat(requests).extracting((request) -> request.query().get("numericFilters"))
			.first()
			.isEqualTo("created_at_i>" + T0);
		assertThat(requests).extracting((request) -> request.query().get("numericFilters"))
			.filteredOn((filters) -> filters.contains("created_at_i<="))
			.isNotEmpty()
			.allSatisfy((filters) -> assertThat(filters).startsWith("created_at_i>" + T0 + ",created_at_i<="));
	}

	@Test
	void resumesATimeSliceAfterARestart() {
		List<FakeHackerNewsSearch.Item> items = LongStream.range(0, 1500)
			.mapToObj((i) -> FakeHackerNewsSearch.story(70_000 + i, T0 + 1 + i, "user", "Delay " + i))
			.toList();
		this.api.post(items);
		Set<String> seen = new HashSet<>();
		Cursor cursor = at(T0);
		Page first = fetch(source(1000), cursor);
		first.mentions().forEach((mention) -> seen.add(mention.nativeId()));
		cursor = first.next();
		assertThat(first.more()).isTrue();
		assertThat(cursor.position()).containsEntry("since", String.valueOf(T0))
			.containsEntry("pending_newest", String.valueOf(T0 + 1500))
			.containsEntry("until", String.valueOf(T0 + 501));

		Page last = fetch(source(1000), cursor);
		assertThat(this.api.searches().get(1).query()).containsEntry("numericFilters",
				"created_at_i>" + T0 + ",created_at_i<=" + (T0 + 501));
		last.mentions().forEach((mention) -> seen.add(mention.nativeId()));

		assertThat(seen).hasSize(1500);
		assertThat(last.more()).isFalse();
		assertThat(last.next().position()).isEqualTo(Map.of("since", String.valueOf(T0 + 1500)));
	}

	@Test
	void sendsAtMostItsRequestsPerHourAndPausesUntilTheHourIsOverBeforeHnSearchHasToRefuse() {
		HackerNewsSearchSource source = source(100, HackerNewsQueries.of("delay"), 2);

		Page first = fetch(source, at(0));
		Page second = fetch(source, first.next());
		Page third = fetch(source, second.next());

		assertThat(this.api.searches()).hasSize(2);
		assertThat(first.pauseUntil()).isEmpty();
		assertThat(second.pauseUntil()).isEmpty();
		assertThat(third.pauseUntil()).contains(this.clock.instant().plus(Duration.ofHours(1)));
		assertThat(third.problem()).isEmpty();
		assertThat(third.mentions()).isEmpty();
		assertThat(third.next()).isEqualTo(second.next());
	}

	@Test
	void setsAsideARateLimitedAnswerAndPausesUntilRetryAfter() {
		this.api.answerOnce(429, "application/json", "{\"message\":\"Too many requests\",\"status\":429}",
				Map.of("Retry-After", "120"));
		Cursor cursor = at(T0);

		Page page = fetch(source(10), cursor);

		assertThat(page.pauseUntil()).contains(NOW.plusSeconds(120));
		assertThat(page.next()).isEqualTo(cursor);
		assertThat(page.mentions()).isEmpty();
		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 429"));
		assertThat(page.deadLetters()).singleElement().satisfies((letter) -> {
			assertThat(letter.source()).isEqualTo(INSTANCE);
			assertThat(letter.reason()).contains("HTTP 429");
			assertThat(letter.payload()).isEqualTo("{\"message\":\"Too many requests\",\"status\":429}");
		});
	}

	@Test
	void pausesOnePollIntervalWhenRateLimitedWithoutRetryAfter() {
		this.api.answerOnce(429, "text/plain", "Too Many Requests", Map.of());

		Page page = fetch(source(10), at(T0));

		assertThat(page.pauseUntil()).contains(NOW.plus(Duration.ofMinutes(5)));
		assertThat(page.deadLetters()).singleElement()
			.satisfies((letter) -> assertThat(letter.payload()).isEqualTo("Too Many Requests"));
	}

	@Test
	void setsAsideAnHtmlServerErrorWithItsRawBodyAndRetriesFromTheSameCursor() {
		String html = HackerNewsPageMapperTests.fixture("error-page.html");
		this.api.answerOnce(500, "text/html", html, Map.of());
		Cursor cursor = at(T0)
			.moveTo(Map.of("since", String.valueOf(T0), "pending_newest", String.valueOf(T0 + 9), "page", "3"), NOW);

		Page page = fetch(source(10), cursor);

		assertThat(page.next()).isEqualTo(cursor);
		assertThat(page.more()).isFalse();
		assertThat(page.pauseUntil()).isEmpty();
		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 500"));
		assertThat(page.deadLetters()).singleElement().satisfies((letter) -> {
			assertThat(letter.reason()).contains("HTTP 500").contains("502 Bad Gateway");
			assertThat(letter.payload()).isEqualTo(html);
		});
		assertThat(this.api.searches().get(0).query()).containsEntry("page", "3");
	}

	@Test
	void setsAsideAnHtmlPageAnsweredWithStatus200() {
		String html = HackerNewsPageMapperTests.fixture("error-page.html");
		this.api.answerOnce(200, "text/html", html, Map.of());

		Page page = fetch(source(10), at(T0));

		assertThat(page.next()).isEqualTo(at(T0));
		assertThat(page.deadLetters()).singleElement().satisfies((letter) -> {
			assertThat(letter.reason()).contains("not JSON");
			assertThat(letter.payload()).isEqualTo(html);
		});
	}

	@Test
	void setsAsideATruncatedPageWithItsRawBody() {
		String truncated = "{\"hits\":[{\"objectID\":\"38012345\",\"author\":\"pg\",\"comment_text\":\"Bus 4";
		this.api.answerOnce(200, "application/json", truncated, Map.of());

		Page page = fetch(source(10), at(T0));

		assertThat(page.next()).isEqualTo(at(T0));
		assertThat(page.mentions()).isEmpty();
		assertThat(page.deadLetters()).singleElement().satisfies((letter) -> {
			assertThat(letter.reason()).contains("not JSON");
			assertThat(letter.payload()).isEqualTo(truncated);
		});
	}

	@Test
	void setsAsideAnAlgoliaErrorWithItsMessage() {
		this.api.answerOnce(400, "application/json",
				"{\"message\":\"invalid numeric attribute(points)\",\"status\":400}", Map.of());

		Page page = fetch(source(10), at(T0));

		assertThat(page.next()).isEqualTo(at(T0));
		assertThat(page.problem())
			.hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 400").contains("invalid numeric"));
		assertThat(page.deadLetters()).hasSize(1);
	}

	@Test
	void mapsStoriesAndCommentsServedByTheApi() {
		this.api.post(
				FakeHackerNewsSearch.story(2001, T0 + 1, "pg", "Harbor City &amp; its trams").withEngagement(12, 3),
				FakeHackerNewsSearch.comment(2002, T0 + 2, "tram_fan", "It&#x27;s <i>delayed</i><p>again", 2001, 2001));

		Page page = fetch(source(10), at(T0));

		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.mentions()).extracting(Mention::id, Mention::text)
			.containsExactly(tuple("hackernews:2002", "It's delayed\n\nagain\n\non: Harbor City opens a new tram line"),
					tuple("hackernews:2001", "Harbor City & its trams\n\nhttps://example.com/2001"));
		assertThat(page.mentions().get(0).inReplyTo()).contains("2001");
		assertThat(page.mentions().get(1).engagement().likes()).isEqualTo(12);
		assertThat(page.mentions().get(1).engagement().replies()).isEqualTo(3);
		assertThat(page.mentions()).allSatisfy((mention) -> assertThat(mention.matchedBy()).contains("delay"));
	}

	@Test
	void theOrganizationsCommentsAreOwnedAndNameTheStoryOrCommentTheyAnswer() {
		// Comment hits of HN Search (hn.algolia.com/api): objectID a string, parent_id
		// and
		// story_id numbers, parent_id the story for a top-level comment and the comment
		// answered for a reply.
		this.api.post(
				FakeHackerNewsSearch.story(38000001, T0 + 1, "tram_fan", "Harbor City's ticket app is late again"),
				FakeHackerNewsSearch.comment(38000003, T0 + 3, "pdx_rider", "Same delay here, <i>every</i> morning",
						38000001, 38000001),
				FakeHackerNewsSearch.comment(38000005, T0 + 5, "hctransit",
						"Hi, I work on the app at Harbor City Transit. A fix for the delay ships today.", 38000001,
						38000001),
				FakeHackerNewsSearch.comment(38000006, T0 + 6, "hctransit",
						"Could you mail me which phone you use? It helps us find the delay.", 38000001, 38000003));

		Map<String, Mention> tagged = OwnedAccounts.tagged(fetch(source(100), at(T0)).mentions());

		Mention story = tagged.get("hackernews:38000001");
		Mention rider = tagged.get("hackernews:38000003");
		Mention answer = tagged.get("hackernews:38000005");
		Mention reply = tagged.get("hackernews:38000006");
		assertThat(story.owned()).isFalse();
		assertThat(rider.owned()).isFalse();
		assertThat(answer.owned()).isTrue();
		assertThat(answer.parentId()).contains(story.id());
		assertThat(reply.owned()).isTrue();
		assertThat(reply.parentId()).contains(rider.id());
	}

	private HackerNewsSearchSource source(int hitsPerPage) {
		return source(hitsPerPage, HackerNewsQueries.of("delay"));
	}

	private HackerNewsSearchSource source(int hitsPerPage, HackerNewsQueries queries) {
		return source(hitsPerPage, queries, 10_000);
	}

	private HackerNewsSearchSource source(int hitsPerPage, HackerNewsQueries queries, int requestsPerHour) {
		HackerNewsSettings settings = new HackerNewsSettings(this.api.baseUrl(), Duration.ofMinutes(5), null,
				hitsPerPage, Duration.ofSeconds(10), requestsPerHour);
		return new HackerNewsSearchSource(INSTANCE, settings, queries.queries(), WebClient.builder(), this.clock);
	}

	private static Cursor at(long since) {
		return Cursor.start(INSTANCE, Instant.EPOCH).moveTo(Map.of("since", String.valueOf(since)), Instant.EPOCH);
	}

	private static Page fetch(HackerNewsSearchSource source, Cursor cursor) {
		Page[] page = new Page[1];
		StepVerifier.create(source.fetch(cursor)).consumeNextWith((next) -> page[0] = next).verifyComplete();
		return page[0];
	}

	private static List<String> ids(Page... pages) {
		List<String> ids = new ArrayList<>();
		for (Page page : pages) {
			page.mentions().forEach((mention) -> ids.add(mention.nativeId()));
		}
		return ids;
	}

	/**
	 * Stories with ids from {@code firstId}, each posted one second after the previous,
	 * T0 + (id - 1000).
	 */
	private static FakeHackerNewsSearch.Item[] stories(int firstId, int count) {
		return IntStream.range(firstId, firstId + count)
			.mapToObj((id) -> FakeHackerNewsSearch.story(id, T0 + (id - 1000), "rider_amy", "Bus delay number " + id))
			.toArray(FakeHackerNewsSearch.Item[]::new);
	}

}
