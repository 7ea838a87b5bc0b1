package io.grapevine.ingest.source.xv1;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.OwnedAccounts;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.SourceDeclaration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class XV1SourceTests {

	private static final String INSTANCE = "x-v1:comms";

	private static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

	private final FakeXV1Api x = FakeXV1Api.start();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final MockEnvironment environment = new MockEnvironment()
		.withProperty("X_CONSUMER_KEY", FakeXV1Api.CONSUMER_KEY)
		.withProperty("X_CONSUMER_SECRET", FakeXV1Api.CONSUMER_SECRET)
		.withProperty("X_ACCESS_TOKEN", FakeXV1Api.ACCESS_TOKEN)
		.withProperty("X_ACCESS_TOKEN_SECRET", FakeXV1Api.ACCESS_TOKEN_SECRET);

	@AfterEach
	void stopX() {
		this.x.close();
	}

	@Test
	void searchesWithTheQueryCountRecentResultsAndExtendedTweetsSignedWithOAuth1() {
		this.x.post("harbor city", "rider_amy", 1001, 2);

		Page page = fetch(source(List.of("harbor city"), List.of()), start());

		FakeXV1Api.RecordedRequest request = this.x.requests().get(0);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo(FakeXV1Api.SEARCH_PATH);
		assertThat(request.query()).containsEntry("q", "harbor city")
			.containsEntry("count", "100")
			.containsEntry("result_type", "recent")
			.containsEntry("tweet_mode", "extended")
			.doesNotContainKeys("since_id", "max_id");
		assertThat(request.authorization().orElseThrow()).startsWith("OAuth ");
		assertThat(request.oauth()).containsEntry("oauth_consumer_key", FakeXV1Api.CONSUMER_KEY)
			.containsEntry("oauth_token", FakeXV1Api.ACCESS_TOKEN)
			.containsEntry("oauth_signature_method", "HMAC-SHA1")
			.containsEntry("oauth_version", "1.0")
			.containsKeys("oauth_signature", "oauth_nonce", "oauth_timestamp");
		assertThat(request.authorization().orElseThrow()).doesNotContain(FakeXV1Api.CONSUMER_SECRET)
			.doesNotContain(FakeXV1Api.ACCESS_TOKEN_SECRET);
		assertThat(page.problem()).isEmpty();
		assertThat(page.credentialsRefused()).isFalse();
		assertThat(page.rateLimitRemaining()).contains(179L);
		assertThat(page.mentions()).extracting(Mention::id).containsExactly("x:1002", "x:1001");
	}

	@Test
	void mapsStatusesWithFullTextEntitiesDecodedAndLinksExpanded() {
		this.x.post("harbor city", "rider_amy", 1001, 1);

		Mention mention = fetch(source(List.of("harbor city"), List.of()), start()).mentions().get(0);

		assertThat(mention.source()).isEqualTo("x");
		assertThat(mention.url()).isEqualTo(URI.create("https://x.com/rider_amy/status/1001"));
		assertThat(mention.text()).isEqualTo("Tweet 1001 about the T5 & the 14 https://harbor.example/status/1001");
		assertThat(mention.author().handle()).isEqualTo("rider_amy");
		assertThat(mention.author().displayName()).contains("Harbor Rider");
		assertThat(mention.author().followers()).contains(321L);
		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-21T12:16:41Z"));
		assertThat(mention.language()).contains("en");
		assertThat(mention.engagement()).isEqualTo(new Engagement(5, 3, 0));
		assertThat(mention.inReplyTo()).isEmpty();
		assertThat(mention.matchedBy()).contains("search:harbor city");
	}

	@Test
	void keepsPublicationTimesInUtcWhenTheServerRunsInNewYork() {
		// created_at as X documents it ("Wed Oct 10 20:19:24 +0000 2018"), on both sides
		// of New York's change of summer time, and a retweet of an older post.
		ObjectNode winter = FakeXV1Api.status(7001, "rider_amy");
		winter.put("created_at", "Sun Nov 22 03:30:15 +0000 2026");
		ObjectNode summer = FakeXV1Api.status(7002, "rider_amy");
		summer.put("created_at", "Sat Jul 04 23:59:59 +0000 2026");
		ObjectNode original = FakeXV1Api.status(6901, "hctransit");
		original.put("created_at", "Mon Mar 09 01:00:00 +0000 2026");
		ObjectNode retweet = FakeXV1Api.status(7003, "rider_amy");
		retweet.set("retweeted_status", original);
		this.x.post("trams", winter);
		this.x.post("trams", summer);
		this.x.post("trams", retweet);
		TimeZone zone = TimeZone.getDefault();
		List<Mention> mentions;
		try {
			TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
			mentions = fetch(source(List.of("trams"), List.of()), start()).mentions();
		}
		finally {
			TimeZone.setDefault(zone);
		}

		assertThat(mentions).extracting(Mention::id, Mention::publishedAt)
			.containsExactlyInAnyOrder(tuple("x:7001", Instant.parse("2026-11-22T03:30:15Z")),
					tuple("x:7002", Instant.parse("2026-07-04T23:59:59Z")),
					tuple("x:6901", Instant.parse("2026-03-09T01:00:00Z")));
	}

	@Test
	void readsAUserTimelineByScreenNameAndSendsTheStoredSinceId() {
		this.x.post("-", "hctransit", 2001, 3);
		Source source = source(List.of(), List.of("@hctransit"));

		Page first = fetch(source, start());
		this.x.post("-", "hctransit", 2004, 1);
		Page second = fetch(source, first.next());
		Page third = fetch(source, second.next());

		FakeXV1Api.RecordedRequest request = this.x.requests().get(0);
		assertThat(request.path()).isEqualTo(FakeXV1Api.TIMELINE_PATH);
		assertThat(request.query()).containsEntry("screen_name", "hctransit")
			.containsEntry("count", "100")
			.containsEntry("tweet_mode", "extended");
		assertThat(first.mentions()).extracting(Mention::id).containsExactly("x:2003", "x:2002", "x:2001");
		// A timeline is read until it answers nothing older than the page.
		assertThat(second.mentions()).isEmpty();
		assertThat(this.x.requests().get(1).query()).containsEntry("max_id", "2000");
		assertThat(second.next().get("timeline:hctransit" + XV1Source.SINCE_ID)).contains("2003");
		assertThat(this.x.requests().get(2).query()).containsEntry("since_id", "2003").doesNotContainKey("max_id");
		assertThat(third.mentions()).extracting(Mention::id).containsExactly("x:2004");
	}

	@Test
	void pagesASearchBackWithMaxIdAndMovesSinceIdOnlyOnceTheRoundIsRead() {
		this.x.post("trams", "rider_amy", 3001, 5);
		Source source = source(List.of("trams"), List.of(), Map.of("count", "2"));

		List<Page> pages = new ArrayList<>();
		Cursor cursor = start();
		for (int i = 0; i < 3; i++) {
			Page page = fetch(source, cursor);
			pages.add(page);
			cursor = page.next();
		}

		assertThat(pages).flatExtracting(Page::mentions)
			.extracting(Mention::id)
			.containsExactly("x:3005", "x:3004", "x:3003", "x:3002", "x:3001");
		assertThat(pages).extracting(Page::more).containsExactly(true, true, false);
		assertThat(this.x.requests()).extracting((request) -> request.query().get("max_id"))
			.containsExactly(null, "3003", "3001");
		assertThat(pages.get(1).next().get("search:trams" + XV1Source.SINCE_ID)).isEmpty();
		assertThat(cursor.get("search:trams" + XV1Source.SINCE_ID)).contains("3005");
		assertThat(cursor.get("search:trams" + XV1Source.MAX_ID)).isEmpty();
	}

	@Test
	void takesTurnsBetweenSearchesAndTimelines() {
		this.x.post("trams", "rider_amy", 4001, 1);
		this.x.post("-", "hctransit", 5001, 1);
		Source source = source(List.of("trams"), List.of("hctransit"));

		Page first = fetch(source, start());
		Page second = fetch(source, first.next());

		assertThat(first.mentions()).extracting(Mention::id).containsExactly("x:4001");
		assertThat(first.more()).isTrue();
		assertThat(second.mentions()).extracting(Mention::id).containsExactly("x:5001");
		assertThat(this.x.requests()).extracting(FakeXV1Api.RecordedRequest::path)
			.containsExactly(FakeXV1Api.SEARCH_PATH, FakeXV1Api.TIMELINE_PATH);
	}

	@Test
	void mapsARetweetAsTheRetweetedStatusAndKeepsTheReplyItAnswers() {
		ObjectNode original = FakeXV1Api.status(6001, "hctransit");
		original.put("in_reply_to_status_id", 5999);
		original.put("in_reply_to_status_id_str", "5999");
		ObjectNode retweet = FakeXV1Api.status(6002, "rider_amy");
		retweet.put("full_text", "RT @hctransit: Tweet 6001 about the T5 &amp; the\u2026");
		retweet.set("retweeted_status", original);
		this.x.post("trams", retweet);

		Mention mention = fetch(source(List.of("trams"), List.of()), start()).mentions().get(0);

		assertThat(mention.id()).isEqualTo("x:6001");
		assertThat(mention.author().handle()).isEqualTo("hctransit");
		assertThat(mention.inReplyTo()).contains("5999");
	}

	@Test
	void theReplyOnTheOrganizationsTimelineIsOwnedAndNamesTheSearchedTweetItAnswers() {
		// The v1.1 Tweet object of the docs' reply example: in_reply_to_status_id as a
		// number beyond 2^53 and as _str, the replied-to user and screen name, and a
		// full_text that starts with the @mention display_text_range leaves out.
		ObjectNode complaint = FakeXV1Api.status(1460323737035677698L, "rider_amy");
		complaint.put("full_text", "Bus 4 is late again @hctransit_help");
		this.x.post("hctransit", complaint);
		ObjectNode reply = FakeXV1Api.status(1460324215823855618L, "hctransit_help");
		reply.put("full_text", "@rider_amy Sorry Amy, a breakdown at Kingsbridge; the next bus is in 5 min");
		reply.putArray("display_text_range").add(11).add(74);
		reply.put("in_reply_to_status_id", 1460323737035677698L);
		reply.put("in_reply_to_status_id_str", "1460323737035677698");
		reply.put("in_reply_to_user_id", 1460000000000000000L);
		reply.put("in_reply_to_user_id_str", "1460000000000000000");
		reply.put("in_reply_to_screen_name", "rider_amy");
		((ObjectNode) reply.get("entities")).putArray("user_mentions")
			.addObject()
			.put("screen_name", "rider_amy")
			.put("name", "Harbor Rider")
			.put("id", 1460000000000000000L)
			.put("id_str", "1460000000000000000")
			.putArray("indices")
			.add(0)
			.add(10);
		((ObjectNode) reply.get("user")).put("screen_name", "HCTransit_Help");
		this.x.post("-", reply);
		Source source = source(List.of("hctransit"), List.of("hctransit_help"));

		Page search = fetch(source, start());
		Page timeline = fetch(source, search.next());
		Map<String, Mention> tagged = OwnedAccounts
			.tagged(Stream.of(search, timeline).flatMap((page) -> page.mentions().stream()).toList());

		Mention publicTweet = tagged.get("x:1460323737035677698");
		Mention ownReply = tagged.get("x:1460324215823855618");
		assertThat(publicTweet.owned()).isFalse();
		assertThat(ownReply.owned()).isTrue();
		assertThat(ownReply.ownedBy()).contains(OwnedAccounts.CUSTOMER_SERVICE);
		assertThat(ownReply.parentId()).contains(publicTweet.id());
	}

	@Test
	void setsAsideAStatusThatCannotBeMappedWithItsJson() {
		ObjectNode nameless = FakeXV1Api.status(7001, "rider_amy");
		nameless.remove("user");
		this.x.post("trams", nameless);
		this.x.post("trams", "rider_amy", 7002, 1);

		Page page = fetch(source(List.of("trams"), List.of()), start());

		assertThat(page.mentions()).extracting(Mention::id).containsExactly("x:7002");
		assertThat(page.deadLetters()).singleElement().satisfies((deadLetter) -> {
			assertThat(deadLetter.reason()).isEqualTo("status 7001 has no 'user' with a 'screen_name'");
			assertThat(deadLetter.source()).isEqualTo(INSTANCE);
			assertThat(deadLetter.payload()).contains("\"id_str\":\"7001\"");
		});
	}

	@Test
	void pausesUntilTheRateLimitResetsOnA429() {
		Instant reset = Instant.parse("2026-11-21T22:44:00Z");
		this.x.answerOnce(429, "application/json", "{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}",
				Map.of("x-rate-limit-remaining", "0", "x-rate-limit-reset", String.valueOf(reset.getEpochSecond())));

		Page page = fetch(source(List.of("trams"), List.of()), start());

		assertThat(page.pauseUntil()).contains(reset);
		assertThat(page.problem()).isEmpty();
		assertThat(page.mentions()).isEmpty();
		assertThat(page.next().samePositionAs(start())).isTrue();
	}

	@Test
	void pausesWhenASuccessfulAnswerUsedUpTheRateLimit() {
		Instant reset = Instant.parse("2026-11-21T22:40:00Z");
		this.x.rateLimit(1, reset);
		this.x.post("trams", "rider_amy", 8001, 1);

		Page page = fetch(source(List.of("trams"), List.of()), start());

		assertThat(page.mentions()).hasSize(1);
		assertThat(page.rateLimitRemaining()).contains(0L);
		assertThat(page.pauseUntil()).contains(reset);
	}

	@Test
	void marksTheInstanceUnhealthyNamingTheAccessTokenWhenXDoesNotKnowIt() {
		this.environment.setProperty("X_ACCESS_TOKEN", "1460000000000000000-revoked");

		Page page = fetch(source(List.of("trams"), List.of()), start());

		assertThat(page.problem().orElseThrow()).startsWith("X refused the OAuth 1.0a credentials (HTTP 401: ")
			.contains("Invalid or expired token")
			.contains("sources[x-v1:comms].settings.access-token")
			.doesNotContain("revoked");
		assertThat(page.pauseUntil()).contains(NOW.plus(Duration.ofMinutes(20)));
		assertThat(page.credentialsRefused()).isTrue();
		assertThat(page.next().samePositionAs(start())).isTrue();
	}

	@Test
	void marksTheInstanceUnhealthyNamingTheKeysWhenTheSignatureDoesNotMatch() {
		this.environment.setProperty("X_CONSUMER_SECRET", "not-the-secret");

		Page page = fetch(source(List.of("trams"), List.of()), start());

		assertThat(page.problem().orElseThrow()).contains("Could not authenticate you")
			.contains("sources[x-v1:comms].settings.consumer-key")
			.contains("sources[x-v1:comms].settings.consumer-secret")
			.doesNotContain("not-the-secret");
		assertThat(page.credentialsRefused()).isTrue();
		assertThat(page.deadLetters()).isEmpty();
	}

	@Test
	void setsAsideAnUnknownTimelineAndGoesOnWithTheNextOne() {
		this.x.post("trams", "rider_amy", 9001, 1);
		Source source = source(List.of("trams"), List.of("nobody_here"));
		Page first = fetch(source, start());

		Page missing = fetch(source, first.next());
		Page again = fetch(source, missing.next());

		assertThat(missing.problem().orElseThrow())
			.startsWith("X answered HTTP 404 to statuses/user_timeline.json for timeline:nobody_here");
		assertThat(missing.deadLetters()).singleElement()
			.satisfies((deadLetter) -> assertThat(deadLetter.reason()).contains("Sorry, that page does not exist"));
		assertThat(missing.next().get(XV1Source.CURRENT)).contains("search:trams");
		assertThat(missing.next().get("search:trams" + XV1Source.SINCE_ID)).contains("9001");
		assertThat(again.problem()).isEmpty();
	}

	@Test
	void setsAsideAServerErrorAnHtmlPageAndTruncatedJsonWithWhatXAnswered() {
		this.x.answerOnce(500, "application/json", "{\"errors\":[{\"code\":131,\"message\":\"Internal error\"}]}",
				Map.of());
		this.x.answerOnce(200, "text/html", "<!DOCTYPE html><html><body>Over capacity</body></html>", Map.of());
		this.x.answerOnce(200, "application/json", "{\"statuses\":[{\"created_at\":\"Sat Nov 21", Map.of());
		Source source = source(List.of("trams"), List.of());

		List<Page> pages = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			pages.add(fetch(source, start()));
		}

		assertThat(pages).allSatisfy((page) -> {
			assertThat(page.problem()).isPresent();
			assertThat(page.mentions()).isEmpty();
			assertThat(page.deadLetters()).singleElement()
				.satisfies((deadLetter) -> assertThat(deadLetter.source()).isEqualTo(INSTANCE));
		});
		assertThat(pages.get(0).deadLetters().get(0).reason())
			.startsWith("X answered HTTP 500 to search/tweets.json for search:trams")
			.contains("Internal error");
		assertThat(pages.get(1).deadLetters()).extracting(DeadLetter::payload)
			.singleElement()
			.asString()
			.contains("Over capacity");
		assertThat(pages.get(2).deadLetters()).extracting(DeadLetter::payload)
			.singleElement()
			.asString()
			.contains("Sat Nov 21");
	}

	private Source source(List<String> searches, List<String> timelines) {
		return source(searches, timelines, Map.of());
	}

	private Source source(List<String> searches, List<String> timelines, Map<String, Object> more) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("base-url", this.x.baseUrl().toString());
		settings.put("consumer-key", "${X_CONSUMER_KEY}");
		settings.put("consumer-secret", "${X_CONSUMER_SECRET}");
		settings.put("access-token", "${X_ACCESS_TOKEN}");
		settings.put("access-token-secret", "${X_ACCESS_TOKEN_SECRET}");
		if (!searches.isEmpty()) {
			settings.put("searches", searches);
		}
		else {
			settings.put("topic-searches", "false");
		}
		if (!timelines.isEmpty()) {
			settings.put("timelines", timelines);
		}
		settings.put("request-timeout", "5s");
		settings.putAll(more);
		SourceSettings declared = new SourceSettings(new SourceDeclaration("comms", "x-v1", true, settings),
				this.environment);
		return new XV1SourceFactory().create(declared, new SourceContext(null, WebClient.builder(), this.clock));
	}

	private Cursor start() {
		return Cursor.start(INSTANCE, NOW);
	}

	private static Page fetch(Source source, Cursor cursor) {
		List<Page> pages = new ArrayList<>();
		StepVerifier.create(source.fetch(cursor)).recordWith(() -> pages).expectNextCount(1).verifyComplete();
		return pages.get(0);
	}

}
