package io.grapevine.ingest.source.bluesky;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.OwnedAccounts;
import io.grapevine.ingest.source.Page;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class BlueskyJetstreamSourceTests {

	private static final String INSTANCE = "bluesky-jetstream:firehose";

	private static final Instant NOW = Instant.parse("2026-11-21T22:30:00Z");

	private static final String DID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz";

	private static final long T = 1_795_300_000_000_000L;

	private final FakeJetstream jetstream = FakeJetstream.start();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@AfterEach
	void stopJetstream() {
		this.jetstream.close();
	}

	@Test
	void asksForPostsAndRepostsAndStartsLiveWithoutAStoredCursor() {
		this.jetstream.emit(FakeJetstream.post(T, DID, "3lbqold", "an old delay"));
		this.jetstream.emit(FakeJetstream.post(T + 10, DID, "3lbqlive", "a live delay"));
		this.jetstream.liveFrom(T + 10);

		Page page = fetch(source(100, Duration.ZERO), start());

		assertThat(this.jetstream.connections()).singleElement()
			.satisfies((query) -> assertThat(query)
				.isEqualTo(Map.of("wantedCollections", List.of("app.bsky.feed.post", "app.bsky.feed.repost"))));
		assertThat(page.mentions()).extracting(Mention::text).containsExactly("a live delay");
		assertThat(page.next().position()).isEqualTo(Map.of("time_us", String.valueOf(T + 10), "read_at_time_us", "1"));
		assertThat(page.more()).isTrue();
	}

	@Test
	void aRepostOfAPostItPublishedPublishesThatPostAgainWithTheRepostInItsShares() {
		String post = "at://" + DID + "/app.bsky.feed.post/3lbqa";
		this.jetstream.emit(FakeJetstream.post(T + 1, DID, "3lbqa", "Bus 14 delayed again"));
		BlueskyJetstreamSource source = source(100, Duration.ZERO);
		Page first = fetch(source, at(T));
		this.jetstream.emit(FakeJetstream.repost(T + 2, "did:plc:z72i7hdynmk6r22z27h6tvur", "3lbqrp1", post));
		this.jetstream.emit(FakeJetstream.repost(T + 3, "did:plc:ragtjsm2j2vknwkz3zp4oxrd", "3lbqrp2",
				"at://" + DID + "/app.bsky.feed.post/3lbqnever"));

		Page second = fetch(source, first.next());

		assertThat(first.mentions()).singleElement()
			.satisfies((mention) -> assertThat(mention.engagement().shares()).isZero());
		assertThat(second.mentions()).singleElement().satisfies((mention) -> {
			assertThat(mention.id()).isEqualTo("bluesky:" + post);
			assertThat(mention.text()).isEqualTo("Bus 14 delayed again");
			assertThat(mention.author().handle()).isEqualTo(DID);
			assertThat(mention.engagement().shares()).isEqualTo(1);
		});
		assertThat(second.next().position()).containsEntry("time_us", String.valueOf(T + 3));
	}

	@Test
	void keepsThePostsThatMatchATopicAndMovesTheCursorPastEverythingRead() {
		this.jetstream.emit(FakeJetstream.post(T + 1, DID, "3lbqa", "Bus 14 delayed again"));
		this.jetstream.emit(FakeJetstream.identity(T + 2, DID));
		this.jetstream.emit(FakeJetstream.like(T + 3, DID));
		this.jetstream.emit(FakeJetstream.post(T + 4, DID, "3lbqb", "what a sunset"));
		this.jetstream.emit(FakeJetstream.account(T + 5, DID));
		this.jetstream.emit(FakeJetstream.delete(T + 6, DID, "3lbqa"));
		this.jetstream
			.emit(FakeJetstream.post(T + 7, "did:plc:z72i7hdynmk6r22z27h6tvur", "3lbqc", "Our driver was so kind"));
		this.jetstream.emit(FakeJetstream.post(T + 8, DID, "3lbqd", "weekend plans"));

		Page page = fetch(source(100, Duration.ZERO), at(T));

		assertThat(this.jetstream.connections().get(0)).containsEntry("cursor", List.of(String.valueOf(T)));
		assertThat(page.mentions()).extracting(Mention::nativeId)
			.containsExactly("at://" + DID + "/app.bsky.feed.post/3lbqa",
					"at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqc");
		assertThat(page.mentions().get(1).url())
			.hasToString("https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3lbqc");
		assertThat(page.deadLetters()).isEmpty();
		assertThat(page.problem()).isEmpty();
		assertThat(page.next().position()).containsEntry("time_us", String.valueOf(T + 8));
	}

	@Test
	void readsAtMostMaxEventsAndThenResumesFromTheLastTimeReadAfterARestart() {
		for (int i = 1; i <= 10; i++) {
			this.jetstream.emit(FakeJetstream.post(T + i, DID, "3lbq" + i, "delay number " + i));
		}
		this.jetstream.liveFrom(T + 1);

		Page first = fetch(source(4, Duration.ZERO), start());
		List<String> texts = new ArrayList<>();
		first.mentions().forEach((mention) -> texts.add(mention.text()));
		Cursor cursor = first.next();
		BlueskyJetstreamSource restarted = source(4, Duration.ZERO);
		Page last = first;
		for (int i = 0; i < 5 && last.more(); i++) {
			last = fetch(restarted, cursor);
			last.mentions().forEach((mention) -> texts.add(mention.text()));
			cursor = last.next();
		}

		assertThat(first.mentions()).extracting(Mention::text)
			.containsExactly("delay number 1", "delay number 2", "delay number 3", "delay number 4");
		assertThat(first.more()).isTrue();
		assertThat(first.next().position()).isEqualTo(Map.of("time_us", String.valueOf(T + 4), "read_at_time_us", "1"));
		assertThat(texts).as("every post once, though each read starts at the last event of the one before")
			.containsExactlyElementsOf(
					java.util.stream.IntStream.rangeClosed(1, 10).mapToObj((i) -> "delay number " + i).toList());
		assertThat(cursor.position()).containsEntry("time_us", String.valueOf(T + 10));
		assertThat(last.more()).as("the last read brought nothing past its cursor").isFalse();
		assertThat(this.jetstream.connections()).extracting((query) -> query.getOrDefault("cursor", List.of()))
			.containsExactly(List.of(), List.of(String.valueOf(T + 4)), List.of(String.valueOf(T + 8)),
					List.of(String.valueOf(T + 10)));
	}

	@Test
	void asksToStartTheRewindBeforeTheStoredTimeAndKeepsWhatItReadsAgain() {
		this.jetstream.emit(FakeJetstream.post(T - 1_000_000, DID, "3lbqa", "delay at the depot"));
		this.jetstream.emit(FakeJetstream.post(T, DID, "3lbqb", "delay at the bridge"));

		Page page = fetch(source(100, Duration.ofSeconds(2)), at(T));

		assertThat(this.jetstream.connections().get(0)).containsEntry("cursor", List.of(String.valueOf(T - 2_000_000)));
		assertThat(page.mentions()).extracting(Mention::text)
			.containsExactly("delay at the depot", "delay at the bridge");
	}

	@Test
	void passesOverTheEventsReadBeforeThatShareTheLastMicrosecond() {
		this.jetstream.emit(FakeJetstream.post(T, DID, "3lbqa", "delay a"));
		this.jetstream.emit(FakeJetstream.post(T, DID, "3lbqb", "delay b"));
		this.jetstream.emit(FakeJetstream.post(T, DID, "3lbqc", "delay c"));

		this.jetstream.liveFrom(T);

		Page first = fetch(source(2, Duration.ZERO), start());
		Page second = fetch(source(2, Duration.ZERO), first.next());

		assertThat(first.next().position()).containsEntry("read_at_time_us", "2");
		assertThat(second.mentions()).extracting(Mention::text).containsExactly("delay c");
		assertThat(second.next().position()).containsEntry("time_us", String.valueOf(T))
			.containsEntry("read_at_time_us", "3");
	}

	@Test
	void endsAReadOfAQuietLiveStreamAfterReadForAndWaitsWhenNothingCame() {
		this.jetstream.holdOpen();
		this.jetstream.emit(FakeJetstream.post(T + 1, DID, "3lbqa", "delay at the depot"));

		Page withEvents = fetch(source(100, Duration.ZERO), at(T));
		Page quiet = fetch(source(100, Duration.ZERO), withEvents.next());

		assertThat(withEvents.mentions()).hasSize(1);
		assertThat(withEvents.more()).isTrue();
		assertThat(quiet.mentions()).as("the event at the cursor was published with the page before").isEmpty();
		assertThat(quiet.more()).as("nothing came: wait for the poll interval").isFalse();
		assertThat(quiet.next().position()).isEqualTo(withEvents.next().position());
	}

	@Test
	void setsAsideFramesThatAreNotEventsAndStillMovesPastThem() {
		this.jetstream.emitRaw(T + 1, "{\"did\":\"did:plc:x\",\"time_us\":17953000000");
		this.jetstream.emitRaw(T + 2, "<html><body>502 Bad Gateway</body></html>");
		this.jetstream.emit(FakeJetstream.post(T + 3, DID, "3lbqa", "hiring drivers"));

		Page page = fetch(source(100, Duration.ZERO), at(T));

		assertThat(page.mentions()).hasSize(1);
		assertThat(page.deadLetters()).extracting((deadLetter) -> deadLetter.payload())
			.containsExactly("{\"did\":\"did:plc:x\",\"time_us\":17953000000",
					"<html><body>502 Bad Gateway</body></html>");
		assertThat(page.next().position()).containsEntry("time_us", String.valueOf(T + 3));
	}

	@Test
	void reportsAJetstreamItCannotReachNamingItAndKeepsTheCursor() {
		BlueskyJetstreamSource source = source(100, Duration.ZERO);
		this.jetstream.close();
		Cursor cursor = at(T);

		Page page = fetch(source, cursor);

		assertThat(page.next()).isEqualTo(cursor);
		assertThat(page.pauseUntil()).contains(NOW.plusSeconds(5));
		assertThat(page.problem()).hasValueSatisfying(
				(problem) -> assertThat(problem).contains("could not read the Jetstream at ws://127.0.0.1:")
					.contains("url setting"));
	}

	@Test
	void reportsAHandshakeTheJetstreamRefuses() {
		BlueskyJetstreamSource source = new BlueskyJetstreamSource(INSTANCE,
				new BlueskyJetstreamSettings(java.net.URI.create(this.jetstream.url() + "?cursor=soon"), 100,
						Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(10)),
				BlueskySourceFactoryTests.organization(), this.clock);

		Page page = fetch(source, start());

		assertThat(page.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("Jetstream"));
		assertThat(page.mentions()).isEmpty();
	}

	@Test
	void keepsTheOrganizationsReplyWithoutATopicsWordsOwnedByItsDidAndNamingThePostItAnswers() {
		// Jetstream's commit events (github.com/bluesky-social/jetstream, README): the
		// author by DID alone, the record as written, a reply naming its parent and the
		// thread's root by AT URI and CID.
		String complaint = "at://" + DID + "/app.bsky.feed.post/3lbqcomplaint";
		this.jetstream.emit(FakeJetstream.post(T + 1, DID, "3lbqcomplaint", "The 14 is late again, third day running"));
		ObjectNode reply = FakeJetstream.post(T + 2, OwnedAccounts.BLUESKY_DID, "3lbqreply",
				"Sorry about the wait: a bus broke down at Pier 4, the next one is in 5 minutes");
		ObjectNode thread = ((ObjectNode) reply.get("commit").get("record")).putObject("reply");
		thread.putObject("root").put("uri", complaint).put("cid", "bafyreigcomplaint");
		thread.putObject("parent").put("uri", complaint).put("cid", "bafyreigcomplaint");
		this.jetstream.emit(reply);
		ObjectNode stranger = FakeJetstream.post(T + 3, "did:plc:z72i7hdynmk6r22z27h6tvur", "3lbqstranger",
				"Same here, so annoying");
		((ObjectNode) stranger.get("commit").get("record")).set("reply", thread.deepCopy());
		this.jetstream.emit(stranger);
		BlueskyJetstreamSource source = new BlueskyJetstreamSource(INSTANCE,
				new BlueskyJetstreamSettings(this.jetstream.url(), 100, Duration.ofSeconds(1), Duration.ZERO,
						Duration.ofSeconds(5), Duration.ofSeconds(10)),
				OwnedAccounts.organization(), this.clock);

		Map<String, Mention> tagged = OwnedAccounts.tagged(fetch(source, at(T)).mentions());

		assertThat(tagged).containsOnlyKeys("bluesky:" + complaint,
				"bluesky:at://" + OwnedAccounts.BLUESKY_DID + "/app.bsky.feed.post/3lbqreply");
		Mention ownReply = tagged.get("bluesky:at://" + OwnedAccounts.BLUESKY_DID + "/app.bsky.feed.post/3lbqreply");
		assertThat(tagged.get("bluesky:" + complaint).owned()).isFalse();
		assertThat(ownReply.owned()).isTrue();
		assertThat(ownReply.author().handle()).isEqualTo(OwnedAccounts.BLUESKY_DID);
		assertThat(ownReply.parentId()).contains("bluesky:" + complaint);
	}

	private BlueskyJetstreamSource source(int maxEvents, Duration rewind) {
		return new BlueskyJetstreamSource(INSTANCE,
				new BlueskyJetstreamSettings(this.jetstream.url(), maxEvents, Duration.ofSeconds(1), rewind,
						Duration.ofSeconds(5), Duration.ofSeconds(10)),
				BlueskySourceFactoryTests.organization(), this.clock);
	}

	private static Cursor start() {
		return Cursor.start(INSTANCE, NOW);
	}

	private static Cursor at(long timeUs) {
		return start().moveTo(Map.of("time_us", String.valueOf(timeUs)), NOW);
	}

	private static Page fetch(BlueskyJetstreamSource source, Cursor cursor) {
		Page[] page = new Page[1];
		StepVerifier.create(source.fetch(cursor)).consumeNextWith((next) -> page[0] = next).verifyComplete();
		return page[0];
	}

}
