package io.grapevine.ingest.source.bluesky;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class JetstreamEventMapperTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

	private static final String DID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz";

	private static final long TIME_US = 1_795_300_000_123_456L;

	private final JetstreamEventMapper mapper = new JetstreamEventMapper("bluesky-jetstream:firehose",
			BlueskySourceFactoryTests.organization(), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void mapsACreatedPostThatMatchesATopicWithTheDidAsHandleAndInPermalink() {
		ObjectNode event = FakeJetstream.post(TIME_US, DID, "3lbqztxvmq22c", "The 14 is delayed at Harbor Station");
		ObjectNode record = (ObjectNode) event.get("commit").get("record");
		record.putArray("langs").add("pt-BR");
		record.putObject("reply")
			.set("parent",
					JSON.createObjectNode()
						.put("uri", "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqzs6yb4k2y")
						.put("cid", "bafy"));

		JetstreamEventMapper.Mapped mapped = this.mapper.map(List.of(event.toString()), Optional.empty());

		Mention mention = mapped.mentions().get(0);
		assertThat(mention.id()).isEqualTo("bluesky:at://" + DID + "/app.bsky.feed.post/3lbqztxvmq22c");
		assertThat(mention.url()).isEqualTo(URI.create("https://bsky.app/profile/" + DID + "/post/3lbqztxvmq22c"));
		assertThat(mention.author().handle()).isEqualTo(DID);
		assertThat(mention.author().profileUrl()).contains(URI.create("https://bsky.app/profile/" + DID));
		assertThat(mention.text()).isEqualTo("The 14 is delayed at Harbor Station");
		assertThat(mention.language()).contains("pt");
		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-21T22:26:39.723456Z"));
		assertThat(mention.inReplyTo())
			.contains("at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqzs6yb4k2y");
		assertThat(mention.engagement()).isEqualTo(Engagement.NONE);
		assertThat(mention.matchedBy()).contains("jetstream");
		assertThat(mapped.lastTimeUs()).contains(TIME_US);
	}

	@Test
	void tiesAQuotePostToThePostItsRecordEmbedsAndAnEmbeddedFeedToNothing() {
		// Embeds as the app.bsky.embed.record and recordWithMedia lexicons define them:
		// a strong reference (uri and cid) to the quoted record.
		String quoted = "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqzs6yb4k2y";
		ObjectNode quote = FakeJetstream.post(TIME_US, DID, "3lbqzquote1", "This is why the 14 is delayed every day");
		((ObjectNode) quote.get("commit").get("record")).putObject("embed")
			.put("$type", "app.bsky.embed.record")
			.putObject("record")
			.put("uri", quoted)
			.put("cid", "bafyq");
		ObjectNode withMedia = FakeJetstream.post(TIME_US + 1, DID, "3lbqzquote2",
				"The 14 delayed at Harbor Station right now");
		ObjectNode media = ((ObjectNode) withMedia.get("commit").get("record")).putObject("embed")
			.put("$type", "app.bsky.embed.recordWithMedia");
		media.putObject("record").putObject("record").put("uri", quoted).put("cid", "bafyq");
		media.putObject("media").put("$type", "app.bsky.embed.images").putArray("images");
		ObjectNode feed = FakeJetstream.post(TIME_US + 2, DID, "3lbqzfeed01", "A feed of every delayed 14");
		((ObjectNode) feed.get("commit").get("record")).putObject("embed")
			.put("$type", "app.bsky.embed.record")
			.putObject("record")
			.put("uri", "at://" + DID + "/app.bsky.feed.generator/the14")
			.put("cid", "bafyf");

		List<Mention> mentions = this.mapper
			.map(List.of(quote.toString(), withMedia.toString(), feed.toString()), Optional.empty())
			.mentions();

		assertThat(mentions).extracting(Mention::repostOf)
			.containsExactly(Optional.of(new Repost("bluesky:" + quoted, Repost.Kind.QUOTE)),
					Optional.of(new Repost("bluesky:" + quoted, Repost.Kind.QUOTE)), Optional.empty());
	}

	@Test
	void publishesAPostAtItsCreatedAtUnlessItClaimsATimeAfterTheRelaySawIt() {
		ObjectNode backdated = FakeJetstream.post(TIME_US, DID, "3lbqztxvmq22c", "The 14 is delayed at Harbor Station");
		((ObjectNode) backdated.get("commit").get("record")).put("createdAt", "2024-02-06T10:00:00.000Z");
		ObjectNode future = FakeJetstream.post(TIME_US + 1, DID, "3lbqztxvmq22d", "The 14 is delayed again");
		((ObjectNode) future.get("commit").get("record")).put("createdAt", "2031-01-01T00:00:00.000Z");

		List<Mention> mentions = this.mapper.map(List.of(backdated.toString(), future.toString()), Optional.empty())
			.mentions();

		assertThat(mentions).extracting(Mention::publishedAt)
			.containsExactly(Instant.parse("2024-02-06T10:00:00Z"), Instant.parse("2026-11-21T22:26:40.123457Z"));
	}

	@Test
	void keepsAPostThatNamesACompetitorButNoTopicTaggingIsLeftToThePipeline() {
		Organization organization = OrganizationFile.read(new ByteArrayInputStream("""
				name: Test Transit
				departments:
				  - id: operations
				    name: Operations
				    topics: [{id: delays, name: Delays, keywords: [delayed]}]
				competitors:
				  - {id: metro-link, name: Metro Link, keywords: [metro link]}
				""".getBytes(StandardCharsets.UTF_8)), "test");
		JetstreamEventMapper mapper = new JetstreamEventMapper("bluesky-jetstream:firehose", organization,
				Clock.fixed(NOW, ZoneOffset.UTC));
		List<String> events = List.of(
				FakeJetstream.post(TIME_US, DID, "3lbqm", "Metro Link was quick today").toString(),
				FakeJetstream.post(TIME_US + 1, DID, "3lbqn", "lovely sunset tonight").toString());

		JetstreamEventMapper.Mapped mapped = mapper.map(events, Optional.empty());

		assertThat(mapped.mentions()).extracting(Mention::text).containsExactly("Metro Link was quick today");
		assertThat(mapped.skippedCount()).isEqualTo(1);
	}

	@Test
	void aRepostOfAPublishedPostIsPublishedAsThatPostWithOneMoreShareForEachReposter() {
		String post = "at://" + DID + "/app.bsky.feed.post/3lbqztxvmq22c";
		JetstreamEventMapper.Mapped published = this.mapper.map(List
			.of(FakeJetstream.post(TIME_US, DID, "3lbqztxvmq22c", "The 14 is delayed at Harbor Station").toString()),
				Optional.empty());

		JetstreamEventMapper.Mapped reposted = this.mapper.map(List.of(
				FakeJetstream.repost(TIME_US + 1, "did:plc:z72i7hdynmk6r22z27h6tvur", "3lbqrp1", post).toString(),
				FakeJetstream.repost(TIME_US + 2, "did:plc:ragtjsm2j2vknwkz3zp4oxrd", "3lbqrp2", post).toString()),
				Optional.empty());

		Mention original = published.mentions().get(0);
		assertThat(reposted.mentions()).singleElement().satisfies((mention) -> {
			assertThat(mention.id()).isEqualTo(original.id());
			assertThat(mention.text()).isEqualTo(original.text());
			assertThat(mention.publishedAt()).isEqualTo(original.publishedAt());
			assertThat(mention.repostOf()).isEmpty();
			assertThat(mention.engagement().shares()).isEqualTo(2);
		});
		assertThat(reposted.skippedCount()).isZero();
		assertThat(reposted.lastTimeUs()).contains(TIME_US + 2);
	}

	@Test
	void aRepostIsCountedOnceWhenTheStreamIsReadAgainAndThePostReadAgainKeepsItsShares() {
		String post = "at://" + DID + "/app.bsky.feed.post/3lbqa";
		String postEvent = FakeJetstream.post(TIME_US, DID, "3lbqa", "delay a").toString();
		String repostEvent = FakeJetstream.repost(TIME_US + 1, "did:plc:z72i7hdynmk6r22z27h6tvur", "3lbqrp1", post)
			.toString();

		JetstreamEventMapper.Mapped first = this.mapper.map(List.of(postEvent, repostEvent), Optional.empty());
		JetstreamEventMapper.Mapped rewound = this.mapper.map(List.of(postEvent, repostEvent), Optional.empty());

		// The post and its repost in one read: one copy, the repost counted.
		assertThat(first.mentions()).singleElement()
			.satisfies((mention) -> assertThat(mention.engagement().shares()).isEqualTo(1));
		assertThat(rewound.mentions()).singleElement()
			.satisfies((mention) -> assertThat(mention.engagement().shares()).isEqualTo(1));
	}

	@Test
	void aRepostOfAPostNeverPublishedHereOrOfSomethingThatIsNoPostIsSkipped() {
		List<String> events = List.of(
				FakeJetstream
					.repost(TIME_US, DID, "3lbqrp1", "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqx")
					.toString(),
				FakeJetstream
					.repost(TIME_US + 1, DID, "3lbqrp2",
							"at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.generator/transit")
					.toString(),
				FakeJetstream.repost(TIME_US + 2, DID, "3lbq/../rp", "at://" + DID + "/app.bsky.feed.post/3lbqa")
					.toString());

		JetstreamEventMapper.Mapped mapped = this.mapper.map(events, Optional.empty());

		assertThat(mapped.mentions()).isEmpty();
		assertThat(mapped.deadLetters()).isEmpty();
		assertThat(mapped.skippedCount()).isEqualTo(3);
		assertThat(mapped.lastTimeUs()).contains(TIME_US + 2);
	}

	@Test
	void skipsPostsOfNoTopicOtherKindsCollectionsDeletesAndPostsWithoutTextButReadsTheirTimes() {
		ObjectNode imageOnly = FakeJetstream.post(TIME_US + 5, DID, "3lbqimage", "x");
		((ObjectNode) imageOnly.get("commit").get("record")).put("text", "");
		List<String> events = List.of(FakeJetstream.post(TIME_US, DID, "3lbqa", "lovely sunset tonight").toString(),
				FakeJetstream.identity(TIME_US + 1, DID).toString(), FakeJetstream.account(TIME_US + 2, DID).toString(),
				FakeJetstream.like(TIME_US + 3, DID).toString(),
				FakeJetstream.delete(TIME_US + 4, DID, "3lbqa").toString(), imageOnly.toString());

		JetstreamEventMapper.Mapped mapped = this.mapper.map(events, Optional.empty());

		assertThat(mapped.mentions()).isEmpty();
		assertThat(mapped.deadLetters()).isEmpty();
		assertThat(mapped.skippedCount()).isEqualTo(6);
		assertThat(mapped.eventCount()).isEqualTo(6);
		assertThat(mapped.lastTimeUs()).contains(TIME_US + 5);
	}

	@Test
	void setsAsideFramesThatAreNotJsonAndMatchingPostsThatCannotBeMappedButNotOthers() {
		ObjectNode badRkey = FakeJetstream.post(TIME_US + 1, DID, "3lbq/../x", "driver was great");
		ObjectNode badRkeyOffTopic = FakeJetstream.post(TIME_US + 2, DID, "3lbq/../y", "nice weather");
		String truncated = FakeJetstream.post(TIME_US + 3, DID, "3lbqc", "delay").toString().substring(0, 60);

		JetstreamEventMapper.Mapped mapped = this.mapper.map(
				List.of(badRkey.toString(), badRkeyOffTopic.toString(), truncated, "<html>502</html>"),
				Optional.empty());

		assertThat(mapped.mentions()).isEmpty();
		assertThat(mapped.deadLetters()).hasSize(3);
		assertThat(mapped.deadLetters().get(0).reason()).contains("without a valid 'rkey'");
		assertThat(mapped.deadLetters().get(0).payload()).isEqualTo(badRkey.toString());
		assertThat(mapped.deadLetters().get(1).reason()).contains("not JSON");
		assertThat(mapped.deadLetters().get(1).payload()).isEqualTo(truncated);
		assertThat(mapped.deadLetters().get(2).payload()).isEqualTo("<html>502</html>");
		assertThat(mapped.deadLetters())
			.allSatisfy((deadLetter) -> assertThat(deadLetter.source()).isEqualTo("bluesky-jetstream:firehose"));
		assertThat(mapped.lastTimeUs()).contains(TIME_US + 2);
	}

	@Test
	void passesOverTheEventsAPreviousReadEndedWithIncludingThoseSharingItsMicrosecond() {
		List<String> events = List.of(FakeJetstream.post(TIME_US, DID, "3lbqa", "delay a").toString(),
				FakeJetstream.post(TIME_US, DID, "3lbqb", "delay b").toString(),
				FakeJetstream.post(TIME_US, DID, "3lbqc", "delay c").toString(),
				FakeJetstream.post(TIME_US + 1, DID, "3lbqd", "delay d").toString());

		JetstreamEventMapper.Mapped mapped = this.mapper.map(events,
				Optional.of(new JetstreamEventMapper.Resume(TIME_US, 2)));
		JetstreamEventMapper.Mapped nothingNew = this.mapper.map(events.subList(0, 2),
				Optional.of(new JetstreamEventMapper.Resume(TIME_US, 2)));

		assertThat(mapped.mentions()).extracting(Mention::text).containsExactly("delay c", "delay d");
		assertThat(mapped.alreadyReadCount()).isEqualTo(2);
		assertThat(mapped.lastTimeUs()).contains(TIME_US + 1);
		assertThat(mapped.readAtLastTime()).isEqualTo(1);
		assertThat(mapped.moved()).isTrue();
		assertThat(nothingNew.mentions()).isEmpty();
		assertThat(nothingNew.moved()).isFalse();
		assertThat(nothingNew.readAtLastTime()).isEqualTo(2);
	}

	@Test
	void neverThrowsAndAccountsForEveryEventWhateverItLooksLike() {
		Random random = new Random(20261121L);
		String[] texts = { "delay on the 14", "the driver smiled", "nothing to see", "hiring now", "" };
		int mapped = 0;
		for (int run = 0; run < 3000; run++) {
			List<String> events = new ArrayList<>();
			for (int i = 0; i < 1 + random.nextInt(6); i++) {
				ObjectNode event = FakeJetstream.post(TIME_US + i, DID, "3lbq" + i,
						texts[random.nextInt(texts.length)]);
				events.add(mutate(event, random));
			}
			JetstreamEventMapper.Mapped[] result = new JetstreamEventMapper.Mapped[1];
			assertThatCode(() -> result[0] = this.mapper.map(events, Optional.empty())).as("run %d: %s", run, events)
				.doesNotThrowAnyException();
			assertThat(result[0].mentions().size() + result[0].deadLetters().size() + result[0].skippedCount())
				.as("run %d: %s", run, events)
				.isEqualTo(events.size());
			result[0].mentions().forEach((mention) -> {
				assertThat(mention.id()).startsWith("bluesky:at://did:");
				assertThat(mention.text()).isNotBlank();
			});
			mapped += result[0].mentions().size();
		}
		assertThat(mapped).as("the mutations should leave many posts mappable").isGreaterThan(500);
	}

	private static String mutate(ObjectNode event, Random random) {
		String raw = event.toString();
		switch (random.nextInt(8)) {
			case 0 -> {
				return raw.substring(0, random.nextInt(raw.length() + 1));
			}
			case 1 -> {
				char[] chars = raw.toCharArray();
				String alphabet = "{}[]\":,0123456789-.enulltruefalse/@ \\";
				for (int i = 0, flips = 1 + random.nextInt(4); i < flips; i++) {
					chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
				}
				return new String(chars);
			}
			default -> {
				JsonNode[] values = { null, JSON.nullNode(), JSON.getNodeFactory().textNode(""),
						JSON.getNodeFactory().textNode("delay"), JSON.getNodeFactory().numberNode(-1L),
						JSON.getNodeFactory().numberNode(Long.MAX_VALUE), JSON.getNodeFactory().numberNode(1.5),
						JSON.createArrayNode().add("x"), JSON.createObjectNode().put("x", 1),
						JSON.getNodeFactory().textNode("did:plc:abc"), JSON.getNodeFactory().textNode("2026-11-21"),
						JSON.getNodeFactory().textNode("update"), JSON.getNodeFactory().booleanNode(true) };
				String[] eventFields = { "did", "time_us", "kind", "commit" };
				String[] commitFields = { "operation", "collection", "rkey", "record", "cid" };
				String[] recordFields = { "text", "createdAt", "langs", "reply" };
				for (int i = 0, mutations = 1 + random.nextInt(3); i < mutations; i++) {
					JsonNode value = values[random.nextInt(values.length)];
					int where = random.nextInt(3);
					ObjectNode target = (where == 0) ? event
							: (event.get("commit") instanceof ObjectNode commit)
									? ((where == 1) ? commit
											: (commit.get("record") instanceof ObjectNode record) ? record : commit)
									: event;
					String[] fields = (target == event) ? eventFields
							: (target.has("$type") ? recordFields : commitFields);
					String field = fields[random.nextInt(fields.length)];
					if (value == null) {
						target.remove(field);
					}
					else {
						target.set(field, value.deepCopy());
					}
				}
				return event.toString();
			}
		}
	}

}
