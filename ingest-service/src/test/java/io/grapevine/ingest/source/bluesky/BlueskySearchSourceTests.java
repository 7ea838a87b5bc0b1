package io.grapevine.ingest.source.bluesky;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

class BlueskySearchSourceTests {

	private static final String INSTANCE = "bluesky:harbor";

	private static final String HANDLE = "listening.harbor.example";

	private static final String PASSWORD = "abcd-efgh-ijkl-mnop";

	private static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

	private static final Instant EARLIER = Instant.parse("2026-11-21T20:00:00Z");

	private static final String SEARCH = "/xrpc/app.bsky.feed.searchPosts";

	private final ObjectMapper json = new ObjectMapper();

	private final FakeBluesky bluesky = FakeBluesky.start(HANDLE, PASSWORD);

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@AfterEach
	void stopBluesky() {
		this.bluesky.close();
	}

	@Test
	void signsInWithTheIdentifierAndAppPasswordThenSearchesTheLatestPostsWithTheAccessToken() throws Exception {
		this.bluesky.index("delay on the 14", EARLIER, 2, 1);

		Page page = fetch(source(25, "delay"), start());

		List<FakeBluesky.RecordedRequest> requests = this.bluesky.requests();
		assertThat(requests).extracting(FakeBluesky.RecordedRequest::path)
			.containsExactly("/xrpc/com.atproto.server.createSession", SEARCH);
		FakeBluesky.RecordedRequest signIn = requests.get(0);
		assertThat(signIn.method()).isEqualTo("POST");
		assertThat(signIn.contentType()).hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(this.json.readTree(signIn.body()))
			.isEqualTo(this.json.createObjectNode().put("identifier", HANDLE).put("password", PASSWORD));
		assertThat(signIn.authorization()).isEmpty();
		FakeBluesky.RecordedRequest search = requests.get(1);
		assertThat(search.method()).isEqualTo("GET");
		assertThat(search.query()).containsExactly(Map.entry("q", "delay"), Map.entry("sort", "latest"),
				Map.entry("limit", "25"));
		assertThat(search.authorization()).contains("Bearer eyJ0eXAiOiJhdCtqd3QifQ.access1.sig");
		assertThat(page.mentions()).extracting(Mention::text).containsExactly("delay on the 14 2", "delay on the 14 1");
		assertThat(page.mentions().get(0).url().toString())
			.isEqualTo("https://bsky.app/profile/rider.bsky.social/post/3lbpost2");
		assertThat(page.mentions()).allSatisfy((mention) -> assertThat(mention.matchedBy()).contains("delay"));
		assertThat(page.problem()).isEmpty();
	}

	@Test
	void sendsAPhraseQueryQuotedAndKeepsTheSessionForLaterRequests() {
		this.bluesky.index("Harbor City Careers fair today", EARLIER, 1, 1);
		BlueskySearchSource source = source(100, "\"harbor city careers\"", "hiring");

		Page first = fetch(source, start());
		fetch(source, first.next());

		assertThat(this.bluesky.searches()).extracting((request) -> request.query().get("q"))
			.containsExactly("\"harbor city careers\"", "hiring");
		assertThat(this.bluesky.sessionsCreated()).isEqualTo(1);
		assertThat(first.mentions()).singleElement()
			.satisfies((mention) -> assertThat(mention.matchedBy()).contains("\"harbor city careers\""));
	}

	@Test
	void searchesEachQueryCompiledFromTheTopicsAndNamesItAsMatchedBy() {
		this.bluesky.index("train late again", EARLIER, 1, 1);
		BlueskySearchSource source = source(100,
				BlueskyQueries.of(TopicQueries.organization("query: '(bus OR train) late NEAR/2 again -strike'"))
					.toArray(String[]::new));

		Page first = fetch(source, start());
		fetch(source, first.next());

		assertThat(this.bluesky.searches()).extracting((request) -> request.query().get("q"))
			.containsExactly("bus late again -strike", "train late again -strike");
		assertThat(first.mentions())
			.allSatisfy((mention) -> assertThat(mention.matchedBy()).contains("bus late again -strike"));
	}

