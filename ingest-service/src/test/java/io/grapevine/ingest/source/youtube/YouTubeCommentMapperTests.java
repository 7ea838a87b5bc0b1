package io.grapevine.ingest.source.youtube;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class YouTubeCommentMapperTests {

	private static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

	private static final String MATCHED_BY = "video:dQw4w9WgXcQ";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final YouTubeCommentMapper mapper = new YouTubeCommentMapper("youtube:comments",
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void mapsTheTopLevelCommentAndItsIncludedReplies() {
		YouTubeCommentMapper.Mapped.Threads threads = threads(this.mapper.map(fixture(), MATCHED_BY, Optional.empty()));

		assertThat(threads.mentions()).extracting(Mention::id)
			.containsExactly("youtube:UgxNewestThread4AaABAg", "youtube:UgxNewestThread4AaABAg.9zXyReply1",
					"youtube:UgzOldThread2AaABAg");
		Mention top = threads.mentions().get(0);
		assertThat(top.source()).isEqualTo("youtube");
		assertThat(top.text()).isEqualTo("The 42 was late & full again");
		assertThat(top.url())
			.isEqualTo(URI.create("https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgxNewestThread4AaABAg"));
		assertThat(top.author().handle()).isEqualTo("someone");
		assertThat(top.author().profileUrl()).as("the channel's permanent URL, not the handle's of authorChannelUrl")
			.contains(URI.create("https://www.youtube.com/channel/UCsomeone000000000000000"));
		assertThat(top.author().followers()).isEmpty();
		assertThat(top.publishedAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
		assertThat(top.engagement().likes()).isEqualTo(3);
		assertThat(top.engagement().replies()).isEqualTo(2);
		assertThat(top.inReplyTo()).isEmpty();
		assertThat(top.matchedBy()).contains(MATCHED_BY);
		assertThat(threads.newest())
			.contains(new YouTubeCommentMapper.Seen("UgxNewestThread4AaABAg", Instant.parse("2026-11-20T09:15:00Z")));
		assertThat(threads.nextPageToken()).contains("QURTSl9pMlR5RmZ2dFJ0Zm5FOUVJb3dqQ3FfTQ");
		assertThat(threads.threadCount()).isEqualTo(3);
	}

	@Test
	void readsTheDisplayTextAsPlainTextWhenTheOriginalIsMissing() {
		Mention reply = threads(this.mapper.map(fixture(), MATCHED_BY, Optional.empty())).mentions().get(1);

		assertThat(reply.text()).isEqualTo("Same on Tuesday");
		assertThat(reply.inReplyTo()).contains("UgxNewestThread4AaABAg");
		assertThat(reply.author().handle()).isEqualTo("HarborCityTransit");
		assertThat(reply.engagement().replies()).isZero();
	}

	@Test
	void keepsAnAuthorWithoutAtSignOrChannelUrl() {
		Mention old = threads(this.mapper.map(fixture(), MATCHED_BY, Optional.empty())).mentions().get(2);

		assertThat(old.author().handle()).isEqualTo("plainname");
		assertThat(old.author().profileUrl()).isEmpty();
	}

	@Test
	void aReplyWithoutParentIdAnswersTheTopLevelCommentItsIdStartsWith() throws Exception {
		ObjectNode root = (ObjectNode) JSON.readTree(fixture());
		((ObjectNode) root.at("/items/0/replies/comments/0/snippet")).remove("parentId");

		Mention reply = threads(this.mapper.map(root.toString(), MATCHED_BY, Optional.empty())).mentions().get(1);

		assertThat(reply.inReplyTo()).contains("UgxNewestThread4AaABAg");
	}

	@Test
	void anAuthorWhoseNameIsNoHandleIsKnownByTheHandleOfTheChannelUrlOrByTheChannelId() throws Exception {
		ObjectNode root = (ObjectNode) JSON.readTree(fixture());
		ObjectNode named = (ObjectNode) root.at("/items/0/snippet/topLevelComment/snippet");
		named.put("authorDisplayName", "Some One");
		ObjectNode idOnly = (ObjectNode) root.at("/items/0/replies/comments/0/snippet");
		idOnly.put("authorDisplayName", "Harbor City Transit");
		idOnly.remove("authorChannelUrl");
		ObjectNode urlOnly = (ObjectNode) root.at("/items/2/snippet/topLevelComment/snippet");
		urlOnly.put("authorChannelUrl", "http://www.youtube.com/@plainname");

		List<Mention> mentions = threads(this.mapper.map(root.toString(), MATCHED_BY, Optional.empty())).mentions();

		assertThat(mentions.get(0).author().handle()).isEqualTo("someone");
		assertThat(mentions.get(0).author().displayName()).contains("Some One");
		assertThat(mentions.get(1).author().handle()).isEqualTo("UCharborCityTransit00000");
		assertThat(mentions.get(1).author().displayName()).contains("Harbor City Transit");
		assertThat(mentions.get(1).author().profileUrl())
			.contains(URI.create("https://www.youtube.com/channel/UCharborCityTransit00000"));
		assertThat(mentions.get(2).author().profileUrl()).contains(URI.create("http://www.youtube.com/@plainname"));
	}

	@Test
	void setsACommentItCannotMapAsideWithItsJson() {
		YouTubeCommentMapper.Mapped.Threads threads = threads(this.mapper.map(fixture(), MATCHED_BY, Optional.empty()));

		assertThat(threads.deadLetters()).singleElement().satisfies((deadLetter) -> {
			assertThat(deadLetter.source()).isEqualTo("youtube:comments");
			assertThat(deadLetter.reason()).contains("UgyBrokenThread3AaABAg", "authorDisplayName");
			assertThat(deadLetter.payload()).contains("no author and no time");
			assertThat(deadLetter.occurredAt()).isEqualTo(NOW);
		});
	}

	@Test
	void stopsAtTheFirstThreadAlreadySeen() {
		YouTubeCommentMapper.Mapped.Threads threads = threads(this.mapper.map(fixture(), MATCHED_BY, Optional
			.of(new YouTubeCommentMapper.Seen("UgyBrokenThread3AaABAg", Instant.parse("2026-11-19T09:00:00Z")))));

		assertThat(threads.reachedSeen()).isTrue();
		assertThat(threads.threadCount()).isEqualTo(2);
		assertThat(threads.mentions()).hasSize(2);
	}

	@Test
	void stopsAtAThreadOlderThanTheOneSeenWhenThatOneWasDeleted() {
		YouTubeCommentMapper.Mapped.Threads threads = threads(this.mapper.map(fixture(), MATCHED_BY,
				Optional.of(new YouTubeCommentMapper.Seen("UgxDeletedAaABAg", Instant.parse("2026-11-20T00:00:00Z")))));

		assertThat(threads.reachedSeen()).isTrue();
		assertThat(threads.mentions()).extracting(Mention::nativeId)
			.containsExactly("UgxNewestThread4AaABAg", "UgxNewestThread4AaABAg.9zXyReply1");
	}

	@Test
	void answersMalformedForBodiesThatAreNotCommentThreads() {
		assertThat(this.mapper.map("<html><body>Error 500</body></html>", MATCHED_BY, Optional.empty()))
			.isInstanceOf(YouTubeCommentMapper.Malformed.class)
			.satisfies((mapped) -> assertThat(((YouTubeCommentMapper.Malformed) mapped).reason()).contains("not JSON"));
		assertThat(this.mapper.map("[1,2]", MATCHED_BY, Optional.empty()))
			.isInstanceOf(YouTubeCommentMapper.Malformed.class);
		assertThat(this.mapper.map(FakeYouTube.quotaExceeded(), MATCHED_BY, Optional.empty()))
			.isInstanceOf(YouTubeCommentMapper.Malformed.class);
		assertThat(this.mapper.map(null, MATCHED_BY, Optional.empty()))
			.isInstanceOf(YouTubeCommentMapper.Malformed.class);
	}

	@Test
	void neverThrowsAndTurnsEveryCommentIntoAMentionOrADeadLetterWhateverTheBody() throws IOException {
		Random random = new Random(20261121L);
		JsonNode original = JSON.readTree(fixture());
		int mutations = 3000;
		for (int round = 0; round < mutations; round++) {
			JsonNode mutated = original.deepCopy();
			int changes = 1 + random.nextInt(4);
			for (int change = 0; change < changes; change++) {
				mutate(mutated, random);
			}
			String body = mutated.toString();
			YouTubeCommentMapper.Mapped mapped = this.mapper.map(body, MATCHED_BY, Optional.empty());
			assertThat(mapped).as(body).isNotNull();
			if (mapped instanceof YouTubeCommentMapper.Mapped.Threads threads) {
				assertThat(threads.mentions().size() + threads.deadLetters().size()).as(body)
					.isEqualTo(expectedComments(mutated));
			}
			String cut = body.substring(0, random.nextInt(body.length() + 1));
			assertThat(this.mapper.map(cut, MATCHED_BY, Optional.empty())).as(cut).isNotNull();
		}
	}

	private static int expectedComments(JsonNode root) {
		int count = 0;
		for (JsonNode thread : root.get("items")) {
			if (!thread.isObject() || !thread.path("snippet").path("topLevelComment").isObject()) {
				count++;
				continue;
			}
			count++;
			JsonNode replies = thread.path("replies").path("comments");
			count += replies.isArray() ? replies.size() : 0;
		}
		return count;
	}

	private static void mutate(JsonNode root, Random random) {
		List<JsonNode> containers = new ArrayList<>();
		collect(root, containers);
		JsonNode container = containers.get(random.nextInt(containers.size()));
		if (container instanceof ObjectNode object && object.size() > 0) {
			List<String> names = new ArrayList<>();
			object.fieldNames().forEachRemaining(names::add);
			String name = names.get(random.nextInt(names.size()));
			if (random.nextInt(3) == 0) {
				object.remove(name);
			}
			else {
				object.set(name, randomValue(random));
			}
		}
		else if (container instanceof ArrayNode array && array.size() > 0) {
			int index = random.nextInt(array.size());
			if (random.nextInt(3) == 0) {
				array.remove(index);
			}
			else {
				array.set(index, randomValue(random));
			}
		}
	}

	private static void collect(JsonNode node, List<JsonNode> containers) {
		if (node.isContainerNode()) {
			containers.add(node);
			for (Iterator<JsonNode> children = node.elements(); children.hasNext();) {
				collect(children.next(), containers);
			}
		}
	}

	private static JsonNode randomValue(Random random) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		return switch (random.nextInt(12)) {
			case 0 -> nodes.nullNode();
			case 1 -> nodes.numberNode(random.nextLong());
			case 2 -> nodes.numberNode(-1);
			case 3 -> nodes.numberNode(random.nextDouble() * 1e20);
			case 4 -> nodes.textNode("");
			case 5 -> nodes.textNode("@");
			case 6 -> nodes.textNode("not a date or url \u0000 <b>&amp;</b> \uD83D\uDE00");
			case 7 -> nodes.textNode("1970-01-01T00:00:00Z");
			case 8 -> nodes.textNode("http://[::1");
			case 9 -> nodes.booleanNode(random.nextBoolean());
			case 10 -> nodes.arrayNode().add(1).add("x");
			default -> nodes.objectNode().put("value", "x y");
		};
	}

	private static YouTubeCommentMapper.Mapped.Threads threads(YouTubeCommentMapper.Mapped mapped) {
		assertThat(mapped).isInstanceOf(YouTubeCommentMapper.Mapped.Threads.class);
		return (YouTubeCommentMapper.Mapped.Threads) mapped;
	}

	private static String fixture() {
		try (InputStream in = YouTubeCommentMapperTests.class.getResourceAsStream("/youtube/comment-threads.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
