package io.grapevine.ingest.source.x;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XPageMapperTests {

	private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	private static final String QUERY = "(delay OR \"harbor city transit\") -is:retweet";

	private final XPageMapper mapper = new XPageMapper("x:recent-search", Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void mapsEveryTweetOfAGoodPageWithItsAuthorFromIncludes() {
		XPageMapper.Mapped.Tweets page = tweets(this.mapper.map(fixture("page-good.json"), QUERY));

		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.newestId()).contains("1859999999999999003");
		assertThat(page.nextToken()).contains("b26v89c19zqg8o3fr5wd1vz6jbf3h0t5gq9y2dmeomrl");
		assertThat(page.mentions()).extracting(Mention::id)
			.containsExactly("x:1859999999999999003", "x:1859999999999999002", "x:1859999999999999001");
		Mention first = page.mentions().get(0);
		assertThat(first.url()).isEqualTo(URI.create("https://x.com/rider_amy/status/1859999999999999003"));
		assertThat(first.text()).isEqualTo("Bus 42 delayed again & nobody tells us why >:( @hctransit #hctransit");
		assertThat(first.author()).isEqualTo(new Author("rider_amy", Optional.of("Amy Rider"), Optional.of(1234L),
				Optional.of(URI.create("https://x.com/rider_amy"))));
		assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-11-20T08:15:30Z"));
		assertThat(first.ingestedAt()).isEqualTo(NOW);
		assertThat(first.language()).contains("en");
		assertThat(first.engagement()).isEqualTo(new Engagement(12, 4, 2));
		assertThat(first.inReplyTo()).isEmpty();
		assertThat(first.matchedBy()).contains(QUERY);
	}

	@Test
	void keepsTheRepliedToTweetAndLeavesOutUndeterminedLanguages() {
		Mention reply = tweets(this.mapper.map(fixture("page-good.json"), QUERY)).mentions().get(1);

		assertThat(reply.inReplyTo()).contains("1859999999999999001");
		assertThat(reply.language()).isEmpty();
		assertThat(reply.author().handle()).isEqualTo("sam_commutes");
		assertThat(reply.author().followers()).contains(87L);
	}

	@Test
	void setsAsideEachTweetThatCannotBeMappedAndKeepsTheRest() {
		XPageMapper.Mapped.Tweets page = tweets(this.mapper.map(fixture("page-with-unmappable-tweets.json"), QUERY));

		assertThat(page.mentions()).extracting(Mention::id).containsExactly("x:1859999999999999013");
		assertThat(page.deadLetters()).hasSize(3);
		assertThat(page.deadLetters()).allSatisfy((letter) -> assertThat(letter.source()).isEqualTo("x:recent-search"));
		assertThat(page.deadLetters().get(0).reason()).contains("1859999999999999012").contains("created_at");
		assertThat(page.deadLetters().get(0).payload()).contains("\"no timestamp on this one\"");
		assertThat(page.deadLetters().get(1).reason()).contains("999").contains("includes.users");
		assertThat(page.deadLetters().get(2).reason()).contains("'id'");
		assertThat(page.nextToken()).isEmpty();
	}

	@Test
	void readsAnEmptyRoundAsNoTweetsAndNoNewestId() {
		XPageMapper.Mapped.Tweets page = tweets(this.mapper.map(fixture("page-empty.json"), QUERY));

		assertThat(page.mentions()).isEmpty();
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.newestId()).isEmpty();
	}

	@Test
	void callsTruncatedJsonMalformedInsteadOfThrowing() {
		String good = fixture("page-good.json");
		String truncated = good.substring(0, good.length() / 2);

		assertThat(this.mapper.map(truncated, QUERY)).isInstanceOfSatisfying(XPageMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).startsWith("X answered a body that is not JSON"));
	}

	@Test
	void callsAnHtmlErrorPageMalformedWithTheStartOfTheBody() {
		assertThat(this.mapper.map(fixture("error-page.html"), QUERY)).isInstanceOfSatisfying(
				XPageMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).contains("not JSON").contains("<!DOCTYPE html>"));
	}

	@Test
	void callsAnErrorObjectWithoutMetaMalformedAndQuotesItsTitle() {
		String body = "{\"title\":\"Service Unavailable\",\"detail\":\"Service Unavailable\",\"type\":\"about:blank\",\"status\":503}";

		assertThat(this.mapper.map(body, QUERY)).isInstanceOfSatisfying(XPageMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).contains("without 'meta'")
					.contains("Service Unavailable"));
	}

	@Test
	void callsUnexpectedShapesMalformed() {
		assertThat(this.mapper.map("[1,2,3]", QUERY)).isInstanceOf(XPageMapper.Malformed.class);
		assertThat(this.mapper.map("{\"data\":{\"id\":\"1\"},\"meta\":{}}", QUERY))
			.isInstanceOf(XPageMapper.Malformed.class);
		assertThat(this.mapper.map("", QUERY)).isInstanceOf(XPageMapper.Malformed.class);
		assertThat(this.mapper.map(null, QUERY)).isInstanceOf(XPageMapper.Malformed.class);
	}

	@Test
	void setsAsideATweetWithANegativeCountInsteadOfFailingThePage() {
		String body = """
				{"data":[{"id":"5","text":"hi","created_at":"2026-11-20T08:00:00.000Z","author_id":"1",
				"public_metrics":{"like_count":-1}}],
				"includes":{"users":[{"id":"1","username":"a","name":"A"}]},"meta":{"result_count":1,"newest_id":"5"}}""";

		XPageMapper.Mapped.Tweets page = tweets(this.mapper.map(body, QUERY));

		assertThat(page.mentions()).isEmpty();
		assertThat(page.deadLetters()).singleElement()
			.satisfies((letter) -> assertThat(letter.reason()).contains("cannot be negative"));
	}

	@Test
	void expandsTheTcoLinksOfTheTextWithTheirEntities() {
		// entities.urls as the v2 documentation's Tweet object example writes them.
		String body = """
				{"data": [{"id": "1460323737035677698", "author_id": "2244994945", "created_at": "2021-11-15T19:08:05.000Z",
				  "text": "Timetables for the T5 are out https://t.co/ZXf7hTPJVX &amp; photos https://t.co/wXqL6nGXhm",
				  "entities": {"urls": [
				    {"start": 30, "end": 53, "url": "https://t.co/ZXf7hTPJVX", "expanded_url": "https://transit.example/timetables/t5",
				     "display_url": "transit.example/timetables/t5", "unwound_url": "https://transit.example/timetables/t5"},
				    {"start": 67, "end": 90, "url": "https://t.co/wXqL6nGXhm",
				     "expanded_url": "https://twitter.com/TwitterDev/status/1460323737035677698/photo/1",
				     "display_url": "pic.twitter.com/wXqL6nGXhm", "media_key": "3_1460323733835485185"}]}}],
				 "includes": {"users": [{"id": "2244994945", "username": "TwitterDev", "name": "Developers"}]},
				 "meta": {"newest_id": "1460323737035677698", "oldest_id": "1460323737035677698", "result_count": 1}}
				""";

		Mention mention = tweets(this.mapper.map(body, QUERY)).mentions().get(0);

		assertThat(mention.text())
			.isEqualTo("Timetables for the T5 are out https://transit.example/timetables/t5 & photos "
					+ "https://twitter.com/TwitterDev/status/1460323737035677698/photo/1");
	}

	@Test
	void mapsRetweetsAsTheirOriginalOnceWithItsWholeTextAuthorAndCounts() {
		// Retweets as recent search answers them with expansions=referenced_tweets.id:
		// the retweet's text cut to "RT @author: ...", its public_metrics the original's,
		// and the original in includes.tweets (the shape of the v2 documentation's
		// "expansions" examples).
		String original = "Night buses return to the T5 corridor from Monday, every 20 minutes until 2am. "
				+ "Full timetable on our site.";
		String body = """
				{"data": [
				  {"id": "1860000000000000011", "author_id": "501", "created_at": "2026-11-21T10:05:00.000Z", "lang": "en",
				   "text": "RT @hctransit: Night buses return to the T5 corridor from Monday, every 20 minutes until 2am. Full\u2026",
				   "referenced_tweets": [{"type": "retweeted", "id": "1860000000000000001"}],
				   "public_metrics": {"retweet_count": 43, "reply_count": 0, "like_count": 0, "quote_count": 0}},
				  {"id": "1860000000000000012", "author_id": "502", "created_at": "2026-11-21T10:06:00.000Z", "lang": "en",
				   "text": "RT @hctransit: Night buses return to the T5 corridor from Monday, every 20 minutes until 2am. Full\u2026",
				   "referenced_tweets": [{"type": "retweeted", "id": "1860000000000000001"}],
				   "public_metrics": {"retweet_count": 43, "reply_count": 0, "like_count": 0, "quote_count": 0}},
				  {"id": "1860000000000000013", "author_id": "502", "created_at": "2026-11-21T10:07:00.000Z", "lang": "en",
				   "text": "RT @gone: something", "referenced_tweets": [{"type": "retweeted", "id": "1860000000000000099"}]}],
				 "includes": {
				   "users": [{"id": "501", "username": "rider_amy", "name": "Amy"}, {"id": "502", "username": "rider_bo", "name": "Bo"},
				             {"id": "2244994945", "username": "hctransit", "name": "Harbor City Transit"}],
				   "tweets": [{"id": "1860000000000000001", "author_id": "2244994945", "created_at": "2026-11-21T09:00:00.000Z",
				     "lang": "en", "text": "%s",
				     "public_metrics": {"retweet_count": 43, "reply_count": 7, "like_count": 120, "quote_count": 2}}]},
				 "meta": {"newest_id": "1860000000000000013", "oldest_id": "1860000000000000011", "result_count": 3}}
				"""
			.formatted(original);

		XPageMapper.Mapped.Tweets page = tweets(this.mapper.map(body, QUERY));

		assertThat(page.mentions()).singleElement().satisfies((mention) -> {
			assertThat(mention.id()).isEqualTo("x:1860000000000000001");
			assertThat(mention.text()).isEqualTo(original);
			assertThat(mention.author().handle()).isEqualTo("hctransit");
			assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
			assertThat(mention.engagement()).isEqualTo(new Engagement(120, 45, 7));
		});
		assertThat(page.deadLetters()).singleElement()
			.satisfies((deadLetter) -> assertThat(deadLetter.reason()).contains("1860000000000000099")
				.contains("includes.tweets"));
	}

	@Test
	void mapsAQuoteAsAPostOfItsOwnTiedToTheTweetItQuotes() {
		// A quote tweet as recent search answers it: its own words, the quoted tweet's
		// link at the end, and referenced_tweets of type "quoted" (as in the v2
		// documentation's referenced_tweets examples).
		String body = """
				{"data": [
				  {"id": "1860000000000000021", "author_id": "501", "created_at": "2026-11-21T11:00:00.000Z", "lang": "en",
				   "text": "Finally! Night buses back on the T5 https://t.co/q5",
				   "entities": {"urls": [{"start": 36, "end": 51, "url": "https://t.co/q5",
				     "expanded_url": "https://twitter.com/hctransit/status/1860000000000000001"}]},
				   "referenced_tweets": [{"type": "quoted", "id": "1860000000000000001"}],
				   "public_metrics": {"retweet_count": 1, "reply_count": 0, "like_count": 4, "quote_count": 0}}],
				 "includes": {
				   "users": [{"id": "501", "username": "rider_amy", "name": "Amy"},
				             {"id": "2244994945", "username": "hctransit", "name": "Harbor City Transit"}],
				   "tweets": [{"id": "1860000000000000001", "author_id": "2244994945", "created_at": "2026-11-21T09:00:00.000Z",
				     "lang": "en", "text": "Night buses return to the T5 corridor from Monday.",
				     "public_metrics": {"retweet_count": 43, "reply_count": 7, "like_count": 120, "quote_count": 2}}]},
				 "meta": {"newest_id": "1860000000000000021", "oldest_id": "1860000000000000021", "result_count": 1}}
				""";

		XPageMapper.Mapped.Tweets page = tweets(this.mapper.map(body, QUERY));

		assertThat(page.mentions()).singleElement().satisfies((mention) -> {
			assertThat(mention.id()).isEqualTo("x:1860000000000000021");
			assertThat(mention.author().handle()).isEqualTo("rider_amy");
			assertThat(mention.text()).startsWith("Finally! Night buses back on the T5");
			assertThat(mention.repostOf()).hasValue(new Repost("x:1860000000000000001", Repost.Kind.QUOTE));
			assertThat(mention.inReplyTo()).isEmpty();
		});
		assertThat(tweets(this.mapper.map(fixture("page-good.json"), QUERY)).mentions())
			.allSatisfy((mention) -> assertThat(mention.repostOf()).isEmpty());
	}

	@Test
	void decodesOnlyTheEntitiesXEscapes() {
		assertThat(XPageMapper.decodeEntities("a &amp;lt; b &lt; c &gt; d &quot;"))
			.isEqualTo("a &lt; b < c > d &quot;");
	}

	private static XPageMapper.Mapped.Tweets tweets(XPageMapper.Mapped mapped) {
		assertThat(mapped).isInstanceOf(XPageMapper.Mapped.Tweets.class);
		return (XPageMapper.Mapped.Tweets) mapped;
	}

	static String fixture(String name) {
		try (InputStream in = XPageMapperTests.class.getResourceAsStream("/x/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
