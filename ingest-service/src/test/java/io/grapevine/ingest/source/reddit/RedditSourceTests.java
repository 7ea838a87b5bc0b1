package io.grapevine.ingest.source.reddit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Declared;
import io.grapevine.ingest.source.OwnedAccounts;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.TopicQueries;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class RedditSourceTests {

	private static final String INSTANCE = "reddit:search";

	private static final String USER_AGENT = "server:io.grapevine:0.1 (by /u/grapevine_test)";

	private static final String QUERY = "hctransit OR \"harbor city transit\"";

	private static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

	private final FakeReddit reddit = FakeReddit.start();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@AfterEach
	void stopReddit() {
		this.reddit.close();
	}

	@Test
	void asksForAnAppOnlyTokenWithBasicAuthAndTheClientCredentialsGrant() {
		fetch(source(100), start());

		FakeReddit.RecordedRequest request = this.reddit.requests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/api/v1/access_token");
		assertThat(request.authorization()).contains(
				"Basic " + Base64.getEncoder().encodeToString("app-id:app-s3cret".getBytes(StandardCharsets.UTF_8)));
		assertThat(request.contentType())
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/x-www-form-urlencoded"));
		assertThat(request.body()).isEqualTo("grant_type=client_credentials");
		assertThat(request.userAgent()).contains(USER_AGENT);
	}

	@Test
	void searchesTheNewestLinksWithTheBearerTokenTheUserAgentAndRawJson() {
		fetch(source(100), start());

		FakeReddit.RecordedRequest request = this.reddit.listingRequests().get(0);
		assertThat(request.path()).isEqualTo("/search");
		assertThat(request.query()).containsExactly(Map.entry("q", QUERY), Map.entry("sort", "new"),
				Map.entry("limit", "100"), Map.entry("type", "link"), Map.entry("raw_json", "1"));
		assertThat(request.authorization()).contains("bearer token-1");
		assertThat(request.userAgent()).contains(USER_AGENT);
	}

	@Test
	void searchesWithTheTopicsQueriesCompiledToRedditAndNamesThatQueryAsMatchedBy() {
		this.reddit.post("harborcity", 1000, 1);
		RedditQuery query = RedditQuery.of(TopicQueries
			.organization("query: '\"food bank\" (volunteer OR donate) -spam'", "query: 'delay NEAR/3 bus'"));
		RedditSource source = new RedditSource(INSTANCE, settings(100, List.of()), query, List.of(),
				WebClient.builder(), this.clock);

		Page page = fetch(source, start());

		String sent = "(\"food bank\" (volunteer OR donate) NOT spam) OR (delay bus)";
		assertThat(this.reddit.listingRequests().get(0).query()).containsEntry("q", sent);
		assertThat(page.mentions()).extracting(Mention::matchedBy).containsOnly(Optional.of(sent));
	}

	@Test
	void reusesTheTokenUntilItExpires() {
		this.reddit.post("harborcity", 1000, 1);
		RedditSource source = source(100);

		Page first = fetch(source, start());
		fetch(source, first.next());

		assertThat(this.reddit.tokensIssued()).isOne();
		assertThat(this.reddit.listingRequests()).extracting((request) -> request.authorization().orElse(""))
			.containsOnly("bearer token-1");
	}

	@Test
	void mapsThePostsTheQueryFindsWhichAreNeverComments() {
		this.reddit.post("harborcity", 1000, 1);
		this.reddit.comment("harborcity", 1001, 1000);

		Page page = fetch(source(100), start());

		assertThat(page.mentions()).extracting(Mention::id).containsExactly("reddit:t3_rs");
		Mention post = page.mentions().get(0);
		assertThat(post.text()).isEqualTo("Post 1000 about the T5 & <delays>\n\nWaited 20 min at Kingsbridge.");
		assertThat(post.url()).hasToString("https://www.reddit.com/r/harborcity/comments/rs/post_1000/");
		assertThat(post.author().handle()).isEqualTo("rider_1000");
		assertThat(post.matchedBy()).contains(QUERY);
		assertThat(post.publishedAt()).isEqualTo(Instant.ofEpochSecond(1763630100L + 1000));
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.problem()).isEmpty();
	}

	@Test
	void readsTheOrganizationsAccountsWhoseRepliesAreOwnedAndNameThePostTheyAnswer() {
		// Shapes of a user's listing (reddit.com/dev/api, GET /user/{username}/overview):
		// a comment names its parent by fullname in parent_id (t3_ for the post, t1_ for
		// a
		// comment) and its post in link_id, carries the post's num_comments, and "" as
		// replies; the user's own posts come in the same listing.
		this.reddit.post("harborcity", 1000, 1);
		this.reddit.publish(1001, "harborcity", ownComment(1001, "t3_rs",
				"Sorry about the wait: a T5 broke down at Kingsbridge. Buses are back every 10 minutes.", -2));
		this.reddit.publish(1002, "harborcity", ownComment(1002, "t1_rt", "Thanks, we passed it on to the depot.", 3));
		ObjectNode announcement = FakeReddit.post(1003, "hctransit");
		announcement.put("author", "HarborCityTransit");
		announcement.put("title", "New timetable from Monday");
		this.reddit.publish(1003, "hctransit", announcement);
		RedditSource source = (RedditSource) new RedditSourceFactory().create(
				Declared.settings("reddit", "search",
						Map.of("REDDIT_CLIENT_ID", FakeReddit.CLIENT_ID, "REDDIT_CLIENT_SECRET",
								FakeReddit.CLIENT_SECRET),
						redditSettings()),
				new SourceContext(OwnedAccounts.organization(), WebClient.builder(), this.clock));

		Page search = fetch(source, start());
		Page account = fetch(source, search.next());

		assertThat(source.listings()).containsExactly("search", "u:harborcitytransit");
		FakeReddit.RecordedRequest request = this.reddit.listingRequests().get(1);
		assertThat(request.path()).isEqualTo("/user/harborcitytransit/overview");
		assertThat(request.query()).containsEntry("sort", "new").containsEntry("raw_json", "1");
		assertThat(account.problem()).isEmpty();
		Map<String, Mention> tagged = OwnedAccounts
			.tagged(Stream.of(search, account).flatMap((page) -> page.mentions().stream()).toList());
		Mention complaint = tagged.get("reddit:t3_rs");
		Mention reply = tagged.get("reddit:t1_rt");
		assertThat(complaint.owned()).isFalse();
		assertThat(reply.owned()).isTrue();
		assertThat(reply.ownedBy()).isEmpty();
		assertThat(reply.parentId()).contains(complaint.id());
		assertThat(reply.matchedBy()).contains("u/harborcitytransit");
		assertThat(reply.engagement().likes()).as("negative scores count as none").isZero();
		assertThat(reply.engagement().replies()).as("not the post's comments").isZero();
		assertThat(tagged.get("reddit:t1_ru").parentId()).contains("reddit:t1_rt");
		assertThat(tagged.get("reddit:t3_rv").owned()).isTrue();
		assertThat(tagged.get("reddit:t3_rv").parentId()).isEmpty();
	}

	@Test
	void passesOverAnAccountRedditDoesNotKnowUntilTheNextRound() {
		this.reddit.post("harborcity", 1000, 1);
		RedditSource source = new RedditSource(INSTANCE, settings(100, List.of()), RedditQuery.of(QUERY),
				List.of("hctransit_old", "harborcitytransit"), WebClient.builder(), this.clock);

		Page search = fetch(source, start());
		Page unknown = fetch(source, search.next());

		assertThat(unknown.problem()).hasValueSatisfying(
				(problem) -> assertThat(problem).contains("HTTP 404", "u/hctransit_old", "accounts.reddit"));
		assertThat(unknown.deadLetters()).singleElement()
			.satisfies((letter) -> assertThat(letter.payload()).contains("Not Found"));
		assertThat(unknown.next().get("current")).contains("u:harborcitytransit");
	}

	private static ObjectNode ownComment(int number, String parent, String body, int score) {
		ObjectNode comment = FakeReddit.comment(number, "harborcity", 1000);
		comment.put("author", "HarborCityTransit");
		comment.put("author_fullname", "t2_1x2y3z");
		comment.put("parent_id", parent);
		comment.put("body", body);
		comment.put("body_html", "<div class=\"md\"><p>" + body + "</p></div>");
		comment.put("score", score);
		comment.put("ups", score);
		comment.put("num_comments", 7);
		comment.put("replies", "");
		comment.put("link_title", "Post 1000 about the T5 & <delays>");
		comment.put("link_author", "rider_1000");
		comment.put("link_permalink", "https://www.reddit.com/r/harborcity/comments/rs/post_1000/");
		comment.put("subreddit_name_prefixed", "r/harborcity");
		return comment;
	}

	private Map<String, Object> redditSettings() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("base-url", this.reddit.baseUrl().toString());
		settings.put("auth-url", this.reddit.baseUrl().toString());
		settings.put("client-id", "${REDDIT_CLIENT_ID}");
		settings.put("client-secret", "${REDDIT_CLIENT_SECRET}");
		settings.put("user-agent", USER_AGENT);
		settings.put("query", "hctransit");
		return settings;
	}

	@Test
	void pagesWithAfterAndMovesTheListingKeyOnlyWhenTheRoundEnds() {
		this.reddit.post("harborcity", 1000, 5);
		RedditSource source = source(2);

		Page first = fetch(source, start());
		assertThat(first.mentions()).extracting(Mention::nativeId)
			.containsExactly(FakeReddit.name(1004), FakeReddit.name(1003));
		assertThat(first.more()).isTrue();
		assertThat(first.next().position()).doesNotContainKey("search")
			.containsEntry("current", "search")
			.containsEntry("pending_newest", FakeReddit.name(1004))
			.containsEntry("after", FakeReddit.name(1003));

		Page second = fetch(source, first.next());
		assertThat(second.next().position()).doesNotContainKey("search")
			.containsEntry("pending_newest", FakeReddit.name(1004))
			.containsEntry("after", FakeReddit.name(1001));

		Page third = fetch(source, second.next());
		assertThat(third.mentions()).extracting(Mention::nativeId).containsExactly(FakeReddit.name(1000));
		assertThat(third.more()).as("the only listing is read: wait for the poll interval").isFalse();
		assertThat(third.next().position()).isEqualTo(Map.of("search", FakeReddit.name(1004), "current", "search"));

		assertThat(this.reddit.listingRequests()).extracting((request) -> request.query().get("after"))
			.containsExactly(null, FakeReddit.name(1003), FakeReddit.name(1001));
	}

	@Test
	void stopsAtTheFirstItemAlreadySeenAndDoesNotPageFurther() {
		this.reddit.post("harborcity", 1000, 5);
		RedditSource source = source(2);
		Cursor cursor = start().moveTo(Map.of("search", FakeReddit.name(1002)), NOW);

		Page first = fetch(source, cursor);
		assertThat(first.mentions()).extracting(Mention::nativeId)
			.containsExactly(FakeReddit.name(1004), FakeReddit.name(1003));
		assertThat(first.more()).as("the next page could still hold new items").isTrue();
		Page second = fetch(source, first.next());

		assertThat(second.mentions()).isEmpty();
		assertThat(second.more()).isFalse();
		assertThat(second.next().position()).containsEntry("search", FakeReddit.name(1004)).doesNotContainKey("after");

		this.reddit.post("harborcity", 1005, 1);
		Page third = fetch(source, second.next());
		assertThat(third.mentions()).extracting(Mention::nativeId).containsExactly(FakeReddit.name(1005));
		assertThat(third.next().position()).containsEntry("search", FakeReddit.name(1005));
		assertThat(this.reddit.listingRequests()).hasSize(3);
	}

	@Test
	void resumesMidRoundFromTheStoredCursorWithoutLosingOrRepeatingAnItem() {
		this.reddit.post("harborcity", 1000, 5);
		Cursor stored = fetch(source(2), start().moveTo(Map.of("search", FakeReddit.name(999)), NOW)).next();
		this.reddit.post("harborcity", 1005, 2);

		RedditSource restarted = source(2);
		Page second = fetch(restarted, stored);
		Page third = fetch(restarted, second.next());

		assertThat(second.mentions()).extracting(Mention::nativeId)
			.containsExactly(FakeReddit.name(1002), FakeReddit.name(1001));
		assertThat(third.mentions()).extracting(Mention::nativeId).containsExactly(FakeReddit.name(1000));
		assertThat(third.next().position()).containsEntry("search", FakeReddit.name(1004));
		Page next = fetch(restarted, third.next());
		assertThat(next.mentions()).extracting(Mention::nativeId)
			.containsExactly(FakeReddit.name(1006), FakeReddit.name(1005));
	}

	@Test
	void readsEachSubredditAfterTheSearchWithItsOwnKeyAndMatchedBy() {
		this.reddit.post("harborcity", 1000, 1);
		this.reddit.post("hctransit", 2000, 1);
		RedditSource source = new RedditSource(INSTANCE, settings(100, List.of("r/HCTransit")), RedditQuery.of(QUERY),
				List.of(), WebClient.builder(), this.clock);

		Page search = fetch(source, start());
		assertThat(search.more()).isTrue();
		Page subreddit = fetch(source, search.next());

		assertThat(this.reddit.listingRequests().get(1).path()).isEqualTo("/r/HCTransit/new");
		assertThat(this.reddit.listingRequests().get(1).query()).containsExactly(Map.entry("limit", "100"),
				Map.entry("raw_json", "1"));
		assertThat(subreddit.mentions()).extracting(Mention::nativeId).containsExactly(FakeReddit.name(2000));
		assertThat(subreddit.mentions().get(0).matchedBy()).contains("r/HCTransit");
		assertThat(subreddit.more()).isFalse();
		assertThat(subreddit.next().position()).containsEntry("search", FakeReddit.name(2000))
			.containsEntry("r:HCTransit", FakeReddit.name(2000))
			.containsEntry("current", "search");
	}

	@Test
	void capsARoundAtTenPages() {
		this.reddit.post("harborcity", 1000, 30);
		RedditSource source = source(2);
		Cursor cursor = start();
		Page page;
		int pages = 0;
		do {
			page = fetch(source, cursor);
			cursor = page.next();
			pages++;
		}
		while (page.more());

		assertThat(pages).isEqualTo(10);
		assertThat(cursor.position()).isEqualTo(Map.of("search", FakeReddit.name(1029), "current", "search"));
	}

	@Test
	void asksForANewTokenAfterA401AndRetriesTheListing() {
		this.reddit.post("harborcity", 1000, 1);
		RedditSource source = source(100);
		Page first = fetch(source, start());
		this.reddit.revokeToken();

		Page second = fetch(source, first.next());

		assertThat(second.problem()).isEmpty();
		assertThat(this.reddit.tokensIssued()).isEqualTo(2);
		assertThat(this.reddit.listingRequests()).extracting((request) -> request.authorization().orElse(""))
			.containsExactly("bearer token-1", "bearer token-1", "bearer token-2");
	}

	@Test
	void marksTheInstanceUnhealthyNamingTheCredentialSettingsWhenTheTokenIsRefused() {
		this.reddit.answerTokenOnce(401, "application/json", "{\"message\": \"Unauthorized\", \"error\": 401}");
		Cursor cursor = start();

		Page page = fetch(source(100), cursor);

		assertThat(page.credentialsRefused()).isTrue();
		assertThat(page.problem()).hasValueSatisfying(
				(problem) -> assertThat(problem).contains("sources[" + INSTANCE + "].settings.client-id",
						"sources[" + INSTANCE + "].settings.client-secret", "401"));
		assertThat(page.next()).isEqualTo(cursor);
		assertThat(page.pauseUntil()).contains(NOW.plus(Duration.ofMinutes(2)));
		assertThat(this.reddit.listingRequests()).isEmpty();
	}

	@Test
	void asksAgainForATokenOnTheNextPollAfterARefusal() {
		this.reddit.answerTokenOnce(401, "application/json", "{\"message\": \"Unauthorized\", \"error\": 401}");
		RedditSource source = source(100);
		fetch(source, start());

		Page page = fetch(source, start());

		assertThat(page.problem()).isEmpty();
		assertThat(this.reddit.tokensIssued()).isOne();
	}

	@Test
	void pausesUntilTheResetWhenLessThanOneRequestRemains() {
		this.reddit.post("harborcity", 1000, 1);
		this.reddit.rateLimit(1.0, 321);

		Page page = fetch(source(100), start());

		assertThat(page.mentions()).hasSize(1);
		assertThat(page.pauseUntil()).contains(NOW.plusSeconds(321));
		assertThat(page.more()).isFalse();
	}

	@Test
	void keepsGoingWhileRequestsRemain() {
		this.reddit.rateLimit(598.5, 321);

		assertThat(fetch(source(100), start()).pauseUntil()).isEmpty();
	}

	@Test
	void pausesOn429AndKeepsTheCursor() {
		this.reddit.rateLimit(42, 77);
		this.reddit.answerListingOnce(429, "application/json", "{\"message\": \"Too Many Requests\", \"error\": 429}");
		Cursor cursor = start();

		Page page = fetch(source(100), cursor);

		assertThat(page.pauseUntil()).contains(NOW.plusSeconds(77));
		assertThat(page.next()).isEqualTo(cursor);
		assertThat(page.mentions()).isEmpty();
	}

	@Test
	void setsAsideAnHtmlErrorPageWithItsBodyAndKeepsTheCursor() {
		String html = "<!doctype html><html><body>Our CDN was unable to reach our servers</body></html>";
		this.reddit.answerListingOnce(200, "text/html", html);
		Cursor cursor = start();

		Page page = fetch(source(100), cursor);

		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("not JSON"));
		assertThat(page.deadLetters()).singleElement().satisfies((deadLetter) -> {
			assertThat(deadLetter.payload()).isEqualTo(html);
			assertThat(deadLetter.source()).isEqualTo(INSTANCE);
		});
		assertThat(page.next()).isEqualTo(cursor);
	}

	@Test
	void setsAside5xxAnd403AnswersWithTheirBodyAndStatus() {
		this.reddit.answerListingOnce(500, "text/html", "<html>Internal Server Error</html>");
		this.reddit.answerListingOnce(403, "application/json", "{\"message\": \"Forbidden\", \"error\": 403}");
		RedditSource source = source(100);

		Page serverError = fetch(source, start());
		Page forbidden = fetch(source, start());

		assertThat(serverError.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 500"));
		assertThat(serverError.deadLetters()).singleElement()
			.satisfies(
					(deadLetter) -> assertThat(deadLetter.payload()).isEqualTo("<html>Internal Server Error</html>"));
		assertThat(forbidden.problem()).hasValueSatisfying(
				(problem) -> assertThat(problem).contains("HTTP 403", "sources[" + INSTANCE + "].settings.user-agent"));
		assertThat(forbidden.deadLetters()).hasSize(1);
	}

	@Test
	void setsAsideUnmappableItemsWithTheirJsonAndPublishesTheRest() {
		this.reddit.answerListingOnce(200, "application/json",
				RedditListingMapperTests.fixture("listing-with-unmappable-items.json"));

		Page page = fetch(source(100), start());

		assertThat(page.mentions()).hasSize(1);
		assertThat(page.deadLetters()).hasSize(3);
		assertThat(page.problem()).isEmpty();
	}

	private RedditSource source(int limit) {
		return new RedditSource(INSTANCE, settings(limit, List.of()), RedditQuery.of(QUERY), List.of(),
				WebClient.builder(), this.clock);
	}

	private RedditSettings settings(int limit, List<String> subreddits) {
		return new RedditSettings(this.reddit.baseUrl(), this.reddit.baseUrl(), FakeReddit.CLIENT_ID,
				FakeReddit.CLIENT_SECRET, USER_AGENT, null, subreddits, Duration.ofMinutes(2), limit,
				Duration.ofSeconds(5));
	}

	private static Cursor start() {
		return Cursor.start(INSTANCE, NOW);
	}

	private static Page fetch(RedditSource source, Cursor cursor) {
		Page[] page = new Page[1];
		StepVerifier.create(source.fetch(cursor)).consumeNextWith((next) -> page[0] = next).verifyComplete();
		return page[0];
	}

}