	@Test
	void readsAQueryNeverReadBeforeOnePageDeepThenTheNextQueryAndThenWaits() {
		this.bluesky.index("delay at Harbor", EARLIER, 5, 1);
		this.bluesky.index("driver was kind", EARLIER, 1, 100);
		BlueskySearchSource source = source(2, "delay", "driver");

		Page first = fetch(source, start());
		assertThat(first.mentions()).extracting(Mention::text)
			.containsExactly("delay at Harbor 5", "delay at Harbor 4");
		assertThat(first.more()).as("the next query is read right away").isTrue();
		assertThat(first.next().position()).containsEntry("q:delay", uri("3lbpost5"))
			.containsEntry("q:delay@time", EARLIER.plusSeconds(240).toString())
			.containsEntry("current", "driver")
			.doesNotContainKeys("page_cursor", "pending_newest");

		Page second = fetch(source, first.next());
		assertThat(second.mentions()).extracting(Mention::text).containsExactly("driver was kind 100");
		assertThat(second.more()).as("every query is read: wait for the poll interval").isFalse();
		assertThat(second.next().position()).containsEntry("current", "delay");
	}

	@Test
	void pagesBackWithTheSearchCursorDownToTheNewestPostAlreadySeenAndOnlyThenMovesTheQuery() {
		this.bluesky.index("delay at Harbor", EARLIER, 3, 1);
		BlueskySearchSource source = source(2, "delay");
		Cursor seen = fetch(source, start()).next();
		this.bluesky.index("delay at Harbor", EARLIER.plusSeconds(3600), 5, 4);

		Page first = fetch(source, seen);
		assertThat(first.mentions()).extracting(Mention::text)
			.containsExactly("delay at Harbor 8", "delay at Harbor 7");
		assertThat(first.more()).isTrue();
		assertThat(first.next().position()).containsEntry("q:delay", uri("3lbpost3"))
			.containsEntry("pending_newest", uri("3lbpost8"))
			.containsEntry("page_cursor", "2")
			.containsEntry("pages", "1");

		Page second = fetch(source, first.next());
		assertThat(second.mentions()).extracting(Mention::text)
			.containsExactly("delay at Harbor 6", "delay at Harbor 5");
		assertThat(second.next().position()).containsEntry("q:delay", uri("3lbpost3"))
			.containsEntry("page_cursor", "4");

		Page third = fetch(source, second.next());
		assertThat(third.mentions()).extracting(Mention::text).containsExactly("delay at Harbor 4");
		assertThat(third.more()).isFalse();
		assertThat(third.next().position()).isEqualTo(Map.of("q:delay", uri("3lbpost8"), "q:delay@time",
				EARLIER.plusSeconds(3600 + 240).toString(), "current", "delay"));

		assertThat(this.bluesky.searches()).extracting((request) -> request.query().get("cursor"))
			.containsExactly(null, null, "2", "4");
	}

	@Test
	void resumesAfterARestartMidRoundWithTheStoredCursorWithoutLosingOrRepeatingAPost() {
		this.bluesky.index("delay at Harbor", EARLIER, 1, 1);
		Cursor seen = fetch(source(2, "delay"), start()).next();
		this.bluesky.index("delay at Harbor", EARLIER.plusSeconds(3600), 5, 2);
		Page beforeRestart = fetch(source(2, "delay"), seen);

		BlueskySearchSource restarted = source(2, "delay");
		List<String> afterRestart = new ArrayList<>();
		Cursor cursor = beforeRestart.next();
		for (int i = 0; i < 5; i++) {
			Page page = fetch(restarted, cursor);
			page.mentions().forEach((mention) -> afterRestart.add(mention.text()));
			cursor = page.next();
			if (!page.more()) {
				break;
			}
		}

		assertThat(beforeRestart.mentions()).extracting(Mention::text)
			.containsExactly("delay at Harbor 6", "delay at Harbor 5");
		assertThat(afterRestart).containsExactly("delay at Harbor 4", "delay at Harbor 3", "delay at Harbor 2");
		assertThat(cursor.position()).containsEntry("q:delay", uri("3lbpost6"));
	}

	@Test
	void stopsAfterTheMostPagesOfARoundAndStartsTheNextRoundFromTheNewestPost() {
		this.bluesky.index("delay at Harbor", EARLIER, 1, 1);
		BlueskySearchSource source = new BlueskySearchSource(INSTANCE, settings(1, 2), PASSWORD, List.of("delay"),
				names(), WebClient.builder(), this.clock);
		Cursor seen = fetch(source, start()).next();
		this.bluesky.index("delay at Harbor", EARLIER.plusSeconds(3600), 4, 2);

		Page first = fetch(source, seen);
		Page second = fetch(source, first.next());

		assertThat(second.more()).isFalse();
		assertThat(second.next().position()).containsEntry("q:delay", uri("3lbpost5")).doesNotContainKey("page_cursor");
	}

