package io.grapevine.ingest.source.bluesky;

import java.io.IOException;
import java.io.InputStream;
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
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class BlueskySearchMapperTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

	private final BlueskySearchMapper mapper = new BlueskySearchMapper("bluesky:harbor",
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void mapsAPostWithItsUriAsNativeIdAPermalinkByHandleAndTheReplyParent() {
		BlueskySearchMapper.Mapped.Posts posts = posts(
				this.mapper.map(fixture("search-good.json"), "delay", Optional.empty()));

		Mention mention = posts.mentions().get(0);
		assertThat(mention.id())
			.isEqualTo("bluesky:at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqztxvmq22c");
		assertThat(mention.url())
			.isEqualTo(URI.create("https://bsky.app/profile/harborrider.bsky.social/post/3lbqztxvmq22c"));
		assertThat(mention.text()).isEqualTo("The 14 is delayed again at Harbor Station, 25 minutes now");
		assertThat(mention.author().handle()).isEqualTo("harborrider.bsky.social");
		assertThat(mention.author().displayName()).contains("Harbor Rider 🚋");
		assertThat(mention.author().followers()).isEmpty();
		assertThat(mention.author().profileUrl())
			.contains(URI.create("https://bsky.app/profile/harborrider.bsky.social"));
		assertThat(mention.language()).contains("en");
		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-21T21:14:05.318Z"));
		assertThat(mention.ingestedAt()).isEqualTo(NOW);
		assertThat(mention.engagement()).isEqualTo(new Engagement(17, 6, 2));
		assertThat(mention.inReplyTo())
			.contains("at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3lbqzs6yb4k2y");
		assertThat(mention.matchedBy()).contains("delay");
		assertThat(posts.cursor()).contains("25");
		assertThat(posts.deadLetters()).isEmpty();
	}

	@Test
	void usesTheDidWhenTheHandleIsInvalidAndTheIndexTimeWhenTheRecordClaimsALaterOne() {
		Mention mention = posts(this.mapper.map(fixture("search-good.json"), "retraso", Optional.empty())).mentions()
			.get(1);

		assertThat(mention.author().handle()).isEqualTo("did:plc:4llrhdclvdlmmynkwsmg5tdc");
		assertThat(mention.url())
			.isEqualTo(URI.create("https://bsky.app/profile/did:plc:4llrhdclvdlmmynkwsmg5tdc/post/3lbqzkbm2rc2d"));
		assertThat(mention.author().followers()).contains(120L);
		assertThat(mention.text()).isEqualTo("Otro retraso en la línea 14");
		assertThat(mention.language()).contains("es");
		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-21T21:09:12.500Z"));
		assertThat(mention.engagement()).isEqualTo(Engagement.NONE);
		assertThat(mention.inReplyTo()).isEmpty();
	}

	@Test
	void publishesAPostAtItsAuthorsTimeUnlessThatLiesInTheFutureOfItsIndexing() throws IOException {
		ObjectNode answer = (ObjectNode) JSON.readTree(fixture("search-good.json"));
		ObjectNode imported = (ObjectNode) answer.get("posts").get(0);
		// A post imported from another network keeps the day it was written.
		((ObjectNode) imported.get("record")).put("createdAt", "2019-03-04T08:00:00.000Z");
		ObjectNode skewed = (ObjectNode) answer.get("posts").get(1);
		// A phone a couple of minutes fast is still the author's time.
		((ObjectNode) skewed.get("record")).put("createdAt", "2026-11-21T21:11:00.000Z");

		BlueskySearchMapper.Mapped.Posts posts = posts(this.mapper.map(answer.toString(), "delay", Optional.empty()));

		assertThat(posts.mentions()).extracting(Mention::publishedAt)
			.containsExactly(Instant.parse("2019-03-04T08:00:00Z"), Instant.parse("2026-11-21T21:11:00Z"));
	}

	@Test
	void givesLinksTheFullAddressOfTheirFacetWhereTheTextShowsThemShortened() throws IOException {
		// Facets as the AT Protocol's rich-text documentation shows them: UTF-8 byte
		// offsets, a #link feature with the full uri, and a #mention beside it. The
		// emoji before the link moves the byte offsets away from the character ones.
		ObjectNode answer = (ObjectNode) JSON.readTree(fixture("search-good.json"));
		ObjectNode record = (ObjectNode) answer.get("posts").get(0).get("record");
		String text = "🚋 Results: transit.example/reports/ni... via @hctransit.bsky.social and the full report";
		record.put("text", text);
		ArrayNode facets = record.putArray("facets");
		int linkStart = utf8Length("🚋 Results: ");
		int linkEnd = linkStart + utf8Length("transit.example/reports/ni...");
		ObjectNode link = facets.addObject();
		link.putObject("index").put("byteStart", linkStart).put("byteEnd", linkEnd);
		link.putArray("features")
			.addObject()
			.put("$type", "app.bsky.richtext.facet#link")
			.put("uri", "https://transit.example/reports/night-bus-pilot?utm_source=bsky");
		int mentionStart = utf8Length("🚋 Results: transit.example/reports/ni... via ");
		ObjectNode mention = facets.addObject();
		mention.putObject("index")
			.put("byteStart", mentionStart)
			.put("byteEnd", mentionStart + utf8Length("@hctransit.bsky.social"));
		mention.putArray("features")
			.addObject()
			.put("$type", "app.bsky.richtext.facet#mention")
			.put("did", "did:plc:ewvi7nxzyoun6zhxrhs64oiz");
		int wordsStart = utf8Length(text) - utf8Length("the full report");
		ObjectNode words = facets.addObject();
		words.putObject("index").put("byteStart", wordsStart).put("byteEnd", utf8Length(text));
		words.putArray("features")
			.addObject()
			.put("$type", "app.bsky.richtext.facet#link")
			.put("uri", "https://transit.example/reports/full");

		Mention post = posts(this.mapper.map(answer.toString(), "delay", Optional.empty())).mentions().get(0);

		assertThat(post.text()).isEqualTo("🚋 Results: https://transit.example/reports/night-bus-pilot?utm_source=bsky "
				+ "via @hctransit.bsky.social and the full report");
	}

	@Test
	void tiesAQuotePostToThePostItQuotesAndCountsItsOwnQuotesAsShares() throws IOException {
		// A quote as app.bsky.feed.searchPosts answers it: the record's embed is an
		// app.bsky.embed.record strong reference, the view's embed the quoted post.
		String quoted = "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3lbqzs6yb4k2y";
		ObjectNode answer = (ObjectNode) JSON.readTree(fixture("search-good.json"));
		ObjectNode post = (ObjectNode) answer.get("posts").get(0);
		((ObjectNode) post.get("record")).putObject("embed")
			.put("$type", "app.bsky.embed.record")
			.putObject("record")
			.put("uri", quoted)
			.put("cid", "bafyreia3xnpqm2");
		post.putObject("embed")
			.put("$type", "app.bsky.embed.record#view")
			.putObject("record")
			.put("$type", "app.bsky.embed.record#viewRecord")
			.put("uri", quoted);

		List<Mention> mentions = posts(this.mapper.map(answer.toString(), "delay", Optional.empty())).mentions();

		assertThat(mentions.get(0).repostOf()).hasValue(new Repost("bluesky:" + quoted, Repost.Kind.QUOTE));
		assertThat(mentions.get(0).engagement().shares()).isEqualTo(6);
		assertThat(mentions.get(1).repostOf()).isEmpty();
	}

	private static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	@Test
	void reportsTheNewestPostOfThePageInTheSearchOrder() {
		BlueskySearchMapper.Mapped.Posts posts = posts(
				this.mapper.map(fixture("search-good.json"), "delay", Optional.empty()));

		assertThat(posts.postCount()).isEqualTo(2);
		assertThat(posts.newest()).contains(
				new BlueskySearchMapper.Seen("at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqztxvmq22c",
						Instant.parse("2026-11-21T21:14:05.318Z")));
		assertThat(posts.reachedSeen()).isFalse();
	}

	@Test
	void stopsAtThePostAnEarlierRoundReadOrAtAnOlderOne() {
		String body = fixture("search-good.json");
		BlueskySearchMapper.Seen first = new BlueskySearchMapper.Seen(
				"at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqztxvmq22c",
				Instant.parse("2026-11-21T21:14:05.318Z"));
		BlueskySearchMapper.Seen between = new BlueskySearchMapper.Seen(
				"at://did:plc:other000000000000000000/app.bsky.feed.post/3lbqzzzzzzzzz",
				Instant.parse("2026-11-21T21:10:00Z"));

		BlueskySearchMapper.Mapped.Posts atFirst = posts(this.mapper.map(body, "delay", Optional.of(first)));
		BlueskySearchMapper.Mapped.Posts atSecond = posts(this.mapper.map(body, "delay", Optional.of(between)));

		assertThat(atFirst.mentions()).isEmpty();
		assertThat(atFirst.reachedSeen()).isTrue();
		assertThat(atFirst.postCount()).isZero();
		assertThat(atSecond.mentions()).extracting(Mention::nativeId)
			.containsExactly("at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqztxvmq22c");
		assertThat(atSecond.reachedSeen()).isTrue();
	}

	@Test
	void setsAsideEachPostThatCannotBeMappedWithItsJsonAndKeepsTheRest() throws IOException {
		String body = fixture("search-with-unmappable-posts.json");

		BlueskySearchMapper.Mapped.Posts posts = posts(this.mapper.map(body, "delay", Optional.empty()));

		assertThat(posts.mentions()).extracting(Mention::nativeId)
			.containsExactly("at://did:plc:good0000000000000000000/app.bsky.feed.post/3lbqgood");
		assertThat(posts.deadLetters()).hasSize(4).allSatisfy((deadLetter) -> {
			assertThat(deadLetter.source()).isEqualTo("bluesky:harbor");
			assertThat(deadLetter.occurredAt()).isEqualTo(NOW);
		});
		assertThat(posts.deadLetters()).extracting(DeadLetter::reason)
			.anySatisfy((reason) -> assertThat(reason).contains("not a JSON object"))
			.anySatisfy((reason) -> assertThat(reason).contains("is not at://"))
			.anySatisfy((reason) -> assertThat(reason).contains("has no text"))
			.anySatisfy((reason) -> assertThat(reason).contains("'likeCount' that is not a count"));
		JsonNode expected = JSON.readTree(body).get("posts").get(2);
		assertThat(JSON.readTree(posts.deadLetters().get(2).payload())).isEqualTo(expected);
		assertThat(posts.postCount()).isEqualTo(5);
	}

	@Test
	void callsAnHtmlErrorPageAndAnXrpcErrorMalformedWithWhatTheySaid() {
		assertThat(this.mapper.map(fixture("error-page.html"), "delay", Optional.empty())).isInstanceOfSatisfying(
				BlueskySearchMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).contains("not JSON").contains("502 Bad Gateway"));
		assertThat(this.mapper.map("{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}", "delay",
				Optional.empty()))
			.isInstanceOfSatisfying(BlueskySearchMapper.Malformed.class, (malformed) -> assertThat(malformed.reason())
				.contains("without a 'posts' array (InternalServerError: Internal Server Error)"));
	}

	@Test
	void callsTruncatedJsonAndEmptyBodiesMalformedInsteadOfThrowing() {
		String good = fixture("search-good.json");
		assertThat(this.mapper.map(good.substring(0, good.length() / 2), "delay", Optional.empty()))
			.isInstanceOf(BlueskySearchMapper.Malformed.class);
		assertThat(this.mapper.map("", "delay", Optional.empty())).isInstanceOf(BlueskySearchMapper.Malformed.class);
		assertThat(this.mapper.map(null, "delay", Optional.empty())).isInstanceOf(BlueskySearchMapper.Malformed.class);
	}

	@Test
	void readsAnAnswerWithoutPostsAndCursorAsTheLastEmptyPage() {
		BlueskySearchMapper.Mapped.Posts posts = posts(
				this.mapper.map("{\"hitsTotal\":0,\"posts\":[]}", "delay", Optional.empty()));

		assertThat(posts.mentions()).isEmpty();
		assertThat(posts.cursor()).isEmpty();
		assertThat(posts.newest()).isEmpty();
	}

	@Test
	void neverThrowsAndTurnsEveryPostIntoAMentionOrADeadLetterWhateverThePageLooksLike() throws IOException {
		String good = fixture("search-good.json");
		JsonNode template = JSON.readTree(good);
		Random random = new Random(20261121L);
		int readablePages = 0;
		int mentions = 0;
		for (int run = 0; run < 4000; run++) {
			String body;
			int postsInPage = -1;
			switch (run % 4) {
				case 0 -> body = good.substring(0, random.nextInt(good.length() + 1));
				case 1 -> body = flipCharacters(good, random);
				default -> {
					ObjectNode page = template.deepCopy();
					mutate((ArrayNode) page.get("posts"), random);
					postsInPage = page.get("posts").size();
					body = page.toString();
				}
			}
			BlueskySearchMapper.Mapped[] mapped = new BlueskySearchMapper.Mapped[1];
			String input = body;
			assertThatCode(() -> mapped[0] = this.mapper.map(input, "delay", Optional.empty()))
				.as("page %d: %s", run, body)
				.doesNotThrowAnyException();
			assertThat(mapped[0]).as("page %d", run).isNotNull();
			if (mapped[0] instanceof BlueskySearchMapper.Mapped.Posts posts) {
				readablePages++;
				mentions += posts.mentions().size();
				assertThat(posts.mentions().size() + posts.deadLetters().size()).as("page %d: %s", run, body)
					.isEqualTo(posts.postCount());
				if (postsInPage >= 0) {
					assertThat(posts.postCount()).isEqualTo(postsInPage);
				}
				posts.mentions().forEach((mention) -> {
					assertThat(mention.id()).startsWith("bluesky:at://did:");
					assertThat(mention.url().toString()).startsWith("https://bsky.app/profile/");
					assertThat(mention.text()).isNotBlank();
				});
			}
			else {
				assertThat(((BlueskySearchMapper.Malformed) mapped[0]).reason()).isNotBlank();
			}
		}
		assertThat(readablePages).as("the mutations should leave many pages readable").isGreaterThan(1000);
		assertThat(mentions).as("and many posts mappable").isGreaterThan(1000);
	}

	private static String flipCharacters(String good, Random random) {
		char[] chars = good.toCharArray();
		String alphabet = "{}[]\":,0123456789-.enulltruefalse/@:<> \\";
		for (int i = 0, flips = 1 + random.nextInt(5); i < flips; i++) {
			chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
		}
		return new String(chars);
	}

	private static void mutate(ArrayNode posts, Random random) {
		String[] fields = { "uri", "cid", "author", "record", "replyCount", "repostCount", "likeCount", "quoteCount",
				"indexedAt" };
		String[] authorFields = { "did", "handle", "displayName", "followersCount" };
		String[] recordFields = { "text", "createdAt", "langs", "reply", "$type" };
		JsonNode[] values = { null, JSON.nullNode(), JSON.getNodeFactory().textNode(""),
				JSON.getNodeFactory().textNode("not a time or a uri"), JSON.getNodeFactory().numberNode(-1L),
				JSON.getNodeFactory().numberNode(Long.MAX_VALUE), JSON.getNodeFactory().numberNode(1.5),
				JSON.getNodeFactory().numberNode(0), JSON.createArrayNode().add("x"),
				JSON.createArrayNode().add("pt-BR"), JSON.createArrayNode().add(7), JSON.createObjectNode().put("x", 1),
				JSON.createObjectNode().set("parent", JSON.createObjectNode().put("uri", "at://did:plc:a/x/y")),
				JSON.getNodeFactory().booleanNode(true), JSON.getNodeFactory().textNode("has space.bsky.social"),
				JSON.getNodeFactory().textNode("at://did:plc:abc/app.bsky.feed.post/../x"),
				JSON.getNodeFactory().textNode("at://did:web:example.org/app.bsky.feed.post/3lbq"),
				JSON.getNodeFactory().textNode("handle.invalid"),
				JSON.getNodeFactory().textNode("2026-11-21T16:40:16+01:00"),
				JSON.getNodeFactory().textNode("2026-11-21T16:40:16"),
				JSON.getNodeFactory().numberNode(Long.MIN_VALUE) };
		for (int i = 0, mutations = 1 + random.nextInt(4); i < mutations; i++) {
			int kind = random.nextInt(10);
			if (kind == 0 && !posts.isEmpty()) {
				JsonNode value = values[random.nextInt(values.length)];
				posts.set(random.nextInt(posts.size()), (value != null) ? value.deepCopy() : JSON.nullNode());
			}
			else if (kind == 1) {
				posts.add(
						posts.isEmpty() ? JSON.createObjectNode() : posts.get(random.nextInt(posts.size())).deepCopy());
			}
			else if (kind <= 3 && !posts.isEmpty() && posts.get(random.nextInt(posts.size())) instanceof ObjectNode post
					&& post.get("author") instanceof ObjectNode author) {
				set(author, authorFields[random.nextInt(authorFields.length)], values[random.nextInt(values.length)]);
			}
			else if (kind <= 6 && !posts.isEmpty() && posts.get(random.nextInt(posts.size())) instanceof ObjectNode post
					&& post.get("record") instanceof ObjectNode record) {
				set(record, recordFields[random.nextInt(recordFields.length)], values[random.nextInt(values.length)]);
			}
			else if (!posts.isEmpty() && posts.get(random.nextInt(posts.size())) instanceof ObjectNode post) {
				set(post, fields[random.nextInt(fields.length)], values[random.nextInt(values.length)]);
			}
		}
	}

	private static void set(ObjectNode node, String field, JsonNode value) {
		if (value == null) {
			node.remove(field);
		}
		else {
			node.set(field, value.deepCopy());
		}
	}

	private static BlueskySearchMapper.Mapped.Posts posts(BlueskySearchMapper.Mapped mapped) {
		assertThat(mapped).isInstanceOf(BlueskySearchMapper.Mapped.Posts.class);
		return (BlueskySearchMapper.Mapped.Posts) mapped;
	}

	static String fixture(String name) {
		try (InputStream in = BlueskySearchMapperTests.class.getResourceAsStream("/bluesky/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
