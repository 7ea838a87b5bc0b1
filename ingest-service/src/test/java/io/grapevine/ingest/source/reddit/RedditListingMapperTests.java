package io.grapevine.ingest.source.reddit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RedditListingMapperTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String INSTANCE = "reddit:search";

	private static final Instant NOW = Instant.parse("2026-11-21T22:00:00Z");

	private final RedditListingMapper mapper = new RedditListingMapper(INSTANCE, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void mapsAPostAsTitleAndSelfTextWithItsPermalinkAuthorScoreAndComments() {
		Mention mention = listing(map(fixture("listing-good.json"))).mentions().get(0);

		assertThat(mention.id()).isEqualTo("reddit:t3_1p2b3cd");
		assertThat(mention.source()).isEqualTo("reddit");
		assertThat(mention.nativeId()).isEqualTo("t3_1p2b3cd");
		assertThat(mention.url())
			.isEqualTo(URI.create("https://www.reddit.com/r/harborcity/comments/1p2b3cd/t5_delays_again/"));
		assertThat(mention.text()).isEqualTo(
				"T5 delays <again>\n\nThird day the T5 is late at Kingsbridge & nobody says why.\n\n**Anyone** else?");
		assertThat(mention.author().handle()).isEqualTo("coffee_ferry26");
		assertThat(mention.author().followers()).isEmpty();
		assertThat(mention.author().profileUrl()).contains(URI.create("https://www.reddit.com/user/coffee_ferry26"));
		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2025-11-20T09:15:00Z"));
		assertThat(mention.ingestedAt()).isEqualTo(NOW);
		assertThat(mention.engagement()).isEqualTo(new Engagement(12, 0, 3));
		assertThat(mention.inReplyTo()).isEmpty();
		assertThat(mention.matchedBy()).contains("hctransit");
	}

	@Test
	void mapsACommentOfADeletedAuthorWithItsParentAndClampsANegativeScore() {
		Mention mention = listing(map(fixture("listing-good.json"))).mentions().get(1);

		assertThat(mention.id()).isEqualTo("reddit:t1_m8k2j1x");
		assertThat(mention.text())
			.isEqualTo("The lift at Pier 4 is out again, see https://harbor.example/status?line=t5");
		assertThat(mention.author().handle()).isEqualTo("[deleted]");
		assertThat(mention.author().profileUrl()).isEmpty();
		assertThat(mention.inReplyTo()).contains("t1_m8k1aaa");
		assertThat(mention.engagement()).isEqualTo(Engagement.NONE);
		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2025-11-20T08:56:40.500Z"));
	}

	@Test
	void mapsALinkPostWithoutSelfTextAsItsTitle() {
		Mention mention = listing(map(fixture("listing-good.json"))).mentions().get(2);

		assertThat(mention.text()).isEqualTo("Harbor City Transit app down?");
		assertThat(mention.url()).hasToString("https://www.reddit.com/r/hctransit/comments/1p2b3ad/app_down/");
	}

	@Test
	void keepsTheAddressALinkPostLinksToAndDropsShareParametersFromPermalinks() {
		// A link post as /search.json answers it (the fields of PRAW's recorded search
		// answers): is_self false, the target in url and url_overridden_by_dest; and a
		// permalink as shared from the app, with ?ref=share.
		String listing = """
				{"kind": "Listing", "data": {"after": null, "dist": 2, "children": [
				  {"kind": "t3", "data": {"subreddit": "harborcity", "selftext": "", "title": "Night bus pilot results are out",
				    "name": "t3_1p2c4de", "id": "1p2c4de", "author": "hc_commuter", "domain": "transit.example",
				    "is_self": false, "permalink": "/r/harborcity/comments/1p2c4de/night_bus_pilot_results/?ref=share&ref_source=link",
				    "url": "https://transit.example/reports/night-bus-pilot", "url_overridden_by_dest": "https://transit.example/reports/night-bus-pilot",
				    "created_utc": 1763630100.0, "score": 40, "num_comments": 12}},
				  {"kind": "t3", "data": {"subreddit": "harborcity", "selftext": "Anyone?", "title": "Ferry late", "name": "t3_1p2c4df",
				    "id": "1p2c4df", "author": "hc_commuter", "domain": "self.harborcity", "is_self": true,
				    "permalink": "/r/harborcity/comments/1p2c4df/ferry_late/",
				    "url": "https://www.reddit.com/r/harborcity/comments/1p2c4df/ferry_late/",
				    "created_utc": 1763630000.0, "score": 2, "num_comments": 0}}
				]}}
				""";

		List<Mention> mentions = listing(map(listing)).mentions();

		assertThat(mentions.get(0).text())
			.isEqualTo("Night bus pilot results are out\n\nhttps://transit.example/reports/night-bus-pilot");
		assertThat(mentions.get(0).url())
			.hasToString("https://www.reddit.com/r/harborcity/comments/1p2c4de/night_bus_pilot_results/");
		assertThat(mentions.get(1).text()).isEqualTo("Ferry late\n\nAnyone?");
	}

	@Test
	void tiesACrossPostToItsOriginalWithTheOriginalsBodyAndCountsAPostsCrossPostsAsShares() {
		// A cross-post as Reddit's listings give it: its own title and subreddit, an
		// empty
		// selftext, crosspost_parent naming the original, and the original itself in
		// crosspost_parent_list (with its num_crossposts).
		String listing = """
				{"kind": "Listing", "data": {"after": null, "dist": 1, "children": [
				  {"kind": "t3", "data": {"subreddit": "transit", "selftext": "", "title": "Harbor City night buses are back",
				    "name": "t3_1p2x9zz", "id": "1p2x9zz", "author": "bus_fan", "domain": "self.harborcity", "is_self": false,
				    "permalink": "/r/transit/comments/1p2x9zz/harbor_city_night_buses_are_back/",
				    "url": "/r/harborcity/comments/1p2c4df/night_buses_back_on_the_t5/",
				    "crosspost_parent": "t3_1p2c4df", "num_crossposts": 0,
				    "crosspost_parent_list": [{"subreddit": "harborcity", "name": "t3_1p2c4df", "id": "1p2c4df",
				      "title": "Night buses back on the T5", "selftext": "Every 20 minutes until 2am from Monday.",
				      "author": "hc_commuter", "is_self": true, "num_crossposts": 3, "score": 120, "num_comments": 18,
				      "permalink": "/r/harborcity/comments/1p2c4df/night_buses_back_on_the_t5/"}],
				    "created_utc": 1763630100.0, "score": 9, "num_comments": 1}},
				  {"kind": "t3", "data": {"subreddit": "harborcity", "selftext": "Every 20 minutes until 2am from Monday.",
				    "title": "Night buses back on the T5", "name": "t3_1p2c4df", "id": "1p2c4df", "author": "hc_commuter",
				    "is_self": true, "permalink": "/r/harborcity/comments/1p2c4df/night_buses_back_on_the_t5/",
				    "url": "https://www.reddit.com/r/harborcity/comments/1p2c4df/night_buses_back_on_the_t5/",
				    "num_crossposts": 3, "created_utc": 1763630000.0, "score": 120, "num_comments": 18}}
				]}}
				""";

		List<Mention> mentions = listing(map(listing)).mentions();

		assertThat(mentions.get(0).repostOf()).hasValue(new Repost("reddit:t3_1p2c4df", Repost.Kind.CROSSPOST));
		assertThat(mentions.get(0).text())
			.isEqualTo("Harbor City night buses are back\n\nEvery 20 minutes until 2am from Monday.");
		assertThat(mentions.get(1).repostOf()).isEmpty();
		assertThat(mentions.get(1).engagement()).isEqualTo(new Engagement(120, 3, 18));
	}

	@Test
	void reportsTheNewestNameAndTheAfterOfThePage() {
		RedditListingMapper.Mapped.Listing listing = listing(map(fixture("listing-good.json")));

		assertThat(listing.newestName()).contains("t3_1p2b3cd");
		assertThat(listing.after()).contains("t3_1p2b3ad");
		assertThat(listing.itemCount()).isEqualTo(3);
		assertThat(listing.reachedSeen()).isFalse();
	}

	@Test
	void stopsAtTheFirstItemAlreadySeen() {
		RedditListingMapper.Mapped.Listing listing = listing(
				this.mapper.map(fixture("listing-good.json"), "hctransit", Optional.of("t1_m8k2j1x")));

		assertThat(listing.mentions()).extracting(Mention::nativeId).containsExactly("t3_1p2b3cd");
		assertThat(listing.itemCount()).isOne();
		assertThat(listing.reachedSeen()).isTrue();
	}

	@Test
	void setsAsideEachItemThatCannotBeMappedWithItsJsonAndKeepsTheRest() {
		RedditListingMapper.Mapped.Listing listing = listing(map(fixture("listing-with-unmappable-items.json")));

		assertThat(listing.mentions()).extracting(Mention::nativeId).containsExactly("t3_aaa4");
		assertThat(listing.deadLetters()).hasSize(3);
		assertThat(listing.deadLetters().get(0).reason()).contains("t3_aaa1", "created_utc");
		assertThat(listing.deadLetters().get(0).payload()).contains("\"No time\"");
		assertThat(listing.deadLetters().get(1).reason()).contains("[removed]");
		assertThat(listing.deadLetters().get(2).reason()).contains("'more'");
		assertThat(listing.deadLetters()).allSatisfy((deadLetter) -> {
			assertThat(deadLetter.source()).isEqualTo(INSTANCE);
			assertThat(deadLetter.occurredAt()).isEqualTo(NOW);
		});
		assertThat(listing.after()).isEmpty();
	}

	@Test
	void callsAnHtmlErrorPageMalformedWithTheStartOfTheBody() {
		RedditListingMapper.Mapped mapped = map(fixture("error-page.html"));

		assertThat(mapped).isInstanceOfSatisfying(RedditListingMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).contains("not JSON", "<!doctype html>"));
	}

	@Test
	void callsARedditErrorObjectMalformedAndQuotesItsMessage() {
		RedditListingMapper.Mapped mapped = map("{\"message\": \"Forbidden\", \"error\": 403}");

		assertThat(mapped).isInstanceOfSatisfying(RedditListingMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).contains("not a Listing", "(Forbidden)"));
	}

	@Test
	void callsTruncatedJsonAndEmptyBodiesMalformedInsteadOfThrowing() {
		assertThat(map("{\"kind\": \"Listing\", \"data\": {\"chil")).isInstanceOf(RedditListingMapper.Malformed.class);
		assertThat(map("")).isInstanceOf(RedditListingMapper.Malformed.class);
		assertThat(map(null)).isInstanceOf(RedditListingMapper.Malformed.class);
		assertThat(map("[]")).isInstanceOf(RedditListingMapper.Malformed.class);
	}

	@Test
	void readsAnEmptyListingAsAnEmptyPage() {
		RedditListingMapper.Mapped.Listing listing = listing(
				map("{\"kind\": \"Listing\", \"data\": {\"after\": null, \"before\": null, \"children\": []}}"));

		assertThat(listing.mentions()).isEmpty();
		assertThat(listing.newestName()).isEmpty();
		assertThat(listing.after()).isEmpty();
	}

	@Test
	void neverThrowsAndTurnsEveryChildIntoAMentionOrADeadLetterWhateverThePageLooksLike() {
		String good = fixture("listing-good.json");
		JsonNode template = read(good);
		Random random = new Random(20261121L);
		int readablePages = 0;
		for (int run = 0; run < 4000; run++) {
			String body;
			int childrenInPage = -1;
			switch (run % 4) {
				case 0 -> body = good.substring(0, random.nextInt(good.length() + 1));
				case 1 -> body = flipCharacters(good, random);
				default -> {
					ObjectNode page = mutate((ObjectNode) template.deepCopy(), random);
					childrenInPage = page.path("data").path("children").size();
					body = page.toString();
				}
			}
			RedditListingMapper.Mapped[] mapped = new RedditListingMapper.Mapped[1];
			String input = body;
			assertThatCode(() -> mapped[0] = this.mapper.map(input, "hctransit", Optional.empty()))
				.as("page %d: %s", run, body)
				.doesNotThrowAnyException();
			assertThat(mapped[0]).as("page %d", run).isNotNull();
			if (mapped[0] instanceof RedditListingMapper.Mapped.Listing listing) {
				readablePages++;
				assertThat(listing.mentions().size() + listing.deadLetters().size()).as("page %d: %s", run, body)
					.isEqualTo(listing.itemCount());
				if (childrenInPage >= 0) {
					assertThat(listing.itemCount()).as("page %d: %s", run, body).isEqualTo(childrenInPage);
				}
				listing.mentions().forEach((mention) -> {
					assertThat(mention.id()).matches("reddit:t[13]_[0-9a-z]+");
					assertThat(mention.text()).isNotBlank();
					assertThat(mention.url().toString()).startsWith("https://www.reddit.com/");
				});
			}
			else {
				assertThat(((RedditListingMapper.Malformed) mapped[0]).reason()).isNotBlank();
			}
		}
		assertThat(readablePages).as("the mutations should leave many pages readable").isGreaterThan(1000);
	}

	private static String flipCharacters(String good, Random random) {
		char[] chars = good.toCharArray();
		String alphabet = "{}[]\":,0123456789-.enulltruefalse<>&;#@ \\/";
		for (int i = 0, flips = 1 + random.nextInt(5); i < flips; i++) {
			chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
		}
		return new String(chars);
	}

	private static ObjectNode mutate(ObjectNode page, Random random) {
		String[] fields = { "name", "id", "title", "selftext", "body", "author", "permalink", "created_utc", "score",
				"num_comments", "parent_id", "link_id", "subreddit", "over_18" };
		JsonNode[] values = { null, JSON.nullNode(), JSON.getNodeFactory().textNode(""),
				JSON.getNodeFactory().textNode("not a number <p>&amp;</p>"), JSON.getNodeFactory().numberNode(-1L),
				JSON.getNodeFactory().numberNode(Long.MAX_VALUE), JSON.getNodeFactory().numberNode(1.5),
				JSON.getNodeFactory().numberNode(0), JSON.getNodeFactory().numberNode(1e300),
				JSON.createArrayNode().add("x"), JSON.createObjectNode().put("x", 1),
				JSON.getNodeFactory().booleanNode(true), JSON.getNodeFactory().textNode("t3_zzz9"),
				JSON.getNodeFactory().textNode("t1_yyy8"), JSON.getNodeFactory().textNode("has space"),
				JSON.getNodeFactory().textNode("[deleted]"), JSON.getNodeFactory().textNode("[removed]"),
				JSON.getNodeFactory().textNode("/r/x/comments/a b/"), JSON.getNodeFactory().textNode("/r/x/%zz/"),
				JSON.getNodeFactory().textNode("https://evil.example/"),
				JSON.getNodeFactory().numberNode(1763630100.25) };
		ArrayNode children = (ArrayNode) page.path("data").path("children");
		for (int i = 0, mutations = 1 + random.nextInt(6); i < mutations; i++) {
			int choice = random.nextInt(10);
			if (choice == 0 && !children.isEmpty()) {
				children.remove(random.nextInt(children.size()));
			}
			else if (choice == 1 && !children.isEmpty()) {
				children.add(children.get(random.nextInt(children.size())).deepCopy());
			}
			else if (choice == 2) {
				JsonNode value = values[random.nextInt(values.length)];
				children.add((value != null) ? value : JSON.nullNode());
			}
			else if (choice == 3 && !children.isEmpty()) {
				JsonNode child = children.get(random.nextInt(children.size()));
				if (child.isObject()) {
					set((ObjectNode) child, (random.nextBoolean() ? "kind" : "data"),
							values[random.nextInt(values.length)]);
				}
			}
			else if (choice == 4) {
				set((ObjectNode) page.get("data"), "after", values[random.nextInt(values.length)]);
			}
			else if (!children.isEmpty()) {
				JsonNode child = children.get(random.nextInt(children.size()));
				if (child.isObject() && child.path("data").isObject()) {
					set((ObjectNode) child.get("data"), fields[random.nextInt(fields.length)],
							values[random.nextInt(values.length)]);
				}
			}
		}
		return page;
	}

	private static void set(ObjectNode node, String field, JsonNode value) {
		if (value == null) {
			node.remove(field);
		}
		else {
			node.set(field, value);
		}
	}

	private RedditListingMapper.Mapped map(String body) {
		return this.mapper.map(body, "hctransit", Optional.empty());
	}

	private static RedditListingMapper.Mapped.Listing listing(RedditListingMapper.Mapped mapped) {
		assertThat(mapped).isInstanceOf(RedditListingMapper.Mapped.Listing.class);
		return (RedditListingMapper.Mapped.Listing) mapped;
	}

	private static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String fixture(String name) {
		try (InputStream in = RedditListingMapperTests.class.getResourceAsStream("/reddit/" + name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
