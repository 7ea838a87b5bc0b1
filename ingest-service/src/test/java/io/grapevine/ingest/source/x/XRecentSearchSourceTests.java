package io.grapevine.ingest.source.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import io.grapevine.ingest.source.Cursor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.ingest.source.Declared;
import io.grapevine.ingest.source.OwnedAccounts;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.TopicQueries;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class XRecentSearchSourceTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String TOKEN = "test-bearer-token";

	private static final String QUERY = "(\"harbor city transit\" OR #hctransit OR delay) -is:retweet";

	private static final FakeXApi.User AMY = FakeXApi.user("2244994945", "rider_amy", "Amy Rider", 1234);

	private final FakeXApi api = FakeXApi.start(TOKEN);

	@AfterEach
	void stopApi() {
		this.api.close();
	}

	@Test
	void sendsTheDocumentedRecentSearchRequestWithTheBearerToken() {
		fetch(source(TOKEN, 100), start());

		FakeXApi.RecordedRequest request = this.api.searches().get(0);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/2/tweets/search/recent");
		assertThat(request.authorization()).contains("Bearer " + TOKEN);
		assertThat(request.query()).containsEntry("query", QUERY)
			.containsEntry("max_results", "100")
			.containsEntry("tweet.fields",
					"created_at,lang,public_metrics,conversation_id,referenced_tweets,author_id,entities")
			.containsEntry("expansions", "author_id,referenced_tweets.id,referenced_tweets.id.author_id")
			.containsEntry("user.fields", "username,name,public_metrics,profile_image_url")
			.doesNotContainKeys("since_id", "next_token");
	}

	@Test
	void searchesWithTheTopicsQueriesCompiledToXAndNamesThatQueryAsMatchedBy() {
		this.api.post(tweets(1001, 2));
		XRecentSearchSource source = (XRecentSearchSource) new XSourceFactory().create(
				Declared.settings("x", "brand", Map.of("X_BEARER_TOKEN", TOKEN),
						Map.of("bearer-token", "${X_BEARER_TOKEN}", "base-url", this.api.baseUrl().toString())),
				Declared.context(TopicQueries.organization("query: '\"food bank\" (volunteer OR donate) -spam'",
						"query: 'delay NEAR/3 bus -lang:de'", "keywords: [harbor city]")));

		Page page = fetch(source, start());

		String sent = "((\"food bank\" (volunteer OR donate) -spam) OR (delay bus -lang:de) OR \"harbor city\")"
				+ " -is:retweet";
		assertThat(this.api.searches().get(0).query()).containsEntry("query", sent);
		assertThat(page.mentions()).hasSize(2).extracting(Mention::matchedBy).containsOnly(Optional.of(sent));
	}

	@Test
	void pagesThroughARoundAndOnlyThenMovesSinceIdToTheNewestTweetOfTheRound() {
		this.api.post(tweets(1001, 25));
		XRecentSearchSource source = source(TOKEN, 10);

		Page first = fetch(source, start());
		assertThat(first.mentions()).extracting(Mention::nativeId).first().isEqualTo("1025");
		assertThat(first.more()).isTrue();
		assertThat(first.next().position()).containsEntry("pending_newest_id", "1025")
			.containsKey("next_token")
			.doesNotContainKey("since_id");

		Page second = fetch(source, first.next());
		assertThat(this.api.searches().get(1).query()).containsEntry("next_token",
				first.next().position().get("next_token"));
		assertThat(second.next().position()).containsEntry("pending_newest_id", "1025");

		Page third = fetch(source, second.next());
		assertThat(third.more()).isFalse();
		assertThat(third.next().position()).isEqualTo(Map.of("since_id", "1025"));

		List<String> ids = new ArrayList<>();
		List.of(first, second, third).forEach((page) -> page.mentions().forEach((m) -> ids.add(m.nativeId())));
		assertThat(ids).hasSize(25).doesNotHaveDuplicates();

		this.api.post(tweets(1026, 2));
		Page next = fetch(source, third.next());
		assertThat(this.api.searches().get(3).query()).containsEntry("since_id", "1025");
		assertThat(next.mentions()).extracting(Mention::nativeId).containsExactly("1027", "1026");
		assertThat(next.next().position()).isEqualTo(Map.of("since_id", "1027"));
	}

	@Test
	void keepsTheOldSinceIdWhilePagingALaterRound() {
		this.api.post(tweets(1001, 5));
		XRecentSearchSource source = source(TOKEN, 10);
		Cursor afterFirstRound = fetch(source, start()).next();
		this.api.post(tweets(1006, 15));

		Page page = fetch(source, afterFirstRound);

		assertThat(page.next().position()).containsEntry("since_id", "1005")
			.containsEntry("pending_newest_id", "1020")
			.containsKey("next_token");
		Page last = fetch(source, page.next());
		assertThat(this.api.searches().get(2).query()).containsEntry("since_id", "1005");
		assertThat(last.next().position()).isEqualTo(Map.of("since_id", "1020"));
	}

	@Test
	void keepsItsPositionWhenARoundFindsNothing() {
		XRecentSearchSource source = source(TOKEN, 10);
		Cursor cursor = start().moveTo(Map.of("since_id", "1005"), Instant.now());

		Page page = fetch(source, cursor);

		assertThat(page.mentions()).isEmpty();
		assertThat(page.next().position()).isEqualTo(Map.of("since_id", "1005"));
		assertThat(page.problem()).isEmpty();
	}

	@Test
	void pausesUntilTheResetTimeWhenRateLimited() {
		Instant reset = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
		this.api.rateLimitOnce(reset);
		Cursor cursor = start().moveTo(Map.of("since_id", "1005"), Instant.now());

		Page page = fetch(source(TOKEN, 10), cursor);

		assertThat(page.pauseUntil()).contains(reset);
		assertThat(page.next()).isEqualTo(cursor);
		assertThat(page.mentions()).isEmpty();
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.problem()).isEmpty();
	}

	@Test
	void pausesAfterAPageThatUsedTheLastRequestOfTheWindow() {
		Instant reset = Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
		this.api.rateLimit(1, reset);
		this.api.post(tweets(1001, 3));

		Page page = fetch(source(TOKEN, 10), start());

		assertThat(page.mentions()).hasSize(3);
		assertThat(page.pauseUntil()).contains(reset);
		assertThat(page.rateLimitRemaining()).contains(0L);
		assertThat(page.next().position()).isEqualTo(Map.of("since_id", "1003"));
	}

	@Test
	void reportsARefusedTokenNamingTheSettingAndPollsSlowly() {
		Page page = fetch(source("wrong-token", 10), start());

		assertThat(page.credentialsRefused()).isTrue();
		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 401")
			.contains("sources[x:recent-search].settings.bearer-token")
			.doesNotContain("wrong-token"));
		assertThat(page.pauseUntil())
			.hasValueSatisfying((until) -> assertThat(until).isAfter(Instant.now().plus(Duration.ofSeconds(5))));
		assertThat(page.next()).isEqualTo(start());
	}

	@Test
	void setsAsideAnHtmlServerErrorWithItsRawBodyAndRetriesFromTheSameCursor() {
		String html = XPageMapperTests.fixture("error-page.html");
		this.api.answerOnce(500, "text/html", html);
		Cursor cursor = start().moveTo(Map.of("since_id", "1005"), Instant.now());

		Page page = fetch(source(TOKEN, 10), cursor);

		assertThat(page.next()).isEqualTo(cursor);
		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("HTTP 500"));
		assertThat(page.deadLetters()).singleElement().satisfies((letter) -> {
			assertThat(letter.source()).isEqualTo("x:recent-search");
			assertThat(letter.reason()).contains("HTTP 500");
			assertThat(letter.payload()).isEqualTo(html);
		});
	}

	@Test
	void setsAsideATruncatedPageWithItsRawBody() {
		String truncated = "{\"data\":[{\"id\":\"1\",\"text\":\"Bus 4";
		this.api.answerOnce(200, "application/json", truncated);

		Page page = fetch(source(TOKEN, 10), start());

		assertThat(page.next()).isEqualTo(start());
		assertThat(page.mentions()).isEmpty();
		assertThat(page.deadLetters()).singleElement().satisfies((letter) -> {
			assertThat(letter.reason()).contains("not JSON");
			assertThat(letter.payload()).isEqualTo(truncated);
		});
	}

	@Test
	void startsTheRoundAgainFromSinceIdWhenXRefusesAStoredNextToken() {
		this.api.post(tweets(1001, 3));
		Cursor stale = start().moveTo(Map.of("since_id", "1000", "pending_newest_id", "1003", "next_token", "expired"),
				Instant.now());
		XRecentSearchSource source = source(TOKEN, 10);

		Page refused = fetch(source, stale);
		Page again = fetch(source, refused.next());

		assertThat(refused.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("next_token"));
		assertThat(refused.deadLetters()).singleElement()
			.satisfies((letter) -> assertThat(letter.payload()).contains("Invalid Request"));
		assertThat(refused.next().position()).isEqualTo(Map.of("since_id", "1000"));
		assertThat(again.mentions()).extracting(Mention::nativeId).containsExactly("1003", "1002", "1001");
	}

	@Test
	void theOrganizationsRepliesAreOwnedAndNameTheTweetTheyAnswerNotTheThreadsFirst() throws Exception {
		// Shapes of the v2 docs (Tweet object, "Conversation ID"): a reply names the
		// tweet
		// it answers in referenced_tweets as type replied_to, and carries the id of the
		// thread's first tweet as conversation_id; a reply that quotes another tweet
		// lists
		// the quoted one first.
		FakeXApi.User help = FakeXApi.user("1460000000000000002", "hctransit_help", "HCT Help", 5300);
		FakeXApi.User hct = FakeXApi.user("1460000000000000001", "HCTransit", "Harbor City Transit", 48000);
		FakeXApi.Tweet complaint = FakeXApi.tweet("1860000000000000001", "Bus 4 is late again @HCTransit", AMY);
		FakeXApi.Tweet answer = FakeXApi
			.tweet("1860000000000000002", "@rider_amy Sorry Amy, a breakdown at Kingsbridge; the next bus is in 5 min",
					help)
			.replyTo(complaint);
		FakeXApi.Tweet followUp = FakeXApi
			.tweet("1860000000000000003", "@rider_amy @hctransit_help Service is back to normal", hct)
			.replyTo(answer);
		ObjectNode body = (ObjectNode) JSON
			.readTree(FakeXApi.page(List.of(followUp, answer, complaint), Optional.empty()));
		ArrayNode references = (ArrayNode) body.get("data").get(0).get("referenced_tweets");
		references.insertObject(0).put("type", "quoted").put("id", "1859999999999999999");
		this.api.answerOnce(200, "application/json; charset=utf-8", body.toString());

		Map<String, Mention> tagged = OwnedAccounts.tagged(fetch(source(TOKEN, 10), start()).mentions());

		Mention publicTweet = tagged.get("x:1860000000000000001");
		Mention reply = tagged.get("x:1860000000000000002");
		Mention secondReply = tagged.get("x:1860000000000000003");
		assertThat(publicTweet.owned()).isFalse();
		assertThat(publicTweet.parentId()).isEmpty();
		assertThat(reply.owned()).isTrue();
		assertThat(reply.ownedBy()).contains(OwnedAccounts.CUSTOMER_SERVICE);
		assertThat(reply.parentId()).contains(publicTweet.id());
		assertThat(secondReply.owned()).isTrue();
		assertThat(secondReply.ownedBy()).isEmpty();
		assertThat(secondReply.parentId()).contains(reply.id());
	}

	@Test
	void aQuoteIsTiedToTheTweetItQuotesAndARetweetIsItsOriginalOnceWithItsWholeText() throws Exception {
		// A quote names the quoted tweet in referenced_tweets as type quoted; a retweet
		// names its original as type retweeted, with the original in includes.tweets
		// (expansions=referenced_tweets.id), as the v2 docs show them.
		FakeXApi.User bo = FakeXApi.user("2244994946", "rider_bo", "Bo", 88);
		FakeXApi.Tweet original = FakeXApi
			.tweet("1860000000000000001", "Bus 4 is late again, third time this week @HCTransit", AMY)
			.withEngagement(12, 4, 1, 3);
		FakeXApi.Tweet quote = FakeXApi.tweet("1860000000000000002", "Same on the 4 this morning, 25 minutes late", bo);
		FakeXApi.Tweet retweet = FakeXApi.tweet("1860000000000000003",
				"RT @rider_amy: Bus 4 is late again, third time this week\u2026", bo);
		ObjectNode body = (ObjectNode) JSON.readTree(FakeXApi.page(List.of(retweet, quote), Optional.empty()));
		((ObjectNode) body.get("data").get(0)).putArray("referenced_tweets")
			.addObject()
			.put("type", "retweeted")
			.put("id", original.id());
		((ObjectNode) body.get("data").get(1)).putArray("referenced_tweets")
			.addObject()
			.put("type", "quoted")
			.put("id", original.id());
		((ObjectNode) body.get("includes")).putArray("tweets").add(original.json());
		((ArrayNode) body.get("includes").get("users")).add(AMY.json());
		this.api.answerOnce(200, "application/json; charset=utf-8", body.toString());

		List<Mention> mentions = fetch(source(TOKEN, 10), start()).mentions();

		assertThat(mentions).extracting(Mention::id).containsExactly("x:1860000000000000001", "x:1860000000000000002");
		assertThat(mentions.get(0).text()).isEqualTo(original.text());
		assertThat(mentions.get(0).author().handle()).isEqualTo("rider_amy");
		assertThat(mentions.get(0).engagement().shares()).isEqualTo(5);
		assertThat(mentions.get(0).repostOf()).isEmpty();
		assertThat(mentions.get(1).repostOf()).hasValue(new Repost("x:1860000000000000001", Repost.Kind.QUOTE));
	}

	@Test
	void aCompetitorsTweetIsMarkedAsTheirsAndNotOwned() {
		this.api.post(FakeXApi.tweet("1860000000000000010", "Metro Link trains are on time today",
				FakeXApi.user("99", "MetroLink", "Metro Link", 90000)));

		Mention tweet = OwnedAccounts.tagged(fetch(source(TOKEN, 10), start()).mentions()).get("x:1860000000000000010");

		assertThat(tweet.owned()).isFalse();
		assertThat(tweet.byCompetitor()).contains("metro-link");
	}

	private XRecentSearchSource source(String token, int maxResults) {
		// The default request timeout: the first request of a test JVM on a loaded
		// machine can take longer than a few seconds to set up its client.
		XSettings settings = new XSettings(this.api.baseUrl(), token, Duration.ofSeconds(1), maxResults, null,
				Duration.ofSeconds(30));
		return new XRecentSearchSource("x:recent-search", settings, XQuery.of(QUERY), WebClient.builder(),
				Clock.systemUTC());
	}

	private static Cursor start() {
		return Cursor.start("x:recent-search", Instant.EPOCH);
	}

	private static Page fetch(XRecentSearchSource source, Cursor cursor) {
		Page[] page = new Page[1];
		StepVerifier.create(source.fetch(cursor)).consumeNextWith((next) -> page[0] = next).verifyComplete();
		return page[0];
	}

	static FakeXApi.Tweet[] tweets(int firstId, int count) {
		return IntStream.range(firstId, firstId + count)
			.mapToObj((id) -> FakeXApi.tweet(String.valueOf(id), "Bus delay number " + id, AMY))
			.toArray(FakeXApi.Tweet[]::new);
	}

}
