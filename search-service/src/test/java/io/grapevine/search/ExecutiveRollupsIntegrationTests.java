package io.grapevine.search;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.executive.ExecutiveQuery;
import io.grapevine.search.executive.ExecutiveView;
import io.grapevine.search.executive.elasticsearch.DailyRollups;
import io.grapevine.search.executive.elasticsearch.DailyRollups.Days;
import io.grapevine.search.executive.elasticsearch.ExecutiveSearch;
import io.grapevine.search.index.ChangedDays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The executive view read from the daily roll-ups against the same view read live from
 * the mentions alone, over mentions of May to August 2013 and of the same months of 2012
 * (a stretch of time no other test uses), before and after a late mention and an answer.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ExecutiveRollupsIntegrationTests extends LiveStackTestSupport {

	private static final LocalDate FIRST = LocalDate.of(2012, 5, 1);

	private static final LocalDate LAST = LocalDate.of(2013, 8, 31);

	private static final String[] DEPARTMENTS = { "communications", "operations", "customer-service" };

	private static final String[] TOPICS = { "brand", "delays", "staff-praise" };

	@Autowired
	private ExecutiveSearch search;

	@Autowired
	private DailyRollups rollups;

	@Autowired
	private ChangedDays changedDays;

	private final List<Mention> mentions = new ArrayList<>();

	@BeforeAll
	void indexTwoSummers() {
		SplittableRandom random = new SplittableRandom(2013);
		for (int i = 0; i < 120; i++) {
			int year = (i % 3 == 0) ? 2012 : 2013;
			// On every sixth day, so each summer has some twenty days to count.
			Instant at = LocalDate.of(year, 5, 1)
				.plusDays(6L * random.nextInt(20))
				.atStartOfDay(ZoneOffset.UTC)
				.toInstant()
				.plusSeconds(random.nextLong(86_400));
			int d = random.nextInt(DEPARTMENTS.length);
			boolean answered = i == 1 || i == 4;
			Sentiment label = answered ? Sentiment.NEGATIVE : Sentiment.values()[random.nextInt(3)];
			List<String> competitors = (random.nextInt(6) == 0) ? List.of("metro-link") : List.of();
			String network = (random.nextInt(3) == 0 && !answered) ? "reddit" : "x";
			// Most of them retell one of seven stories, on days far apart.
			Optional<String> story = (i % 4 != 3) ? Optional.of("rollup-story-" + (i % 7)) : Optional.empty();
			this.mentions.add(mention("r" + i, network, at, label, random.nextInt(5_000), TOPICS[d], DEPARTMENTS[d],
					competitors, story));
		}
		// The organization answers two of them by replying, hours later.
		for (int i : new int[] { 1, 4 }) {
			Mention asked = this.mentions.get(i);
			this.mentions.add(Mention.builder("x", "rollup-reply-" + i)
				.url(URI.create("https://x.com/hctransit_help/status/rollup" + i))
				.text("@rider Sorry, we are on it")
				.author(Author.of("hctransit_help"))
				.publishedAt(asked.publishedAt().plus(3 + i, ChronoUnit.HOURS))
				.language("en")
				.inReplyTo(asked.nativeId())
				.build()
				.withTags(List.of("delays"), List.of("operations"))
				.withOwner(true, Optional.of("customer-service"), Optional.empty()));
		}
		Mention[] all = this.mentions.toArray(Mention[]::new);
		publish(all);
		awaitAllIndexed(all);
		awaitRolledUp();
	}

	@Test
	void everyPeriodReadFromTheRollupsEqualsTheSamePeriodReadLive() {
		for (ExecutiveQuery query : periods()) {
			ExecutiveView fromRollups = this.search.read(query).block(Duration.ofSeconds(30));
			ExecutiveView live = this.search.readLive(query).block(Duration.ofSeconds(30));
			assertThat(fromRollups).as("the view of %s", query).isEqualTo(live);
		}
		ExecutiveView summer = this.search.read(periods().get(1)).block(Duration.ofSeconds(30));
		assertThat(summer.headline().volume().current())
			.hasValueSatisfying((volume) -> assertThat(volume).isGreaterThan(40));
		assertThat(summer.headline().volume().yearBefore())
			.hasValueSatisfying((volume) -> assertThat(volume).isGreaterThan(10));
		assertThat(summer.headline().medianTimeToAnswerSeconds().current()).isPresent();
		assertThat(summer.attention().said()).isPositive();
		assertThat(summer.topStories().largest()).hasSize(5);
		assertThat(summer.topStories().widest()).hasSize(5);
		assertThat(this.search.read(periods().get(4)).block(Duration.ofSeconds(30)).topStories().largest())
			.extracting((story) -> story.mention().clusterId().orElseThrow())
			.allMatch((cluster) -> cluster.startsWith("rollup-story-"));
		// The whole days came from the roll-ups, counted under the declarations of now.
		Map<LocalDate, ?> kept = this.rollups
			.read(Optional.empty(), List.of(new Days(LocalDate.of(2013, 5, 16), LocalDate.of(2013, 8, 12))))
			.block(Duration.ofSeconds(30));
		assertThat(kept).hasSize(89);
		assertThat(this.rollups
			.read(Optional.of("operations"), List.of(new Days(LocalDate.of(2013, 5, 16), LocalDate.of(2013, 8, 12))))
			.block(Duration.ofSeconds(30))).hasSize(89);
	}

	@Test
	void aLateMentionInAnOldDayIsCountedOnceEvenWhenDeliveredTwice() {
		ExecutiveQuery july = new ExecutiveQuery(Instant.parse("2013-07-01T00:00:00Z"),
				Instant.parse("2013-08-01T00:00:00Z"), ZoneOffset.UTC, Optional.empty());
		double before = volume(this.search.readLive(july).block(Duration.ofSeconds(30)));
		Mention late = mention("late", "x", Instant.parse("2013-07-12T12:00:00Z"), Sentiment.NEGATIVE, 10, "delays",
				"operations", List.of(), Optional.of("rollup-story-1"));
		publish(late);
		awaitIndexed(late);
		// Its day is marked: read live until it is counted again, then from the roll-up.
		assertThat(this.search.read(july).block(Duration.ofSeconds(30)))
			.isEqualTo(this.search.readLive(july).block(Duration.ofSeconds(30)));
		awaitRolledUp();
		ExecutiveView after = this.search.read(july).block(Duration.ofSeconds(30));
		assertThat(volume(after)).isEqualTo(before + 1);
		assertThat(after).isEqualTo(this.search.readLive(july).block(Duration.ofSeconds(30)));
		assertThat(after.timeline().get(11).heard()).isPositive();
		publish(late);
		awaitIndexed(late);
		awaitRolledUp();
		assertThat(volume(this.search.read(july).block(Duration.ofSeconds(30)))).isEqualTo(before + 1);
	}

	@Test
	void anAnswerGivenAfterIndexingCountsInItsDayAndItsMedian() {
		Mention waiting = mention("asked", "x", Instant.parse("2013-06-18T08:00:00Z"), Sentiment.NEGATIVE, 10, "delays",
				"operations", List.of(), Optional.empty());
		publish(waiting);
		awaitIndexed(waiting);
		awaitRolledUp();
		ExecutiveQuery june = new ExecutiveQuery(Instant.parse("2013-06-01T00:00:00Z"),
				Instant.parse("2013-07-01T00:00:00Z"), ZoneOffset.UTC, Optional.of("operations"));
		long answeredBefore = this.search.read(june).block(Duration.ofSeconds(30)).attention().answered();
		// Signing in and storing the action take a while on a loaded machine.
		this.web.mutate()
			.responseTimeout(Duration.ofSeconds(60))
			.build()
			.post()
			.uri("/api/mentions/{id}/actions", waiting.id())
			.headers((headers) -> headers.setBasicAuth("amy", TestUsers.MEMBER_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "answer", "answerUrl", "https://x.com/hct/status/rollup-answer"))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.search.read(june).block(Duration.ofSeconds(30)))
			.isEqualTo(this.search.readLive(june).block(Duration.ofSeconds(30)));
		awaitRolledUp();
		ExecutiveView after = this.search.read(june).block(Duration.ofSeconds(30));
		assertThat(after.attention().answered()).isEqualTo(answeredBefore + 1);
		assertThat(after).isEqualTo(this.search.readLive(june).block(Duration.ofSeconds(30)));
		assertThat(after.headline().medianTimeToAnswerSeconds().current()).isPresent();
	}

	@Test
	void aDayStillBeingMarkedIsLeftToSettleAndReadLiveMeanwhile() {
		LocalDate day = LocalDate.of(2013, 8, 25);
		// Marked again on each try: this context's own keeper, which waits a second, may
		// take the mark before the two looks below on a slow machine.
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			this.changedDays.markDays(List.of(day)).block(Duration.ofSeconds(30));
			Instant marked = Instant.now();
			// The view reads it live until it is counted ...
			assertThat(this.changedDays.marked(FIRST, LAST).block(Duration.ofSeconds(30))).contains(day);
			assertThat(this.changedDays.pending(100, marked.plusSeconds(1)).block(Duration.ofSeconds(30)))
				.extracting(ChangedDays.Mark::date)
				.contains(day);
			// ... but a keeper that waits a minute for changes to settle does not count
			// it yet.
			assertThat(this.changedDays.pending(100, marked.minus(Duration.ofMinutes(1))).block(Duration.ofSeconds(30)))
				.extracting(ChangedDays.Mark::date)
				.doesNotContain(day);
		});
		awaitRolledUp();
	}

	private static List<ExecutiveQuery> periods() {
		return List.of(
				new ExecutiveQuery(Instant.parse("2013-07-01T00:00:00Z"), Instant.parse("2013-07-31T00:00:00Z"),
						ZoneOffset.UTC, Optional.empty()),
				// Edges within a day, in every period compared.
				new ExecutiveQuery(Instant.parse("2013-05-15T06:00:00Z"), Instant.parse("2013-08-13T06:00:00Z"),
						ZoneOffset.UTC, Optional.empty()),
				// Weeks counted in London, whose Mondays start an hour before UTC's.
				new ExecutiveQuery(Instant.parse("2013-05-01T00:00:00Z"), Instant.parse("2013-08-29T00:00:00Z"),
						ZoneId.of("Europe/London"), Optional.empty()),
				new ExecutiveQuery(Instant.parse("2013-05-01T00:00:00Z"), Instant.parse("2013-08-29T00:00:00Z"),
						ZoneOffset.UTC, Optional.of("operations")),
				new ExecutiveQuery(Instant.parse("2012-09-01T00:00:00Z"), Instant.parse("2013-09-01T00:00:00Z"),
						ZoneOffset.UTC, Optional.empty()));
	}

	private void awaitRolledUp() {
		await().atMost(Duration.ofSeconds(300))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.changedDays.marked(FIRST, LAST).block(Duration.ofSeconds(10)).isEmpty()
					&& this.rollups.missing(FIRST, LAST).block(Duration.ofSeconds(10)).isEmpty());
	}

	// One count for all of them, rather than one per mention.
	private void awaitAllIndexed(Mention... mentions) {
		List<co.elastic.clients.elasticsearch._types.FieldValue> ids = java.util.Arrays.stream(mentions)
			.map((mention) -> co.elastic.clients.elasticsearch._types.FieldValue.of(mention.id()))
			.toList();
		await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
			this.elasticsearch.indices().refresh((refresh) -> refresh.index("mentions"));
			return this.elasticsearch
				.count((count) -> count.index("mentions")
					.query((query) -> query.terms((terms) -> terms.field("id").terms((values) -> values.value(ids)))))
				.count() == mentions.length;
		});
	}

	private static double volume(ExecutiveView view) {
		return view.headline().volume().current().orElseThrow();
	}

	private static Mention mention(String id, String network, Instant at, Sentiment label, long followers, String topic,
			String department, List<String> competitors, Optional<String> story) {
		Mention mention = TestMentions.mention(network, "rollup-" + id, "Rollup mention " + id, at,
				Author.of("rider_" + id, "Rider", followers), Engagement.NONE, "en", List.of(topic),
				List.of(department));
		return mention.withTags(List.of(topic), List.of(department), competitors)
			.withEnrichment(Optional.of("en"),
					Optional.of(new SentimentScore(label == Sentiment.NEGATIVE ? -0.5 : 0.5, label)), story,
					Optional.of(Math.log10(1 + followers)));
	}

}
