package io.grapevine.ingest.source.xv1;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import org.junit.jupiter.api.Test;
import twitter4j.TwitterException;
import twitter4j.TwitterObjectFactory;
import twitter4j.v1.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class XV1StatusMapperTests {

	private static final String INSTANCE = "x-v1:comms";

	private static final Instant NOW = Instant.parse("2026-11-21T22:00:00Z");

	private final XV1StatusMapper mapper = new XV1StatusMapper(INSTANCE, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void readsCreatedAtAsUtcWhateverTheZoneOfTheMachine() throws TwitterException {
		ObjectNode json = FakeXV1Api.status(1001, "rider_amy");
		json.put("created_at", "Sat Nov 21 23:59:30 +0000 2026");

		Mention mention = this.mapper.map(List.of(status(json)), "search:trams", (status) -> json.toString())
			.mentions()
			.get(0);

		assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-21T23:59:30Z"));
		assertThat(mention.ingestedAt()).isEqualTo(NOW);
	}

	@Test
	void readsCreatedAtWithItsOffsetWhenTwitter4jReadsInAnotherZone() throws TwitterException {
		ObjectNode json = FakeXV1Api.status(1001, "rider_amy");
		json.put("created_at", "Sat Nov 21 23:59:30 +0000 2026");
		ObjectNode offset = FakeXV1Api.status(1006, "rider_amy");
		offset.put("created_at", "Sat Nov 21 18:59:30 -0500 2026");
		TimeZone zone = TimeZone.getDefault();
		List<Mention> mentions;
		try {
			TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
			mentions = this.mapper
				.map(List.of(status(json), status(offset)), "search:trams",
						(status) -> ((status.getId() == 1001) ? json : offset).toString())
				.mentions();
		}
		finally {
			TimeZone.setDefault(zone);
		}

		assertThat(mentions).extracting(Mention::publishedAt)
			.containsExactly(Instant.parse("2026-11-21T23:59:30Z"), Instant.parse("2026-11-21T23:59:30Z"));
	}

	@Test
	void expandsMediaLinksAndLeavesUnknownLanguagesOut() throws TwitterException {
		ObjectNode json = FakeXV1Api.status(1002, "rider_amy");
		json.put("full_text", "Look at the queue https://t.co/Media1");
		json.put("lang", "und");
		ObjectNode media = json.putObject("extended_entities").putArray("media").addObject();
		json.with("entities").putArray("urls");
		ObjectNode entityMedia = json.with("entities").putArray("media").addObject();
		for (ObjectNode node : List.of(media, entityMedia)) {
			node.put("id", 77);
			node.put("id_str", "77");
			node.put("url", "https://t.co/Media1");
			node.put("expanded_url", "https://x.com/rider_amy/status/1002/photo/1");
			node.put("display_url", "pic.x.com/Media1");
			node.put("media_url", "http://pbs.twimg.com/media/queue.jpg");
			node.put("media_url_https", "https://pbs.twimg.com/media/queue.jpg");
			node.put("type", "photo");
			node.putArray("indices").add(18).add(37);
			node.putObject("sizes");
		}

		Mention mention = this.mapper.map(List.of(status(json)), "search:trams", (status) -> json.toString())
			.mentions()
			.get(0);

		assertThat(mention.text()).isEqualTo("Look at the queue https://x.com/rider_amy/status/1002/photo/1");
		assertThat(mention.language()).isEmpty();
	}

	@Test
	void setsAsideStatusesWithoutTextOrTimeWithTheirJsonAndKeepsTheRest() throws TwitterException {
		ObjectNode textless = FakeXV1Api.status(1003, "rider_amy");
		textless.remove("full_text");
		ObjectNode timeless = FakeXV1Api.status(1004, "rider_amy");
		timeless.remove("created_at");
		ObjectNode good = FakeXV1Api.status(1005, "rider_amy");
		List<ObjectNode> jsons = List.of(textless, timeless, good);
		List<Status> statuses = new ArrayList<>();
		for (ObjectNode json : jsons) {
			statuses.add(status(json));
		}

		XV1StatusMapper.Mapped mapped = this.mapper.map(statuses, "timeline:rider_amy",
				(status) -> jsons.get(statuses.indexOf(status)).toString());

		assertThat(mapped.mentions()).extracting(Mention::id).containsExactly("x:1005");
		assertThat(mapped.deadLetters()).extracting(DeadLetter::reason)
			.containsExactly("status 1003 has no 'full_text' nor 'text'", "status 1004 has no 'created_at'");
		assertThat(mapped.deadLetters().get(1).payload()).contains("\"id\":1004");
	}

	@Test
	void neverThrowsOnStatusesWithMissingOrMistypedFields() {
		Random random = new Random(20261121);
		int mapped = 0;
		int setAside = 0;
		for (int run = 0; run < 600; run++) {
			ObjectNode json = FakeXV1Api.status(1_000 + run, "rider_amy");
			if (run % 3 == 0) {
				ObjectNode retweeted = FakeXV1Api.status(500 + run, "hctransit");
				mutate(retweeted, random);
				json.set("retweeted_status", retweeted);
			}
			mutate(json, random);
			Status status;
			try {
				status = TwitterObjectFactory.createStatus(json.toString());
			}
			catch (TwitterException | RuntimeException unreadable) {
				// Twitter4J refuses it before any mapping; the source sets such answers
				// aside.
				continue;
			}
			List<Status> statuses = new ArrayList<>();
			statuses.add(status);
			if (random.nextInt(10) == 0) {
				statuses.add(null);
			}
			XV1StatusMapper.Mapped[] result = new XV1StatusMapper.Mapped[1];
			assertThatCode(() -> result[0] = this.mapper.map(statuses, "search:trams", (any) -> json.toString()))
				.as("run %d: %s", run, json)
				.doesNotThrowAnyException();
			mapped += result[0].mentions().size();
			setAside += result[0].deadLetters().size();
		}
		assertThat(mapped).isPositive();
		assertThat(setAside).isPositive();
	}

	private static void mutate(ObjectNode json, Random random) {
		List<String> fields = new ArrayList<>();
		Iterator<String> names = json.fieldNames();
		names.forEachRemaining(fields::add);
		for (int i = 0; i < 1 + random.nextInt(3); i++) {
			String field = fields.get(random.nextInt(fields.size()));
			switch (random.nextInt(6)) {
				case 0 -> json.remove(field);
				case 1 -> json.putNull(field);
				case 2 -> json.put(field, "");
				case 3 -> json.put(field, -1);
				case 4 -> json.putArray(field).add("x");
				default -> {
					JsonNode user = json.get("user");
					if (user instanceof ObjectNode object) {
						object.remove(random.nextBoolean() ? "screen_name" : "followers_count");
					}
				}
			}
		}
	}

	private static Status status(ObjectNode json) throws TwitterException {
		return TwitterObjectFactory.createStatus(json.toString());
	}

}
