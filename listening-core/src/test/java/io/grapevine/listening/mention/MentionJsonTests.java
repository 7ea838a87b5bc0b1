package io.grapevine.listening.mention;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.grapevine.listening.query.Sentiment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MentionJsonTests {

	@Test
	void aMentionSurvivesTheRoundTripThroughItsJsonContract() {
		Mention mention = replyWithEngagement();
		Mention read = MentionJson.readMention(MentionJson.write(mention));
		assertThat(read).isEqualTo(mention);
	}

	@Test
	void theJsonCarriesTheSchemaVersionAndTheIdAsSourceColonNativeId() {
		String json = MentionJson.write(replyWithEngagement());
		assertThat(json).contains("\"schemaVersion\":3")
			.contains("\"id\":\"x:1790000000000000001\"")
			.contains("\"publishedAt\":\"2026-11-20T09:15:00Z\"");
	}

	@Test
	void absentOptionalFieldsAreLeftOutAndReadBackAsEmpty() {
		Mention bare = Mention.builder("rss", "abc")
			.url(URI.create("https://news.example/a"))
			.text("Harbor City Transit adds night buses")
			.author(Author.of("news.example"))
			.publishedAt(Instant.parse("2026-11-20T10:00:00Z"))
			.build();
		String json = MentionJson.write(bare);
		assertThat(json).doesNotContain("language").doesNotContain("inReplyTo").doesNotContain("followers");
		Mention read = MentionJson.readMention(json);
		assertThat(read.language()).isEmpty();
		assertThat(read.author().followers()).isEmpty();
		assertThat(read.topics()).isEmpty();
	}

	@Test
	void competitorsAreWrittenAndAMentionWrittenBeforeThemReadsAsNamingNone() {
		Mention tagged = replyWithEngagement().withTags(List.of("staff-praise"), List.of("customer-service"),
				List.of("metro-link"));
		String json = MentionJson.write(tagged);
		assertThat(json).contains("\"competitors\":[\"metro-link\"]");
		assertThat(MentionJson.readMention(json)).isEqualTo(tagged);
		String older = json.replace(",\"competitors\":[\"metro-link\"]", "");
		assertThat(older).doesNotContain("competitors");
		assertThat(MentionJson.readMention(older).competitors()).isEmpty();
		assertThat(MentionJson.readMention(older).topics()).containsExactly("staff-praise");
	}

	@Test
	void fieldsFromANewerWriterAreIgnored() {
		String json = MentionJson.write(replyWithEngagement())
			.replace("{\"schemaVersion\":1", "{\"schemaVersion\":2,\"audience\":{\"estimate\":0.4}");
		assertThat(MentionJson.readMention(json).text()).isEqualTo("Driver on the 42 waited for me, thank you!");
	}

	@Test
	void enrichmentIsWrittenAndReadBack() {
		Mention enriched = replyWithEngagement().withEnrichment(Optional.of("en"),
				Optional.of(new SentimentScore(0.62, Sentiment.POSITIVE)), Optional.of("c-3f9a"), Optional.of(1250.5));
		String json = MentionJson.write(enriched);
		assertThat(json).contains("\"sentiment\":{\"score\":0.62,\"label\":\"positive\"}")
			.contains("\"clusterId\":\"c-3f9a\"")
			.contains("\"reach\":1250.5");
		Mention read = MentionJson.readMention(json);
		assertThat(read.sentiment()).contains(new SentimentScore(0.62, Sentiment.POSITIVE));
		assertThat(read.clusterId()).contains("c-3f9a");
		assertThat(read.reach()).contains(1250.5);
		assertThat(read.language()).contains("en");
	}

	@Test
	void aSentimentWithoutALabelIsRejected() {
		String json = MentionJson.write(replyWithEngagement())
			.replace("{\"schemaVersion\":3", "{\"schemaVersion\":3,\"sentiment\":{\"score\":0.4}");
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionJson.readMention(json))
			.withMessageContaining("a sentiment needs a label");
	}

	@Test
	void aMentionByAnOwnedAccountCarriesOwnedAndItsDepartment() {
		Mention own = replyWithEngagement().withOwner(true, Optional.of("customer-service"), Optional.empty());
		String json = MentionJson.write(own);
		assertThat(json).contains("\"owned\":true").contains("\"ownedBy\":\"customer-service\"");
		assertThat(MentionJson.readMention(json)).isEqualTo(own);
		assertThat(MentionJson.write(replyWithEngagement())).contains("\"owned\":false").doesNotContain("ownedBy");
	}

	@Test
	void aMentionWrittenBeforeSchemaVersionTwoReadsAsNotOwned() {
		String json = "{\"schemaVersion\":1,\"id\":\"x:1\",\"source\":\"x\",\"nativeId\":\"1\","
				+ "\"url\":\"https://x.com/a/status/1\",\"text\":\"hi\",\"author\":{\"handle\":\"a\"},"
				+ "\"publishedAt\":\"2026-11-20T09:15:00Z\",\"ingestedAt\":\"2026-11-20T09:16:00Z\"}";
		Mention read = MentionJson.readMention(json);
		assertThat(read.owned()).isFalse();
		assertThat(read.ownedBy()).isEmpty();
		assertThat(read.byCompetitor()).isEmpty();
	}

	@Test
	void aQuoteNamesItsOriginalAndTheKindOfTieAndAMentionWrittenBeforeThemPassesNothingOn() {
		Mention quote = Mention.builder("bluesky", "at://did:plc:q/app.bsky.feed.post/3q")
			.url(URI.create("https://bsky.app/profile/q.bsky.social/post/3q"))
			.text("This is why I take the ferry")
			.author(Author.of("q.bsky.social"))
			.publishedAt(Instant.parse("2026-11-20T09:15:00Z"))
			.repostOf("bluesky:at://did:plc:o/app.bsky.feed.post/3o", Repost.Kind.QUOTE)
			.build();
		String json = MentionJson.write(quote);
		assertThat(json).contains(
				"\"repostOf\":{\"originalId\":\"bluesky:at://did:plc:o/app.bsky.feed.post/3o\",\"kind\":\"quote\"}");
		assertThat(MentionJson.readMention(json)).isEqualTo(quote);
		assertThat(MentionJson.readMention(json.replace("\"quote\"", "\"CROSSPOST\"")).repostOf())
			.hasValue(new Repost("bluesky:at://did:plc:o/app.bsky.feed.post/3o", Repost.Kind.CROSSPOST));
		assertThat(MentionJson.write(replyWithEngagement())).doesNotContain("repostOf");
		String older = "{\"schemaVersion\":2,\"id\":\"x:1\",\"source\":\"x\",\"nativeId\":\"1\","
				+ "\"url\":\"https://x.com/a/status/1\",\"text\":\"hi\",\"author\":{\"handle\":\"a\"},"
				+ "\"publishedAt\":\"2026-11-20T09:15:00Z\"}";
		assertThat(MentionJson.readMention(older).repostOf()).isEmpty();
	}

	@Test
	void aTieToAnUnknownKindOrToNoMentionIdOrToItselfIsRejected() {
		String json = MentionJson.write(replyWithEngagement());
		String tied = json.substring(0, json.length() - 1) + ",\"repostOf\":{\"originalId\":\"x:9\",\"kind\":\"%s\"}}";
		assertThatExceptionOfType(InvalidMentionException.class)
			.isThrownBy(() -> MentionJson.readMention(tied.formatted("boost")))
			.withMessageContaining("repost, quote or crosspost");
		assertThatExceptionOfType(InvalidMentionException.class)
			.isThrownBy(() -> MentionJson.readMention(tied.replace("x:9", "9").formatted("quote")))
			.withMessageContaining("source:nativeId");
		assertThatExceptionOfType(InvalidMentionException.class)
			.isThrownBy(() -> MentionJson.readMention(tied.replace("x:9", "x:1790000000000000001").formatted("quote")))
			.withMessageContaining("repost of itself");
	}

	@Test
	void aReplyNamesTheMentionItAnswersOnItsOwnNetwork() {
		assertThat(replyWithEngagement().parentId()).contains("x:" + replyWithEngagement().inReplyTo().orElseThrow());
		assertThat(Mention.builder("reddit", "t1_b")
			.url(URI.create("https://www.reddit.com/r/a/comments/x/y/b/"))
			.text("ok")
			.author(Author.of("u"))
			.publishedAt(Instant.EPOCH)
			.inReplyTo("t3_x")
			.build()
			.parentId()).contains("reddit:t3_x");
	}

	@Test
	void anOwnedMentionCannotAlsoBeACompetitorsOrNameADepartmentWithoutBeingOwned() {
		assertThatExceptionOfType(InvalidMentionException.class)
			.isThrownBy(() -> replyWithEngagement().withOwner(true, Optional.empty(), Optional.of("metro")));
		assertThatExceptionOfType(InvalidMentionException.class)
			.isThrownBy(() -> replyWithEngagement().withOwner(false, Optional.of("care"), Optional.empty()));
	}

	@Test
	void malformedJsonIsRejectedWithAReason() {
		assertThatExceptionOfType(InvalidMentionException.class)
			.isThrownBy(() -> MentionJson.readMention("{\"schemaVersion\":1,\"source\":"))
			.withMessageContaining("not a valid Mention");
	}

	@Test
	void aMentionWithoutTextIsRejectedNamingTheField() {
		String json = MentionJson.write(replyWithEngagement()).replace("\"text\":", "\"body\":");
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionJson.readMention(json))
			.withMessageContaining("'text'");
	}

	@Test
	void onlyAnHttpOrHttpsLinkIsAMentionsUrlAndAnyOtherProfileLinkIsLeftOut() {
		for (String link : new String[] { "javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd",
				"ftp://example.org/a", "https:///no-host" }) {
			String json = MentionJson.write(replyWithEngagement())
				.replace("\"url\":\"https://x.com/rider_amy/status/1790000000000000001\"", "\"url\":\"" + link + "\"");
			assertThatExceptionOfType(InvalidMentionException.class).as(link)
				.isThrownBy(() -> MentionJson.readMention(json))
				.withMessageContaining("must be an http or https link");
		}
		Author author = new Author("amy", Optional.empty(), Optional.empty(),
				Optional.of(URI.create("javascript:alert(1)")));
		assertThat(author.profileUrl()).isEmpty();
		assertThat(MentionJson.readMention(MentionJson.write(replyWithEngagement())).url())
			.hasToString("https://x.com/rider_amy/status/1790000000000000001");
	}

	@Test
	void anIdThatDisagreesWithSourceAndNativeIdIsRejected() {
		String json = MentionJson.write(replyWithEngagement()).replace("\"id\":\"x:", "\"id\":\"reddit:");
		assertThatExceptionOfType(InvalidMentionException.class).isThrownBy(() -> MentionJson.readMention(json))
			.withMessageContaining("must be source:nativeId");
	}

	@Test
	void deadLettersKeepTheRawPayload() {
		DeadLetter letter = DeadLetter.now("x:recent-search", "truncated JSON", "{\"data\":[");
		assertThat(MentionJson.readDeadLetter(MentionJson.write(letter))).isEqualTo(letter);
	}

	@Test
	void deadLettersKeepBytesThatAreNotUtf8InBase64AndReadOlderLettersAsText() {
		byte[] latin1 = { '<', 'r', 's', 's', '>', 'C', 'a', 'f', (byte) 0xE9 };
		DeadLetter letter = DeadLetter.ofBytes("rss:news", "not well-formed", latin1, Instant.EPOCH);

		DeadLetter read = MentionJson.readDeadLetter(MentionJson.write(letter));

		assertThat(read.payloadEncoding()).isEqualTo("base64");
		assertThat(read.payloadBytes()).isEqualTo(latin1);
		assertThat(MentionJson
			.readDeadLetter(
					"{\"source\":\"x\",\"reason\":\"r\",\"payload\":\"{}\",\"occurredAt\":\"1970-01-01T00:00:00Z\"}")
			.payloadEncoding()).isEqualTo("text");
		assertThat(
				DeadLetter.ofBytes("rss:news", "r", "Café".getBytes(StandardCharsets.UTF_8), Instant.EPOCH).payload())
			.isEqualTo("Café");
	}

	@Test
	void taggingKeepsEverythingElse() {
		Mention mention = replyWithEngagement();
		Mention tagged = mention.withTags(List.of("staff-praise"), List.of("customer-service"));
		assertThat(tagged.topics()).containsExactly("staff-praise");
		assertThat(tagged.departments()).containsExactly("customer-service");
		assertThat(tagged.withTags(List.of(), List.of())).isEqualTo(mention);
	}

	private static Mention replyWithEngagement() {
		return Mention.builder("x", "1790000000000000001")
			.url(URI.create("https://x.com/rider_amy/status/1790000000000000001"))
			.text("Driver on the 42 waited for me, thank you!")
			.author(new Author("rider_amy", Optional.of("Amy"), Optional.of(1234L),
					Optional.of(URI.create("https://x.com/rider_amy"))))
			.publishedAt(Instant.parse("2026-11-20T09:15:00Z"))
			.ingestedAt(Instant.parse("2026-11-20T09:16:00Z"))
			.language("en")
			.engagement(new Engagement(12, 3, 1))
			.inReplyTo("1789999999999999999")
			.matchedBy("\"harbor city transit\" OR #hctransit")
			.build();
	}

}
