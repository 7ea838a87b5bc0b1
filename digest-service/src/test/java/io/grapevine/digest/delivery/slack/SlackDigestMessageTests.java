package io.grapevine.digest.delivery.slack;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.DigestFigures;
import io.grapevine.digest.composition.Share;
import io.grapevine.digest.composition.TopMention;
import io.grapevine.digest.FullDigest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackDigestMessageTests {

	private static final URI ARCHIVE = URI.create("https://grapevine.example.org/digests/operations-2026-11-19");

	private static final URI SEARCH = URI.create("https://grapevine.example.org/?department=operations");

	@Test
	void theMessageLeadsWithTheVolumeAndItsChangeAndEndsWithLinksToTheDigestAndTheSearch() {
		JsonNode message = SlackDigestMessage.of(digest(List.of(mention("1", "Bus 42 late again"))), ARCHIVE, SEARCH);
		assertThat(message.path("text").asText())
			.isEqualTo("Operations · daily listening digest · Thu 19 Nov 2026 · 37 mentions");
		JsonNode blocks = message.path("blocks");
		assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
		assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("Operations · daily listening digest");
		assertThat(blocks.get(1).path("text").path("text").asText())
			.isEqualTo("*37 mentions* on Thu 19 Nov 2026, up 23% from Wednesday.");
		assertThat(texts(blocks))
			.anySatisfy((text) -> assertThat(text).contains("*By source*\nX: 25 (68%)\nReddit: 12 (32%)"))
			.anySatisfy((text) -> assertThat(text).contains("*By topic*\nDelays and disruption: 12 (32%)"));
		JsonNode actions = StreamSupport.stream(blocks.spliterator(), false)
			.filter((block) -> block.path("type").asText().equals("actions"))
			.findFirst()
			.orElseThrow();
		assertThat(actions.path("elements").findValuesAsText("url")).containsExactly(ARCHIVE.toString(),
				SEARCH.toString());
	}

	@Test
	void eachTopMentionLinksTheAuthorToTheMentionAndQuotesItsText() {
		JsonNode message = SlackDigestMessage.of(digest(List.of(mention("7", "Tram stuck\nat Dock Road"))), ARCHIVE,
				SEARCH);
		assertThat(texts(message.path("blocks"))).anySatisfy((text) -> assertThat(text)
			.startsWith("<https://x.com/rider_amy/status/7|Amy Rider> @rider_amy on X at 10:12, 1,234 followers\n")
			.contains(">Tram stuck\n>at Dock Road")
			.endsWith("12 likes · 3 shares · 4 replies"));
	}

	@Test
	void textThePublicWroteCannotPingTheChannelOrForgeALink() {
		JsonNode message = SlackDigestMessage.of(
				digest(List
					.of(mention("9", "<!channel> free tickets at <https://evil.example|harborcity.gov> & more"))),
				ARCHIVE, SEARCH);
		assertThat(texts(message.path("blocks")))
			.anySatisfy((text) -> assertThat(text)
				.contains("&lt;!channel&gt; free tickets at &lt;https://evil.example|harborcity.gov&gt; &amp; more"))
			.noneSatisfy((text) -> assertThat(text).contains("<!channel>"));
	}

	@Test
	void aLongMentionIsCutSoTheDigestStaysShortAndWithinSlacksLimits() {
		JsonNode message = SlackDigestMessage.of(digest(List.of(mention("3", "delay ".repeat(2000)))), ARCHIVE, SEARCH);
		assertThat(texts(message.path("blocks")))
			.allSatisfy((text) -> assertThat(text.length()).isLessThanOrEqualTo(SlackDigestMessage.SECTION_LIMIT));
		assertThat(texts(message.path("blocks"))).anySatisfy((text) -> assertThat(text).contains("delay delay")
			.contains("…")
			.hasSizeLessThan(SlackDigestMessage.MENTION_LIMIT + 200));
	}

	@Test
	void aQuietDayHasNoMentionBlocks() {
		Digest quiet = new Digest("Harbor City Transit", FullDigest.operations(), thursday(),
				new DigestFigures(0, 0, "no mentions the day before", List.of(), List.of(), List.of()));
		JsonNode blocks = SlackDigestMessage.of(quiet, ARCHIVE, SEARCH).path("blocks");
		assertThat(blocks.findValuesAsText("type")).doesNotContain("divider");
		assertThat(blocks.get(1).path("text").path("text").asText()).startsWith("*0 mentions* on Thu 19 Nov 2026");
	}

	@Test
	void theSectionsComeInOrderWithTheChartLinkedInTheArchiveAndEveryItemLinked() {
		JsonNode message = SlackDigestMessage.of(FullDigest.digest("Plain words. "), ARCHIVE, SEARCH);
		List<String> texts = texts(message.path("blocks"));
		assertThat(String.join("\n", texts)).containsSubsequence(
				"138 mentions, up 38% from Wednesday; negative 21%, up from 12% · <" + ARCHIVE + "|See the chart>",
				"*Mentions that matter most*", "*New voices*", "*Rising terms*", "*Spikes*",
				"*Waiting for an answer* (9 in all)\nHandling: 7 waiting, the oldest published 2 d ago; 12 answered: ana 7, li 5");
		assertThat(texts)
			.anySatisfy((text) -> assertThat(text).startsWith("*<https://x.com/rider_m1/status/m1|Rider m1>*")
				.contains("|Search around it>"));
		assertThat(message.path("blocks").size()).isLessThanOrEqualTo(50);
	}

	@Test
	void hostileTextInTheSectionsCannotPingTheChannelOrForgeALink() {
		JsonNode message = SlackDigestMessage.of(FullDigest
			.digest("<!channel> <script>alert(1)</script><img src=x onerror=alert(2)> <https://evil.example|ok> & "),
				ARCHIVE, SEARCH);
		List<String> texts = texts(message.path("blocks"));
		assertThat(texts).anySatisfy((text) -> assertThat(text).contains(
				"&lt;!channel&gt; &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &lt;https://evil.example|ok&gt; &amp;"))
			.noneSatisfy((text) -> assertThat(text).contains("<!channel>"))
			.noneSatisfy((text) -> assertThat(text).contains("<https://evil.example"))
			.noneSatisfy((text) -> assertThat(text).contains("<script>"));
	}

	private static List<String> texts(JsonNode blocks) {
		return StreamSupport.stream(blocks.spliterator(), false).flatMap((block) -> {
			if (block.has("fields")) {
				return StreamSupport.stream(block.path("fields").spliterator(), false)
					.map((field) -> field.path("text").asText());
			}
			return java.util.stream.Stream.of(block.path("text").path("text").asText());
		}).toList();
	}

	static Period thursday() {
		return Period.day(LocalDate.of(2026, 11, 19), ZoneId.of("Europe/London"));
	}

	static Digest digest(List<TopMention> mentions) {
		return new Digest("Harbor City Transit", FullDigest.operations(), thursday(),
				new DigestFigures(37, 30, "up 23% from Wednesday",
						List.of(new Share("x", "X", 25, 68), new Share("reddit", "Reddit", 12, 32)),
						List.of(new Share("delays", "Delays and disruption", 12, 32)), mentions));
	}

	static TopMention mention(String id, String text) {
		return new TopMention("x:" + id, "x", URI.create("https://x.com/rider_amy/status/" + id), text, "rider_amy",
				"Amy Rider", Optional.of(1234L), Instant.parse("2026-11-19T10:12:00Z"), 12, 3, 4);
	}

}
