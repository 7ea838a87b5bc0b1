package io.grapevine.listening.enrich.cluster;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterEnricherTests {

	private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

	private static final String STRIKE = "Transit union announces two-day strike over pay and staffing levels on the tram network";

	private final ClusterEnricher enricher = new ClusterEnricher();

	@Test
	void aRetweetJoinsTheClusterOfTheTweetItCopies() {
		Mention original = this.enricher.enrich(mention("x", "1", STRIKE));
		Mention retweet = this.enricher.enrich(mention("x", "2", "RT @citylineradio: " + STRIKE));

		assertThat(retweet.clusterId()).isEqualTo(original.clusterId());
	}

	@Test
	void theClusterIdIsDerivedFromTheFirstMentionOfTheClusterAndNeverChanges() {
		Mention first = this.enricher.enrich(mention("rss", "a", STRIKE));
		Mention copy = this.enricher.enrich(mention("mastodon", "b", STRIKE + " via @citylineradio"));
		Mention replayed = this.enricher.enrich(mention("rss", "a", STRIKE));

		Mention alone = new ClusterEnricher().enrich(mention("rss", "a", "Something else entirely, said once"));
		assertThat(first.clusterId()).get().asString().startsWith("c-");
		assertThat(copy.clusterId()).isEqualTo(first.clusterId());
		assertThat(replayed.clusterId()).isEqualTo(first.clusterId());
		assertThat(alone.clusterId()).as("same first mention id, same cluster id").isEqualTo(first.clusterId());
	}

	@Test
	void crossPostsWithHashtagsHandlesLinksCaseAndAccentsJoinTheOriginal() {
		String text = "Café at Harbor Quay station is closing for good after twenty years, sad day for commuters";
		Mention original = this.enricher.enrich(mention("x", "1", text));
		List<String> copies = List.of("@bob @carol " + text, text + " #hctransit #HarborCity",
				text.toUpperCase() + " https://t.co/abc123", "Cafe at Harbor Quay station is closing for good "
						+ "after twenty years; sad day for commuters!!! 😢 (via @harborherald)");
		for (int i = 0; i < copies.size(); i++) {
			assertThat(this.enricher.enrich(mention("bluesky", "c" + i, copies.get(i))).clusterId()).as(copies.get(i))
				.isEqualTo(original.clusterId());
		}
	}

	@Test
	void aTemplateFilledInWithOtherNumbersOrPlacesIsAnotherCluster() {
		Mention line4 = this.enricher.enrich(mention("x", "1",
				"Line 4 delayed 10 min due to a signal fault at Central. We apologise for the disruption"));
		Mention line7 = this.enricher.enrich(mention("x", "2",
				"Line 7 delayed 25 min due to a signal fault at Central. We apologise for the disruption"));
		Mention elsewhere = this.enricher.enrich(mention("x", "3",
				"Line 4 delayed 10 min due to a signal fault at Northgate. We apologise for the disruption"));

		assertThat(line7.clusterId()).isNotEqualTo(line4.clusterId());
		assertThat(elsewhere.clusterId()).isNotEqualTo(line4.clusterId()).isNotEqualTo(line7.clusterId());
	}

	@Test
	void shortTextsClusterOnlyOnTheSameWords() {
		Mention delayed = this.enricher.enrich(mention("x", "1", "Line 4 delayed 10 min"));
		Mention same = this.enricher.enrich(mention("mastodon", "2", "line 4 delayed, 10 min! #hctransit"));
		Mention other = this.enricher.enrich(mention("x", "3", "Line 7 delayed 25 min"));
		Mention shorter = this.enricher.enrich(mention("x", "4", "Line 4 delayed"));

		assertThat(same.clusterId()).isEqualTo(delayed.clusterId());
		assertThat(other.clusterId()).isNotEqualTo(delayed.clusterId());
		assertThat(shorter.clusterId()).isNotEqualTo(delayed.clusterId());
	}

	@Test
	void aTruncatedRetweetOfAKnownTweetJoinsItThroughTheLinkEvenWhenTheTextsDiffer() {
		Mention original = this.enricher.enrich(mention("x", "100", STRIKE));
		Mention retweet = this.enricher.enrich(Mention.builder("x", "101")
			.url(URI.create("https://x.com/someone/status/101"))
			.text("RT @citylineradio: Transit union announces…")
			.author(Author.of("someone"))
			.publishedAt(NOON)
			.inReplyTo("100")
			.build());

		assertThat(retweet.clusterId()).isEqualTo(original.clusterId());
	}

	@Test
	void aQuoteOrCrossPostJoinsItsOriginalWhicheverIsReadFirstWhateverItsOwnWords() {
		Mention quoteFirst = this.enricher.enrich(tiedTo("x", "201", "x:200", "Told you so. Walking to work tomorrow"));
		Mention original = this.enricher.enrich(mention("x", "200", STRIKE));
		Mention secondQuote = this.enricher.enrich(tiedTo("x", "202", "x:200", "Solidarity with the drivers"));
		Mention crosspost = this.enricher.enrich(tiedTo("reddit", "t3_b", "reddit:t3_a", "Strike on Monday"));
		Mention crosspostedOriginal = this.enricher.enrich(mention("reddit", "t3_a", "Anyone know about Monday?"));

		assertThat(original.clusterId()).isEqualTo(quoteFirst.clusterId()).isEqualTo(secondQuote.clusterId());
		assertThat(crosspostedOriginal.clusterId()).isEqualTo(crosspost.clusterId()).isNotEqualTo(original.clusterId());
		assertThat(this.enricher.enrich(original).clusterId()).isEqualTo(original.clusterId());
	}

	@Test
	void aReplyIsNotACopyOfThePostItAnswers() {
		Mention post = this.enricher.enrich(mention("x", "100", STRIKE));
		Mention reply = this.enricher.enrich(Mention.builder("x", "101")
			.url(URI.create("https://x.com/someone/status/101"))
			.text("@citylineradio about time, they are paid peanuts")
			.author(Author.of("someone"))
			.publishedAt(NOON)
			.inReplyTo("100")
			.build());

		assertThat(reply.clusterId()).isNotEqualTo(post.clusterId());
	}

	@Test
	void twoFeedItemsForTheSamePageJoinEvenWithOtherTitles() {
		Mention first = this.enricher.enrich(mention("rss", "feed1-1", "Fares to rise by 5% from April",
				"https://news.example.org/fares?utm_source=rss"));
		Mention second = this.enricher.enrich(mention("rss", "feed2-9",
				"Updated: Harbor City Transit confirms fare rise", "http://www.news.example.org/fares/"));

		assertThat(second.clusterId()).isEqualTo(first.clusterId());
	}

	@Test
	void postsThatAreOnlyTheSameLinkJoin() {
		Mention first = this.enricher.enrich(mention("x", "1", "https://news.example.org/fares"));
		Mention second = this.enricher.enrich(mention("bluesky", "2", "https://www.news.example.org/fares/ 👀"));
		Mention other = this.enricher.enrich(mention("bluesky", "3", "https://news.example.org/strike"));

		assertThat(second.clusterId()).isEqualTo(first.clusterId());
		assertThat(other.clusterId()).isNotEqualTo(first.clusterId());
	}

	@Test
	void copiesFurtherApartThanTheWindowAreSeparateClusters() {
		ClusterEnricher enricher = new ClusterEnricher(new ClusterSettings(Duration.ofHours(72), 1000, 0.6));
		Mention first = enricher.enrich(mention("x", "1", STRIKE));
		Mention fourDaysLater = enricher.enrich(mentionAt("x", "2", STRIKE, NOON.plus(Duration.ofDays(4))));
		Mention halfADayLater = enricher.enrich(mentionAt("x", "3", STRIKE, NOON.plus(Duration.ofHours(12))));

		assertThat(fourDaysLater.clusterId()).isNotEqualTo(first.clusterId());
		assertThat(halfADayLater.clusterId()).isEqualTo(first.clusterId());
	}

	@Test
	void theOldestMentionsAreForgottenOnceTheCapacityIsReached() {
		ClusterEnricher enricher = new ClusterEnricher(new ClusterSettings(Duration.ofHours(72), 3, 0.6));
		Mention first = enricher.enrich(mention("x", "1", STRIKE));
		for (int i = 0; i < 3; i++) {
			enricher.enrich(mention("x", "other" + i, "A different story number " + (char) ('a' + i)
					+ " about the ferry timetable changing this spring"));
		}
		Mention copy = enricher.enrich(mention("x", "2", STRIKE));

		assertThat(enricher.remembered()).isEqualTo(3);
		assertThat(copy.clusterId()).isNotEqualTo(first.clusterId());
	}

	@Test
	void findsCopiesOfMentionsSeenBeforeTheMemoryGrew() {
		ClusterEnricher enricher = new ClusterEnricher(new ClusterSettings(Duration.ofHours(72), 20_000, 0.6));
		List<Mention> originals = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			originals.add(enricher.enrich(mention("x", "o" + i,
					"Story number " + i + " about the ferry timetable changing this spring at pier " + (i % 97))));
		}
		for (int i = 0; i < 10_000; i += 999) {
			Mention copy = enricher.enrich(mention("bluesky", "c" + i, originals.get(i).text() + " #hctransit #ferry"));
			assertThat(copy.clusterId()).isEqualTo(originals.get(i).clusterId());
		}
		assertThat(enricher.remembered()).isEqualTo(10_011);
	}

	@Test
	void keepsEverythingElseTheMentionCarries() {
		Mention mention = new Mention(1, null, "x", "1", URI.create("https://x.com/a/status/1"), STRIKE,
				Author.of("a", "A", 10), NOON, NOON, Optional.of("en"), new Engagement(1, 2, 3), Optional.empty(),
				Optional.of("q"), List.of("strikes"), List.of("ops"),
				Optional.of(new SentimentScore(-0.4, Sentiment.NEGATIVE)), Optional.empty(), Optional.of(2.5));

		Mention enriched = this.enricher.enrich(mention);

		assertThat(enriched.clusterId()).isPresent();
		assertThat(enriched).usingRecursiveComparison().ignoringFields("clusterId").isEqualTo(mention);
	}

	@Test
	void copiesEnrichedFromTwoThreadsAtOnceEndUpInOneCluster() throws Exception {
		List<Callable<String>> tasks = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String id = Integer.toString(i);
			tasks.add(() -> this.enricher.enrich(mention("x", id, "RT @citylineradio: " + STRIKE))
				.clusterId()
				.orElseThrow());
		}
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<String> clusters = new ArrayList<>();
			for (Future<String> cluster : pool.invokeAll(tasks)) {
				clusters.add(cluster.get());
			}
			assertThat(clusters).hasSize(200).containsOnly(clusters.get(0));
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void neverThrowsOnOddTextsAndGivesEachMentionACluster() {
		Random random = new Random(7);
		String alphabet = "aZ09 #@:/.…_-'’\t\nRTvia😀é地ğ\u0301\u200b()[]|&?=%";
		for (int i = 0; i < 5_000; i++) {
			StringBuilder text = new StringBuilder(random.nextBoolean() ? "RT @x: " : "");
			int length = random.nextInt(80);
			for (int k = 0; k < length; k++) {
				text.appendCodePoint(alphabet.codePointAt(
						alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
			}
			if (random.nextInt(5) == 0) {
				text.append(" https://t.co/").append(random.nextInt(100)).append(random.nextBoolean() ? " via @y" : "");
			}
			Mention mention = Mention.builder("x", "fuzz" + i)
				.url(URI.create(random.nextBoolean() ? "https://x.com/a/status/" + i : "http://fuzz/" + i))
				.text(text.toString())
				.author(Author.of("a"))
				.publishedAt(NOON.plusSeconds(random.nextInt(1_000_000)))
				.inReplyTo(random.nextBoolean() ? "fuzz" + random.nextInt(i + 1) : null)
				.build();
			assertThat(this.enricher.enrich(mention).clusterId()).as(text.toString()).isPresent();
		}
	}

	private static Mention tiedTo(String source, String id, String originalId, String text) {
		return Mention.builder(source, id)
			.url(URI.create("https://example.org/" + source + "/" + id))
			.text(text)
			.author(Author.of("someone"))
			.publishedAt(NOON)
			.repostOf(originalId, originalId.startsWith("reddit:") ? Repost.Kind.CROSSPOST : Repost.Kind.QUOTE)
			.build();
	}

	private static Mention mention(String source, String id, String text) {
		return mentionAt(source, id, text, NOON);
	}

	private static Mention mention(String source, String id, String text, String url) {
		return Mention.builder(source, id)
			.url(URI.create(url))
			.text(text)
			.author(Author.of("someone"))
			.publishedAt(NOON)
			.build();
	}

	private static Mention mentionAt(String source, String id, String text, Instant publishedAt) {
		return Mention.builder(source, id)
			.url(URI.create("https://example.org/" + source + "/" + id))
			.text(text)
			.author(Author.of("someone"))
			.publishedAt(publishedAt)
			.build();
	}

}
