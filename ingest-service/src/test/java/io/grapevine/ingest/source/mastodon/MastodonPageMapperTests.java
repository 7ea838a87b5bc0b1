package io.grapevine.ingest.source.mastodon;

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
import io.grapevine.ingest.source.HtmlText;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class MastodonPageMapperTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String INSTANCE = "mastodon:mastodon.social";

	private static final Instant NOW = Instant.parse("2026-11-21T22:00:00Z");

	private final MastodonPageMapper mapper = new MastodonPageMapper(INSTANCE, "mastodon.social",
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void mapsALocalStatusWithItsServerInIdAndHandleAndItsHtmlAsPlainText() {
		Mention mention = statuses(this.mapper.map(fixture("page-good.json"), "#hctransit")).mentions().get(0);

		assertThat(mention.id()).isEqualTo("mastodon:mastodon.social:115826492454868451");
		assertThat(mention.source()).isEqualTo("mastodon");
		assertThat(mention.url()).isEqualTo(URI.create("https://mastodon.social/@coffeeferry26/115826492454868451"));
		assertThat(mention.text()).isEqualTo("Le distributeur de billets à Kingsbridge est en panne depuis 3 jours. "
				+ "On fait comment'?\n\nMerci @hctransit & bonne soirée\nà demain #hctransit");
		assertThat(mention.author().handle()).isEqualTo("coffeeferry26@mastodon.social");
		assertThat(mention.author().displayName()).contains("Manon B.");
		assertThat(mention.author().followers()).contains(196L);
		assertThat(mention.author().profileUrl()).contains(URI.create("https://mastodon.social/@coffeeferry26"));
		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-21T16:40:16Z"));
		assertThat(mention.ingestedAt()).isEqualTo(NOW);
		assertThat(mention.language()).contains("fr");
		assertThat(mention.engagement()).isEqualTo(new Engagement(4, 1, 2));
		assertThat(mention.inReplyTo()).isEmpty();
		assertThat(mention.matchedBy()).contains("#hctransit");
	}

	@Test
	void mapsARemoteReplyWithItsSpoilerTheFullLinkTextAndTheUriWhenThereIsNoUrl() {
		Mention mention = statuses(this.mapper.map(fixture("page-good.json"), "#hctransit")).mentions().get(1);

		assertThat(mention.nativeId()).isEqualTo("mastodon.social:115826466759105572");
		assertThat(mention.url())
			.isEqualTo(URI.create("https://harbor.social/users/hctransit/statuses/115826415244998999"));
		assertThat(mention.text()).isEqualTo("Lift & stairs\n\nSee https://harbor.example/status/lifts?line=t5 <3");
		assertThat(mention.author().handle()).isEqualTo("hctransit@harbor.social");
		assertThat(mention.author().displayName()).isEmpty();
		assertThat(mention.inReplyTo()).contains("mastodon.social:115826415244998580");
	}

	@Test
	void mapsABoostAsTheBoostedStatusSoThatItIsIndexedOnce() {
		Mention mention = statuses(this.mapper.map(fixture("page-good.json"), "#HarborCity")).mentions().get(2);

		assertThat(mention.nativeId()).isEqualTo("mastodon.social:115826374794776574");
		assertThat(mention.url()).isEqualTo(URI.create("https://det.social/@laura_becker/115826374794776574"));
		assertThat(mention.text()).isEqualTo("Die neuen Trams auf der T1 sind leise und bequem. 👏 #HarborCity");
		assertThat(mention.author().handle()).isEqualTo("laura_becker@det.social");
		assertThat(mention.engagement()).isEqualTo(new Engagement(7, 3, 0));
		assertThat(mention.language()).contains("de");
	}

	@Test
	void tiesAnAcceptedQuoteToTheStatusItQuotesAndCountsQuotesAsShares() throws IOException {
		// Quotes as Mastodon 4.5 answers them: a Quote holding the quoted status whole, a
		// ShallowQuote holding its id, and a quote the quoted author has not accepted.
		ArrayNode page = (ArrayNode) JSON.readTree(fixture("page-good.json"));
		ObjectNode whole = (ObjectNode) page.get(0);
		whole.put("quotes_count", 2);
		whole.putObject("quote")
			.put("state", "accepted")
			.set("quoted_status", JSON.createObjectNode().put("id", "115826400000000001"));
		ObjectNode shallow = (ObjectNode) page.get(1);
		shallow.putObject("quote").put("state", "accepted").put("quoted_status_id", "115826400000000002");
		ObjectNode pending = (ObjectNode) page.get(2).get("reblog");
		pending.putObject("quote").put("state", "pending").put("quoted_status_id", "115826400000000003");

		List<Mention> mentions = statuses(this.mapper.map(page.toString(), "#hctransit")).mentions();

		assertThat(mentions.get(0).repostOf())
			.hasValue(new Repost("mastodon:mastodon.social:115826400000000001", Repost.Kind.QUOTE));
		assertThat(mentions.get(0).engagement()).isEqualTo(new Engagement(4, 3, 2));
		assertThat(mentions.get(1).repostOf())
			.hasValue(new Repost("mastodon:mastodon.social:115826400000000002", Repost.Kind.QUOTE));
		assertThat(mentions.get(2).repostOf()).isEmpty();
	}

	@Test
	void reportsTheNewestIdAndTheCountOfThePageIncludingBoosts() {
		MastodonPageMapper.Mapped.Statuses statuses = statuses(this.mapper.map(fixture("page-good.json"), "#x"));

		assertThat(statuses.statusCount()).isEqualTo(3);
		assertThat(statuses.newestId()).contains("115826492454868451");
		assertThat(statuses.deadLetters()).isEmpty();
	}

	@Test
	void setsAsideEachStatusThatCannotBeMappedWithItsJsonAndKeepsTheRest() {
		MastodonPageMapper.Mapped.Statuses statuses = statuses(
				this.mapper.map(fixture("page-with-unmappable-statuses.json"), "#hctransit"));

		assertThat(statuses.mentions()).extracting(Mention::nativeId)
			.containsExactly("mastodon.social:115826500000000003");
		assertThat(statuses.deadLetters()).extracting(DeadLetter::reason)
			.containsExactly("status 115826500000000002 has no text (media only?)",
					"status 115826500000000001 has a 'created_at' that is not a time: yesterday",
					"status 115826500000000000 has no 'account'");
		assertThat(statuses.deadLetters()).allSatisfy((deadLetter) -> {
			assertThat(deadLetter.source()).isEqualTo(INSTANCE);
			assertThat(JSON.readTree(deadLetter.payload()).get("id").asText()).startsWith("1158265000");
		});
		assertThat(statuses.newestId()).contains("115826500000000003");
	}

	@Test
	void callsAnHtmlErrorPageMalformedWithTheStartOfTheBody() {
		MastodonPageMapper.Mapped mapped = this.mapper.map(fixture("error-page.html"), "#x");

		assertThat(mapped).isInstanceOfSatisfying(MastodonPageMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).startsWith("Mastodon answered a body that is not JSON")
					.contains("<!DOCTYPE html>"));
	}

	@Test
	void callsAMastodonErrorObjectMalformedAndQuotesItsError() {
		MastodonPageMapper.Mapped mapped = this.mapper.map("{\"error\":\"Record not found\"}", "#x");

		assertThat(mapped).isInstanceOfSatisfying(MastodonPageMapper.Malformed.class,
				(malformed) -> assertThat(malformed.reason()).contains("(Record not found)"));
	}

	@Test
	void callsTruncatedJsonAndEmptyBodiesMalformedInsteadOfThrowing() {
		assertThat(this.mapper.map("[{\"id\":\"1\",", "#x")).isInstanceOf(MastodonPageMapper.Malformed.class);
		assertThat(this.mapper.map("", "#x")).isInstanceOf(MastodonPageMapper.Malformed.class);
		assertThat(this.mapper.map(null, "#x")).isInstanceOf(MastodonPageMapper.Malformed.class);
		assertThat(this.mapper.map("42", "#x")).isInstanceOf(MastodonPageMapper.Malformed.class);
	}

	@Test
	void readsAnEmptyArrayAsAnEmptyPage() {
		MastodonPageMapper.Mapped.Statuses statuses = statuses(this.mapper.map("[]", "#x"));

		assertThat(statuses.statusCount()).isZero();
		assertThat(statuses.newestId()).isEqualTo(Optional.empty());
	}

	@Test
	void mapsTheStatusesOfASearchAnswerMatchedByTheQuery() throws IOException {
		String body = searchAnswer((ArrayNode) JSON.readTree(fixture("page-good.json")));

		MastodonPageMapper.Mapped.Statuses statuses = statuses(
				this.mapper.mapSearch(body, "harbor city", Optional.empty()));
		MastodonPageMapper.Mapped.Statuses timeline = statuses(this.mapper.map(fixture("page-good.json"), "#x"));

		assertThat(statuses.mentions()).extracting(Mention::id)
			.containsExactlyElementsOf(timeline.mentions().stream().map(Mention::id).toList());
		assertThat(statuses.mentions())
			.allSatisfy((mention) -> assertThat(mention.matchedBy()).contains("harbor city"));
		assertThat(statuses.newestId()).isEqualTo(timeline.newestId());
		assertThat(statuses.alreadyRead()).isZero();
		assertThat(statuses(
				this.mapper.mapSearch("{\"accounts\":[],\"statuses\":[],\"hashtags\":[]}", "q", Optional.empty()))
			.statusCount()).isZero();
	}

	@Test
	void leavesOutTheStatusesOfASearchAnswerThatWereReadBeforeAndCountsThem() throws IOException {
		ArrayNode page = (ArrayNode) JSON.readTree(fixture("page-good.json"));
		MastodonPageMapper.Mapped.Statuses all = statuses(
				this.mapper.mapSearch(searchAnswer(page), "q", Optional.empty()));
		String newest = all.newestId().orElseThrow();

		MastodonPageMapper.Mapped.Statuses unread = statuses(
				this.mapper.mapSearch(searchAnswer(page), "q", Optional.of(newest)));

		assertThat(unread.mentions()).isEmpty();
		assertThat(unread.deadLetters()).isEmpty();
		assertThat(unread.alreadyRead()).isEqualTo(all.statusCount());
		assertThat(unread.newestId()).isEmpty();
	}

	@Test
	void callsASearchAnswerWithoutAStatusesArrayMalformedAndQuotesItsError() {
		assertThat(this.mapper.mapSearch("{\"error\":\"The access token is invalid\"}", "q", Optional.empty()))
			.isInstanceOfSatisfying(MastodonPageMapper.Malformed.class,
					(malformed) -> assertThat(malformed.reason()).contains("'statuses'")
						.contains("(The access token is invalid)"));
		assertThat(this.mapper.mapSearch("[]", "q", Optional.empty())).isInstanceOf(MastodonPageMapper.Malformed.class);
		assertThat(this.mapper.mapSearch("{\"statuses\":{}}", "q", Optional.empty()))
			.isInstanceOf(MastodonPageMapper.Malformed.class);
		assertThat(this.mapper.mapSearch("{\"statuses\":[{\"id\":", "q", Optional.empty()))
			.isInstanceOf(MastodonPageMapper.Malformed.class);
		assertThat(this.mapper.mapSearch(null, "q", Optional.empty())).isInstanceOf(MastodonPageMapper.Malformed.class);
		assertThat(this.mapper.mapSearch(fixture("error-page.html"), "q", Optional.empty())).isInstanceOfSatisfying(
				MastodonPageMapper.Malformed.class, (malformed) -> assertThat(malformed.reason()).contains("not JSON"));
	}

	@Test
	void neverThrowsOnASearchAnswerWhateverItLooksLike() throws IOException {
		ArrayNode template = (ArrayNode) JSON.readTree(fixture("page-good.json"));
		String good = searchAnswer(template);
		Random random = new Random(20261122L);
		int readable = 0;
		for (int run = 0; run < 3000; run++) {
			String body;
			int statusesInPage = -1;
			switch (run % 3) {
				case 0 -> body = good.substring(0, random.nextInt(good.length() + 1));
				case 1 -> body = flipCharacters(good, random);
				default -> {
					ArrayNode page = mutate(template.deepCopy(), random);
					statusesInPage = page.size();
					body = searchAnswer(page);
				}
			}
			MastodonPageMapper.Mapped[] mapped = new MastodonPageMapper.Mapped[1];
			String input = body;
			Optional<String> readUpTo = (run % 5 == 0) ? Optional.of("115826492454868451") : Optional.empty();
			assertThatCode(() -> mapped[0] = this.mapper.mapSearch(input, "harbor city", readUpTo))
				.as("answer %d: %s", run, body)
				.doesNotThrowAnyException();
			if (mapped[0] instanceof MastodonPageMapper.Mapped.Statuses statuses) {
				readable++;
				assertThat(statuses.mentions().size() + statuses.deadLetters().size() + statuses.alreadyRead())
					.as("answer %d: %s", run, body)
					.isEqualTo(statuses.statusCount());
				if (statusesInPage >= 0) {
					assertThat(statuses.statusCount()).isEqualTo(statusesInPage);
				}
			}
			else {
				assertThat(mapped[0]).isInstanceOf(MastodonPageMapper.Malformed.class);
				assertThat(((MastodonPageMapper.Malformed) mapped[0]).reason()).isNotBlank();
			}
		}
		assertThat(readable).as("the mutations should leave many answers readable").isGreaterThan(800);
	}

	private static String searchAnswer(ArrayNode statuses) {
		ObjectNode answer = JSON.createObjectNode();
		answer.putArray("accounts");
		answer.set("statuses", statuses);
		answer.putArray("hashtags");
		return answer.toString();
	}

	@Test
	void decodesEntitiesOnceAndTurnsParagraphsAndLineBreaksIntoNewlines() {
		assertThat(HtmlText
			.plain("<p>a &amp;lt; b &#x27;c&#39; &quot;d&quot;&nbsp;&bogus; &#0;</p><p>two<br>three" + "<br/>four</p>"))
			.isEqualTo("a &lt; b 'c' \"d\" &bogus;\n\ntwo\nthree\nfour");
		assertThat(HtmlText.plain("<p>1 &lt; 2 &gt; 0 &#128651;</p>")).isEqualTo("1 < 2 > 0 🚋");
		assertThat(HtmlText.plain(null)).isEmpty();
	}

	@Test
	void comparesMastodonIdsAsNumbersOfGrowingLength() {
		assertThat(MastodonPageMapper.newer("100", "99")).isTrue();
		assertThat(MastodonPageMapper.newer("115826492454868451", "115826466759105572")).isTrue();
		assertThat(MastodonPageMapper.newer("99", "100")).isFalse();
		assertThat(MastodonPageMapper.newer("7", "7")).isFalse();
	}

	@Test
	void neverThrowsAndTurnsEveryStatusIntoAMentionOrADeadLetterWhateverThePageLooksLike() throws IOException {
		String good = fixture("page-good.json");
		JsonNode template = JSON.readTree(good);
		Random random = new Random(20261121L);
		int readablePages = 0;
		for (int run = 0; run < 4000; run++) {
			String body;
			int statusesInPage = -1;
			switch (run % 4) {
				case 0 -> body = good.substring(0, random.nextInt(good.length() + 1));
				case 1 -> body = flipCharacters(good, random);
				default -> {
					ArrayNode page = mutate((ArrayNode) template.deepCopy(), random);
					statusesInPage = page.size();
					body = page.toString();
				}
			}
			MastodonPageMapper.Mapped[] mapped = new MastodonPageMapper.Mapped[1];
			String input = body;
			assertThatCode(() -> mapped[0] = this.mapper.map(input, "#hctransit")).as("page %d: %s", run, body)
				.doesNotThrowAnyException();
			assertThat(mapped[0]).as("page %d", run).isNotNull();
			if (mapped[0] instanceof MastodonPageMapper.Mapped.Statuses statuses) {
				readablePages++;
				assertThat(statuses.mentions().size() + statuses.deadLetters().size()).as("page %d: %s", run, body)
					.isEqualTo(statuses.statusCount());
				if (statusesInPage >= 0) {
					assertThat(statuses.statusCount()).isEqualTo(statusesInPage);
				}
				statuses.mentions().forEach((mention) -> {
					assertThat(mention.id()).startsWith("mastodon:mastodon.social:");
					assertThat(mention.text()).isNotBlank();
				});
			}
			else {
				assertThat(((MastodonPageMapper.Malformed) mapped[0]).reason()).isNotBlank();
			}
		}
		assertThat(readablePages).as("the mutations should leave many pages readable").isGreaterThan(1000);
	}

	private static String flipCharacters(String good, Random random) {
		char[] chars = good.toCharArray();
		String alphabet = "{}[]\":,0123456789-.enulltruefalse<>&;#@ \\";
		for (int i = 0, flips = 1 + random.nextInt(5); i < flips; i++) {
			chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
		}
		return new String(chars);
	}

	private static ArrayNode mutate(ArrayNode page, Random random) {
		String[] fields = { "id", "created_at", "in_reply_to_id", "language", "url", "uri", "content", "spoiler_text",
				"reblogs_count", "favourites_count", "replies_count", "account", "reblog", "tags" };
		String[] accountFields = { "acct", "display_name", "followers_count", "url" };
		JsonNode[] values = { null, JSON.nullNode(), JSON.getNodeFactory().textNode(""),
				JSON.getNodeFactory().textNode("not a number <p>&#x27;&amp;</p><br>"),
				JSON.getNodeFactory().numberNode(-1L), JSON.getNodeFactory().numberNode(Long.MAX_VALUE),
				JSON.getNodeFactory().numberNode(1.5), JSON.getNodeFactory().numberNode(0),
				JSON.createArrayNode().add("x"), JSON.createObjectNode().put("x", 1),
				JSON.getNodeFactory().booleanNode(true), JSON.getNodeFactory().textNode("115826492454868452"),
				JSON.getNodeFactory().textNode("has space"), JSON.getNodeFactory().textNode("javascript:alert(1)"),
				JSON.getNodeFactory().textNode("https://mastodon.social/@a"),
				JSON.getNodeFactory().textNode("2026-11-21T16:40:16+01:00"),
				JSON.getNodeFactory().numberNode(Long.MIN_VALUE) };
		for (int i = 0, mutations = 1 + random.nextInt(6); i < mutations; i++) {
			int kind = random.nextInt(12);
			if (kind == 0 && !page.isEmpty()) {
				JsonNode value = values[random.nextInt(values.length)];
				page.set(random.nextInt(page.size()), (value != null) ? value.deepCopy() : JSON.nullNode());
			}
			else if (kind == 1) {
				page.add(page.isEmpty() ? JSON.createObjectNode() : page.get(random.nextInt(page.size())).deepCopy());
			}
			else if (kind == 2 && !page.isEmpty() && page.get(random.nextInt(page.size())) instanceof ObjectNode status
					&& status.get("account") instanceof ObjectNode account) {
				set(account, accountFields[random.nextInt(accountFields.length)],
						values[random.nextInt(values.length)]);
			}
			else if (kind == 3 && !page.isEmpty() && page.get(random.nextInt(page.size())) instanceof ObjectNode status
					&& status.get("reblog") instanceof ObjectNode reblog) {
				set(reblog, fields[random.nextInt(fields.length)], values[random.nextInt(values.length)]);
			}
			else if (!page.isEmpty() && page.get(random.nextInt(page.size())) instanceof ObjectNode status) {
				set(status, fields[random.nextInt(fields.length)], values[random.nextInt(values.length)]);
			}
		}
		return page;
	}

	private static void set(ObjectNode node, String field, JsonNode value) {
		if (value == null) {
			node.remove(field);
		}
		else {
			node.set(field, value.deepCopy());
		}
	}

	private static MastodonPageMapper.Mapped.Statuses statuses(MastodonPageMapper.Mapped mapped) {
		assertThat(mapped).isInstanceOf(MastodonPageMapper.Mapped.Statuses.class);
		return (MastodonPageMapper.Mapped.Statuses) mapped;
	}

	static String fixture(String name) {
		try (InputStream in = MastodonPageMapperTests.class.getResourceAsStream("/mastodon/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
