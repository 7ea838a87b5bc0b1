package io.grapevine.ingest.source.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.listening.organization.TopicMatcher;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSourceTests {

	private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

	private final DemoSource source = new DemoSource("demo", sample(), 3, Duration.ofSeconds(5),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void shiftsTheSampleSoItsNewestMentionIsPublishedNow() {
		Page first = fetch(start());

		assertThat(first.mentions()).extracting(Mention::id).containsExactly("demo:s1", "demo:s2");
		Duration shift = Duration.between(Instant.parse("2026-10-31T09:00:00Z"), NOW);
		assertThat(first.mentions().get(0).publishedAt()).isEqualTo(Instant.parse("2026-10-01T08:00:00Z").plus(shift));
		assertThat(first.mentions()).allSatisfy((mention) -> {
			assertThat(mention.publishedAt()).isBefore(NOW).isAfter(NOW.minus(Duration.ofDays(31)));
			assertThat(mention.ingestedAt()).isEqualTo(NOW);
		});
		Page second = fetch(first.next());
		assertThat(second.mentions()).extracting(Mention::id).containsExactly("demo:s3", "demo:s4");
		assertThat(second.mentions().get(1).publishedAt()).isEqualTo(NOW);
	}

	@Test
	void replaysTheSampleInPagesAndSaysWhenItIsDone() {
		Page first = fetch(start());
		Page second = fetch(first.next());

		assertThat(first.more()).isTrue();
		assertThat(first.next().position()).containsEntry("line", "3");
		assertThat(second.more()).isFalse();
		assertThat(second.next().position()).containsEntry("line", "5");
	}

	@Test
	void setsAsideASampleLineThatIsNotAMention() {
		Page first = fetch(start());

		assertThat(first.deadLetters()).singleElement().satisfies((letter) -> {
			assertThat(letter.source()).isEqualTo("demo");
			assertThat(letter.reason()).contains("line 3");
			assertThat(letter.payload()).isEqualTo("this line is not a mention");
		});
	}

	@Test
	void addsAFreshMentionWithANewIdOncePerPollAfterTheSample() {
		Cursor afterSample = fetch(fetch(start()).next()).next();

		Page trickle = fetch(afterSample);
		Page nextTrickle = fetch(trickle.next());

		assertThat(trickle.mentions()).singleElement().satisfies((mention) -> {
			assertThat(mention.nativeId()).matches("s[1-4]-t0");
			assertThat(mention.id()).isEqualTo("demo:" + mention.nativeId());
			assertThat(mention.publishedAt()).isEqualTo(NOW);
		});
		assertThat(nextTrickle.mentions()).singleElement()
			.satisfies((mention) -> assertThat(mention.nativeId()).matches("s[1-4]-t1"));
		assertThat(trickle.more()).isFalse();
		assertThat(this.source.pollInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(nextTrickle.next().position()).containsEntry("line", "5").containsEntry("trickle", "2");
	}

	@Test
	void resumesFromTheStoredLineWithoutReplayingTheSampleAgain() {
		Cursor stored = start().moveTo(java.util.Map.of("line", "5", "trickle", "7"), NOW);

		Page page = fetch(stored);

		assertThat(page.mentions()).singleElement()
			.satisfies((mention) -> assertThat(mention.nativeId()).endsWith("-t7"));
	}

	@Test
	void theShippedSampleIsMadeOfValidMentionsThatEndNow() {
		List<String> shipped = lines("/demo/mentions.jsonl");
		DemoSource demo = new DemoSource("demo", shipped, shipped.size(), Duration.ofSeconds(5),
				Clock.fixed(NOW, ZoneOffset.UTC));

		Page all = fetch(demo, start());

		assertThat(all.deadLetters()).isEmpty();
		assertThat(all.mentions()).hasSizeGreaterThan(100);
		assertThat(all.mentions()).extracting(Mention::publishedAt)
			.allSatisfy((at) -> assertThat(at).isBeforeOrEqualTo(NOW));
		assertThat(all.mentions()).extracting(Mention::publishedAt).contains(NOW);
		assertThat(all.mentions()).extracting(Mention::id).doesNotHaveDuplicates();
	}

	@Test
	void replayingTheShippedSampleMarksTheDemoOrganizationsAccountsOwnedAndTheirRepliesNameMentionsOfTheSample() {
		List<String> shipped = lines("/demo/mentions.jsonl");
		DemoSource demo = new DemoSource("demo", shipped, shipped.size(), Duration.ofSeconds(5),
				Clock.fixed(NOW, ZoneOffset.UTC));
		TopicMatcher matcher = new TopicMatcher(OrganizationFile.read(Path.of("../config/organization.yml")));

		List<Mention> tagged = fetch(demo, start()).mentions().stream().map(matcher::tag).toList();

		Set<String> ids = tagged.stream().map(Mention::id).collect(Collectors.toSet());
		Map<String, List<Mention>> owned = tagged.stream()
			.filter(Mention::owned)
			.collect(Collectors.groupingBy((mention) -> mention.source() + " " + mention.author().handle()));
		assertThat(owned).containsOnlyKeys("x hctransit", "x hctransit_help", "bluesky hctransit.bsky.social",
				"mastodon hctransit@harbor.social");
		assertThat(tagged)
			.filteredOn((mention) -> owned.containsKey(mention.source() + " " + mention.author().handle()))
			.allSatisfy((mention) -> assertThat(mention.owned()).isTrue());
		assertThat(owned.get("x hctransit_help"))
			.allSatisfy((mention) -> assertThat(mention.ownedBy()).contains("customer-service"));
		assertThat(owned.get("x hctransit")).allSatisfy((mention) -> assertThat(mention.ownedBy()).isEmpty());
		List<Mention> ownedReplies = tagged.stream()
			.filter((mention) -> mention.owned() && mention.parentId().isPresent())
			.toList();
		assertThat(ownedReplies).hasSizeGreaterThan(50)
			.allSatisfy((reply) -> assertThat(ids).contains(reply.parentId().orElseThrow()));
		assertThat(tagged).extracting(Mention::schemaVersion).containsOnly(Mention.SCHEMA_VERSION);
	}

	private Page fetch(Cursor cursor) {
		return fetch(this.source, cursor);
	}

	private static Page fetch(DemoSource source, Cursor cursor) {
		Page[] page = new Page[1];
		StepVerifier.create(source.fetch(cursor)).consumeNextWith((next) -> page[0] = next).verifyComplete();
		return page[0];
	}

	private static Cursor start() {
		return Cursor.start("demo", NOW);
	}

	private static List<String> sample() {
		return lines("/demo-fixture/mentions.jsonl");
	}

	private static List<String> lines(String resource) {
		try (InputStream in = DemoSourceTests.class.getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