	@Test
	void refreshesTheSessionWithTheRefreshTokenWhenTheAccessTokenHasExpired() {
		this.bluesky.index("delay at Harbor", EARLIER, 1, 1);
		BlueskySearchSource source = source(25, "delay");
		Page first = fetch(source, start());
		this.bluesky.expireAccessToken();

		Page second = fetch(source, first.next());

		assertThat(second.problem()).isEmpty();
		assertThat(this.bluesky.requests()).extracting(FakeBluesky.RecordedRequest::path)
			.containsExactly("/xrpc/com.atproto.server.createSession", SEARCH, SEARCH,
					"/xrpc/com.atproto.server.refreshSession", SEARCH);
		FakeBluesky.RecordedRequest refresh = this.bluesky.requests().get(3);
		assertThat(refresh.method()).isEqualTo("POST");
		assertThat(refresh.authorization()).contains("Bearer eyJ0eXAiOiJyZWZyZXNoK2p3dCJ9.refresh1.sig");
		assertThat(this.bluesky.requests().get(4).authorization())
			.contains("Bearer eyJ0eXAiOiJhdCtqd3QifQ.access2.sig");
	}

	@Test
	void signsInAgainWhenTheRefreshTokenHasExpiredToo() {
		BlueskySearchSource source = source(25, "delay");
		fetch(source, start());
		this.bluesky.expireAccessToken();
		this.bluesky.expireRefreshToken();
		this.bluesky.index("delay at Harbor", EARLIER, 1, 1);

		Page page = fetch(source, start());

		assertThat(page.mentions()).hasSize(1);
		assertThat(this.bluesky.requests()).extracting(FakeBluesky.RecordedRequest::path)
			.containsExactly("/xrpc/com.atproto.server.createSession", SEARCH, SEARCH,
					"/xrpc/com.atproto.server.refreshSession", "/xrpc/com.atproto.server.createSession", SEARCH);
	}

