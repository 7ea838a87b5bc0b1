package io.grapevine.ingest.source.hackernews;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.ingest.source.HtmlText;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class HackerNewsPageMapperTests {

	private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	private static final String QUERY = "delay \"harbor city transit\"";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HackerNewsPageMapper mapper = new HackerNewsPageMapper("hackernews:search",
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void mapsAStoryWithItsTitleLinkAuthorPointsAndCommentCount() {
		Mention story = hits(this.mapper.map(fixture("page-good.json"), QUERY)).mentions().get(2);

		assertThat(story.id()).isEqualTo("hackernews:38000000");
		assertThat(story.source()).isEqualTo("hackernews");
		assertThat(story.url()).isEqualTo(URI.create("https://news.ycombinator.com/item?id=38000000"));
		assertThat(story.text())
			.isEqualTo("Harbor City Transit opens a new tram line\n\nhttps://harborcity-transit.example/news/tram");
		assertThat(story.author()).isEqualTo(new Author("dang", Optional.empty(), Optional.empty(),
				Optional.of(URI.create("https://news.ycombinator.com/user?id=dang"))));
		assertThat(story.publishedAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
		assertThat(story.ingestedAt()).isEqualTo(NOW);
		assertThat(story.engagement()).isEqualTo(new Engagement(230, 0, 41));
		assertThat(story.inReplyTo()).isEmpty();
		assertThat(story.language()).isEmpty();
		assertThat(story.matchedBy()).contains(QUERY);
	}

	@Test
	void givesACommentsLinkShownCutShortItsFullAddress() throws IOException {
		// Hacker News writes a long link's text cut at 60 characters and ending "...",
		// as in the comment_text of the Algolia API's documentation example.
		ObjectNode page = (ObjectNode) JSON.readTree(fixture("page-good.json"));
		((ObjectNode) page.get("hits").get(0)).put("comment_text",
				"Report: <a href=\"https:&#x2F;&#x2F;harborcity-transit.example&#x2F;reports&#x2F;2026&#x2F;"
						+ "night-bus-pilot-final-results.pdf\" rel=\"nofollow\">https:&#x2F;&#x2F;"
						+ "harborcity-transit.example&#x2F;reports&#x2F;2026&#x2F;night-bu...</a>");

		Mention comment = hits(this.mapper.map(page.toString(), QUERY)).mentions().get(0);

		assertThat(comment.text()).startsWith(
				"Report: https://harborcity-transit.example/reports/2026/night-bus-pilot-final-results.pdf\n\non: ");
	}

	@Test
	void joinsTheTitleAndTheDecodedTextOfAnAskHnStory() {
		Mention ask = hits(this.mapper.map(fixture("page-good.json"), QUERY)).mentions().get(1);

		assertThat(ask.text()).isEqualTo("Ask HN: Harbor City Transit delays & how you cope\n\n"
				+ "Is anyone else seeing delays on Harbor City & Bay lines?\n\nMine was 25 minutes late.");
		assertThat(ask.engagement()).isEqualTo(new Engagement(12, 0, 3));
	}

	@Test
	void mapsACommentToPlainTextAndKeepsItsParent() {
		HackerNewsPageMapper.Mapped.Hits page = hits(this.mapper.map(fixture("page-good.json"), QUERY));
		Mention comment = page.mentions().get(0);

		assertThat(comment.id()).isEqualTo("hackernews:38012345");
		assertThat(comment.url()).isEqualTo(URI.create("https://news.ycombinator.com/item?id=38012345"));
		assertThat(comment.text()).isEqualTo("The delay on line 3 isn't new: \"signal failure\" again.\n\n"
				+ "See https://harborcity-transit.example/status > it says 20 min & counting\n\n"
				+ "on: Harbor City Transit opens a new tram line");
		assertThat(comment.author().handle()).isEqualTo("tram_fan");
		assertThat(comment.author().followers()).isEmpty();
		assertThat(comment.inReplyTo()).contains("38011111");
		assertThat(comment.engagement()).isEqualTo(Engagement.NONE);
		assertThat(comment.publishedAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
	}

	@Test
	void reportsTheNewestAndOldestTimesAndTheCountsOfThePage() {
		HackerNewsPageMapper.Mapped.Hits page = hits(this.mapper.map(fixture("page-good.json"), QUERY));

		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.hitCount()).isEqualTo(3);
		assertThat(page.newest()).hasValue(1795166100L);
		assertThat(page.oldest()).hasValue(1795161600L);
		assertThat(page.nbHits()).isEqualTo(3);
		assertThat(page.nbPages()).isEqualTo(1);
	}

	@Test
	void setsAsideEachHitThatCannotBeMappedWithItsJsonAndKeepsTheRest() {
		HackerNewsPageMapper.Mapped.Hits page = hits(this.mapper.map(fixture("page-with-unmappable-hits.json"), QUERY));

		assertThat(page.mentions()).extracting(Mention::id).containsExactly("hackernews:38012404");
		assertThat(page.deadLetters()).hasSize(4)
			.allSatisfy((letter) -> assertThat(letter.source()).isEqualTo("hackernews:search"));
		assertThat(page.deadLetters().get(0).reason()).contains("38012400").contains("author");
		assertThat(page.deadLetters().get(1).reason()).contains("38012401").contains("created_at");
		assertThat(page.deadLetters().get(1).payload()).contains("no timestamp on this one");
		assertThat(page.deadLetters().get(2).reason()).contains("cannot be negative");
		assertThat(page.deadLetters().get(3).reason()).contains("objectID");
		assertThat(page.newest()).as("unmappable hits still count for the cursor").hasValue(1795166400L);
	}

	@Test
	void callsTruncatedJsonMalformedInsteadOfThrowing() {
		String good = fixture("page-good.json");

		assertThat(this.mapper.map(good.substring(0, good.length() / 2), QUERY)).isInstanceOfSatisfying(
				HackerNewsPageMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).startsWith("HN Search answered a body that is not JSON"));
	}

	@Test
	void callsAnHtmlErrorPageMalformedWithTheStartOfTheBody() {
		assertThat(this.mapper.map(fixture("error-page.html"), QUERY)).isInstanceOfSatisfying(
				HackerNewsPageMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).contains("not JSON").contains("502 Bad Gateway"));
	}

	@Test
	void callsAnAlgoliaErrorObjectMalformedAndQuotesItsMessage() {
		assertThat(this.mapper.map("{\"message\":\"Invalid value for parameter hitsPerPage\",\"status\":400}", QUERY))
			.isInstanceOfSatisfying(HackerNewsPageMapper.Malformed.class,
					(malformed) -> assertThat(malformed.reason()).contains("'hits'")
						.contains("Invalid value for parameter hitsPerPage"));
	}

	@Test
	void callsUnexpectedShapesMalformed() {
		assertThat(this.mapper.map("[1,2,3]", QUERY)).isInstanceOf(HackerNewsPageMapper.Malformed.class);
		assertThat(this.mapper.map("{\"hits\":{},\"nbHits\":1,\"nbPages\":1}", QUERY))
			.isInstanceOf(HackerNewsPageMapper.Malformed.class);
		assertThat(this.mapper.map("{\"hits\":[]}", QUERY)).isInstanceOf(HackerNewsPageMapper.Malformed.class);
		assertThat(this.mapper.map("", QUERY)).isInstanceOf(HackerNewsPageMapper.Malformed.class);
		assertThat(this.mapper.map(null, QUERY)).isInstanceOf(HackerNewsPageMapper.Malformed.class);
	}

	@Test
	void decodesEntitiesOnceAndTurnsParagraphsIntoBlankLines() {
		// A reference to a lone surrogate is no character, and a tag cut off by the end
		// of the text is no text, as browsers read them.
		assertThat(HtmlText.plain("a &amp;lt; b &lt; c &#x27;d&#39; &quot;e&quot; &#x2F; &bogus; &#xD800;"))
			.isEqualTo("a &lt; b < c 'd' \"e\" / &bogus;");
		assertThat(HtmlText.plain("one<p>two<p><pre><code>  x = 1\n</code></pre>")).isEqualTo("one\n\ntwo\n\n  x = 1");
		assertThat(HtmlText.plain("<a href=\"https://x.example\" rel=\"nofollow\">link</a> 3 < 4 <unclosed"))
			.isEqualTo("link 3 < 4");
	}

	@Test
	void neverThrowsAndTurnsEveryHitIntoAMentionOrADeadLetterWhateverThePageLooksLike() throws IOException {
		String good = fixture("page-good.json");
		JsonNode template = JSON.readTree(good);
		Random random = new Random(20261121L);
		int readablePages = 0;
		for (int run = 0; run < 4000; run++) {
			String body;
			int hitsInPage = -1;
			switch (run % 4) {
				case 0 -> body = good.substring(0, random.nextInt(good.length() + 1));
				case 1 -> body = flipCharacters(good, random);
				default -> {
					ObjectNode page = mutate(template.deepCopy(), random);
					hitsInPage = page.path("hits").isArray() ? page.path("hits").size() : -1;
					body = page.toString();
				}
			}
			HackerNewsPageMapper.Mapped[] mapped = new HackerNewsPageMapper.Mapped[1];
			String input = body;
			assertThatCode(() -> mapped[0] = this.mapper.map(input, QUERY)).as("page %d: %s", run, body)
				.doesNotThrowAnyException();
			assertThat(mapped[0]).as("page %d", run).isNotNull();
			if (mapped[0] instanceof HackerNewsPageMapper.Mapped.Hits hits) {
				readablePages++;
				assertThat(hits.mentions().size() + hits.deadLetters().size()).as("page %d: %s", run, body)
					.isEqualTo(hits.hitCount());
				if (hitsInPage >= 0) {
					assertThat(hits.hitCount()).isEqualTo(hitsInPage);
				}
				hits.mentions().forEach((mention) -> assertThat(mention.id()).startsWith("hackernews:"));
			}
			else {
				assertThat(((HackerNewsPageMapper.Malformed) mapped[0]).reason()).isNotBlank();
			}
		}
		assertThat(readablePages).as("the mutations should leave many pages readable").isGreaterThan(1000);
	}

	private static String flipCharacters(String good, Random random) {
		char[] chars = good.toCharArray();
		String alphabet = "{}[]\":,0123456789-.enulltruefalse<>&;# \\";
		for (int i = 0, flips = 1 + random.nextInt(5); i < flips; i++) {
			chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
		}
		return new String(chars);
	}

	private static ObjectNode mutate(ObjectNode page, Random random) {
		String[] fields = { "objectID", "author", "created_at", "created_at_i", "title", "url", "story_text",
				"comment_text", "parent_id", "story_id", "points", "num_comments", "_tags" };
		JsonNode[] values = { null, JSON.nullNode(), JSON.getNodeFactory().textNode(""),
				JSON.getNodeFactory().textNode("not a number <p>&#x27;&amp;"), JSON.getNodeFactory().numberNode(-1L),
				JSON.getNodeFactory().numberNode(Long.MAX_VALUE), JSON.getNodeFactory().numberNode(1.5),
				JSON.getNodeFactory().numberNode(0), JSON.createArrayNode().add("comment"),
				JSON.createObjectNode().put("x", 1), JSON.getNodeFactory().booleanNode(true),
				JSON.getNodeFactory().textNode("38012345"), JSON.getNodeFactory().textNode("has space"),
				JSON.getNodeFactory().numberNode(Long.MIN_VALUE) };
		ArrayNode hits = (ArrayNode) page.get("hits");
		for (int i = 0, mutations = 1 + random.nextInt(6); i < mutations; i++) {
			int kind = random.nextInt(10);
			if (kind == 0 && !hits.isEmpty()) {
				JsonNode value = values[random.nextInt(values.length)];
				hits.set(random.nextInt(hits.size()), (value != null) ? value.deepCopy() : JSON.nullNode());
			}
			else if (kind == 1) {
				hits.add(hits.isEmpty() ? JSON.createObjectNode() : hits.get(random.nextInt(hits.size())).deepCopy());
			}
			else if (!hits.isEmpty() && hits.get(random.nextInt(hits.size())) instanceof ObjectNode hit) {
				String field = fields[random.nextInt(fields.length)];
				JsonNode value = values[random.nextInt(values.length)];
				if (value == null) {
					hit.remove(field);
				}
				else {
					hit.set(field, value.deepCopy());
				}
			}
		}
		return page;
	}

	private static HackerNewsPageMapper.Mapped.Hits hits(HackerNewsPageMapper.Mapped mapped) {
		assertThat(mapped).isInstanceOf(HackerNewsPageMapper.Mapped.Hits.class);
		return (HackerNewsPageMapper.Mapped.Hits) mapped;
	}

	static String fixture(String name) {
		try (InputStream in = HackerNewsPageMapperTests.class.getResourceAsStream("/hackernews/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