	@Test
	void marksTheInstanceUnhealthyNamingTheCredentialSettingsWhenSigningInIsRefused() {
		BlueskySearchSource source = new BlueskySearchSource(INSTANCE, settings(25, 10), "wrong-password",
				List.of("delay"), names(), WebClient.builder(), this.clock);
		Cursor cursor = start();

		Page page = fetch(source, cursor);

		assertThat(page.next()).isEqualTo(cursor);
		assertThat(page.mentions()).isEmpty();
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.pauseUntil()).contains(NOW.plus(Duration.ofMinutes(2)));
		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 401")
			.contains("AuthenticationRequired: Invalid identifier or password")
			.contains("sources[bluesky:harbor].settings.identifier")
			.contains("sources[bluesky:harbor].settings.app-password")
			.doesNotContain("wrong-password"));
		assertThat(this.bluesky.searches()).isEmpty();
	}

	@Test
	void signsInAgainOnceWhenTheSearchRefusesTheTokenAndReportsASecondRefusal() {
		BlueskySearchSource source = source(25, "delay");
		fetch(source, start());
		this.bluesky.answerOnce(401, "application/json",
				"{\"error\":\"AuthenticationRequired\",\"message\":\"Authentication Required\"}");
		this.bluesky.answerOnce(200, "application/json",
				"{\"accessJwt\":\"a\",\"refreshJwt\":\"r\",\"did\":\"did:plc:x\"}");
		this.bluesky.answerOnce(401, "application/json",
				"{\"error\":\"AuthenticationRequired\",\"message\":\"Authentication Required\"}");

		Page page = fetch(source, start());

		assertThat(this.bluesky.requests()).extracting(FakeBluesky.RecordedRequest::path)
			.containsExactly("/xrpc/com.atproto.server.createSession", SEARCH, SEARCH,
					"/xrpc/com.atproto.server.createSession", SEARCH);
		assertThat(this.bluesky.requests().get(4).authorization()).contains("Bearer a");
		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 401")
			.contains("sources[bluesky:harbor].settings.app-password"));
	}

	@Test
	void pausesUntilTheEpochResetOnHttp429AndKeepsTheCursor() {
		BlueskySearchSource source = source(25, "delay");
		fetch(source, start());
		this.bluesky.rateLimit(0, 1_795_300_500L);
		this.bluesky.answerOnce(429, "application/json",
				"{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}");
		Cursor cursor = start().moveTo(Map.of("q:delay", uri("3lbpost1"), "q:delay@time", EARLIER.toString()), NOW);

		Page page = fetch(source, cursor);

		assertThat(page.pauseUntil()).contains(Instant.ofEpochSecond(1_795_300_500L));
		assertThat(page.next()).isEqualTo(cursor);
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 429")
			.contains("RateLimitExceeded")
			.contains(Instant.ofEpochSecond(1_795_300_500L).toString()));
	}

	@Test
	void publishesThePageAndThenWaitsForTheResetWhenNoRequestRemains() {
		this.bluesky.index("delay at Harbor", EARLIER, 1, 1);
		this.bluesky.rateLimit(2, 1_795_300_456L);

		Page page = fetch(source(25, "delay", "driver"), start());

		assertThat(page.mentions()).hasSize(1);
		assertThat(page.problem()).isEmpty();
		assertThat(page.pauseUntil()).contains(Instant.ofEpochSecond(1_795_300_456L));
		assertThat(page.rateLimitRemaining()).contains(0L);
		assertThat(page.more()).isFalse();
		assertThat(page.next().position()).containsEntry("q:delay", uri("3lbpost1"));
	}

	@Test
	void setsAsideAQueryTheSearchRefusesNamingItAndGoesOnWithTheNextOne() {
		BlueskySearchSource source = source(25, "delay", "driver");
		fetch(source, start().moveTo(Map.of("current", "driver"), NOW));
		this.bluesky.answerOnce(400, "application/json",
				"{\"error\":\"InvalidRequest\",\"message\":\"Error: q must not be longer than 300 characters\"}");

		Page page = fetch(source, start());

		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("'delay'")
			.contains("InvalidRequest: Error: q must not be longer than 300 characters")
			.contains("sources[bluesky:harbor].settings.queries"));
		assertThat(page.deadLetters()).singleElement()
			.satisfies((deadLetter) -> assertThat(deadLetter.payload()).contains("InvalidRequest"));
		assertThat(page.next().position()).containsEntry("current", "driver").doesNotContainKey("q:delay");
		assertThat(page.more()).isTrue();
	}

	@Test
	void setsAsideAnHtmlErrorPageAServerErrorAndTruncatedJsonWithTheirBodiesAndKeepsTheCursor() {
		BlueskySearchSource source = source(25, "delay");
		fetch(source, start());
		String html = BlueskySearchMapperTests.fixture("error-page.html");
		String good = BlueskySearchMapperTests.fixture("search-good.json");
		String truncated = good.substring(0, good.length() / 3);
		String serverError = "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}";
		this.bluesky.answerOnce(502, "text/html", html);
		this.bluesky.answerOnce(500, "application/json", serverError);
		this.bluesky.answerOnce(200, "application/json", truncated);
		this.bluesky.answerOnce(200, "text/html", html);
		Cursor cursor = start().moveTo(Map.of("q:delay", uri("3lbpost1"), "q:delay@time", EARLIER.toString()), NOW);

		List<Page> pages = List.of(fetch(source, cursor), fetch(source, cursor), fetch(source, cursor),
				fetch(source, cursor));

		assertThat(pages.get(0).problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 502"));
		assertThat(pages.get(1).problem())
			.hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 500").contains("InternalServerError"));
		assertThat(pages.get(2).problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("not JSON"));
		assertThat(pages.get(3).problem())
			.hasValueSatisfying((problem) -> assertThat(problem).contains("not JSON").contains("<!DOCTYPE html>"));
		assertThat(pages).extracting((page) -> page.deadLetters().get(0).payload())
			.containsExactly(html, serverError, truncated, html);
		assertThat(pages).allSatisfy((page) -> {
			assertThat(page.next()).isEqualTo(cursor);
			assertThat(page.more()).isFalse();
			assertThat(page.deadLetters()).singleElement()
				.satisfies((deadLetter) -> assertThat(deadLetter.source()).isEqualTo(INSTANCE));
		});
	}

	@Test
	void setsAsideASignInAnswerThatIsNotJson() {
		String html = BlueskySearchMapperTests.fixture("error-page.html");
		this.bluesky.answerOnce(200, "text/html", html);

		Page page = fetch(source(25, "delay"), start());

		assertThat(page.problem())
			.hasValueSatisfying((problem) -> assertThat(problem).contains("createSession").contains("not JSON"));
		assertThat(page.deadLetters()).singleElement()
			.satisfies((deadLetter) -> assertThat(deadLetter.payload()).isEqualTo(html));
	}

	@Test
	void findsTheOrganizationsRepliesByItsAccountOwnedByHandleOrDidNamingTheirParentNotTheThreadsRoot() {
		// Post views of app.bsky.feed.searchPosts (docs.bsky.app, app.bsky.feed.defs
		// postView): a reply's record names the post it answers as reply.parent and the
		// thread's first as reply.root; the AppView answers handle.invalid for a handle
		// it
		// could not verify, so the author is known by the DID of the post's AT URI.
		ObjectNode complaint = FakeBluesky.post("3lbqcomplaint", "rider.bsky.social", "The 14 is late again", EARLIER);
		ObjectNode reply = ownPost("3lbqreply1", "hctransit.bsky.social",
				"@rider.bsky.social Sorry about the wait, a bus broke down at Pier 4", EARLIER.plusSeconds(60),
				complaint, complaint);
		ObjectNode followUp = ownPost("3lbqreply2", "handle.invalid",
				"Buses run every 10 minutes again, sorry they were late", EARLIER.plusSeconds(120), complaint, reply);
		List.of(complaint, reply, followUp).forEach(this.bluesky::index);
		BlueskySearchSource source = source(100,
				BlueskyQueries.of(OwnedAccounts.organization()).toArray(String[]::new));

		List<Mention> mentions = new ArrayList<>();
		Page page = fetch(source, start());
		mentions.addAll(page.mentions());
		while (page.more()) {
			page = fetch(source, page.next());
			mentions.addAll(page.mentions());
		}
		Map<String, Mention> tagged = OwnedAccounts.tagged(mentions);

		Mention publicPost = tagged.get("bluesky:" + complaint.get("uri").asText());
		Mention ownReply = tagged.get("bluesky:" + reply.get("uri").asText());
		Mention ownFollowUp = tagged.get("bluesky:" + followUp.get("uri").asText());
		assertThat(ownReply.matchedBy()).contains("from:hctransit.bsky.social");
		assertThat(publicPost.owned()).isFalse();
		assertThat(ownReply.owned()).isTrue();
		assertThat(ownReply.parentId()).contains(publicPost.id());
		assertThat(ownFollowUp.author().handle()).isEqualTo(OwnedAccounts.BLUESKY_DID);
		assertThat(ownFollowUp.owned()).isTrue();
		assertThat(ownFollowUp.parentId()).contains(ownReply.id());
	}

	private static ObjectNode ownPost(String rkey, String handle, String text, Instant at, ObjectNode root,
			ObjectNode parent) {
		ObjectNode post = FakeBluesky.post(rkey, handle, text, at);
		post.put("uri", "at://" + OwnedAccounts.BLUESKY_DID + "/app.bsky.feed.post/" + rkey);
		((ObjectNode) post.get("author")).put("did", OwnedAccounts.BLUESKY_DID)
			.put("displayName", "Harbor City Transit");
		ObjectNode thread = ((ObjectNode) post.get("record")).putObject("reply");
		thread.putObject("root").put("uri", root.get("uri").asText()).put("cid", root.get("cid").asText());
		thread.putObject("parent").put("uri", parent.get("uri").asText()).put("cid", parent.get("cid").asText());
		return post;
	}

	private static String uri(String rkey) {
		JsonNode post = FakeBluesky.post(rkey, "rider.bsky.social", "", EARLIER);
		return post.get("uri").asText();
	}

	private BlueskySearchSource source(int limit, String... queries) {
		return new BlueskySearchSource(INSTANCE, settings(limit, 10), PASSWORD, List.of(queries), names(),
				WebClient.builder(), this.clock);
	}

	private BlueskySearchSettings settings(int limit, int maxPages) {
		URI serviceUrl = this.bluesky.baseUrl();
		return new BlueskySearchSettings(serviceUrl, HANDLE, PASSWORD, List.of(), Duration.ofMinutes(2), limit,
				maxPages, Duration.ofSeconds(10));
	}

	private static BlueskySearchSource.CredentialSettings names() {
		return new BlueskySearchSource.CredentialSettings("sources[bluesky:harbor].settings.identifier",
				"sources[bluesky:harbor].settings.app-password", "sources[bluesky:harbor].settings.queries");
	}

	private static Cursor start() {
		return Cursor.start(INSTANCE, NOW);
	}

	private static Page fetch(BlueskySearchSource source, Cursor cursor) {
		Page[] page = new Page[1];
		StepVerifier.create(source.fetch(cursor)).consumeNextWith((next) -> page[0] = next).verifyComplete();
		return page[0];
	}

}
