package io.grapevine.search;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.localstack.LocalStackExtension;
import io.grapevine.search.index.MentionIndexTemplate;
import io.grapevine.search.indexing.MentionIndexer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IndexerIntegrationTests extends LiveStackTestSupport {

	@Autowired
	MentionIndexer indexer;

	@Autowired
	MentionIndexTemplate template;

	@Test
	void installingTheTemplateAddsItsNewFieldsToAMonthlyIndexCreatedBeforeThem() throws Exception {
		String old = "mentions-2018.02";
		this.elasticsearch.indices().delete((delete) -> delete.index(old).ignoreUnavailable(true));
		this.elasticsearch.indices()
			.create((create) -> create.index(old)
				.mappings((mappings) -> mappings
					.withJson(new StringReader("{\"dynamic\":false,\"properties\":{\"text\":{\"type\":\"text\"}}}"))));

		this.template.install().block(Duration.ofSeconds(30));

		var properties = this.elasticsearch.indices()
			.getMapping((get) -> get.index(old))
			.get(old)
			.mappings()
			.properties();
		assertThat(properties).containsKeys("text", "match", "site", "sentiment", "clusterKey", "reach");
		assertThat(properties.get("match").object().properties().get("words").text().analyzer())
			.isEqualTo("whitespace");
		this.elasticsearch.indices().delete((delete) -> delete.index(old));
	}

	@Test
	void aPublishedMentionBecomesSearchableByAKeywordFromItsText() throws Exception {
		String keyword = uniqueWord();
		Mention mention = TestMentions.mention("x", uniqueId(),
				"Stuck at Pier Street, the " + keyword + " tram is late", Instant.parse("2021-06-10T08:00:00Z"),
				Author.of("amy", "Amy", 120), new Engagement(4, 2, 1), "en", List.of("delays"), List.of("operations"));
		publish(mention);
		awaitIndexed(mention);

		this.web.get()
			.uri("/api/mentions?q={q}", keyword)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(1)
			.jsonPath("$.mentions[0].mention.id")
			.isEqualTo(mention.id())
			.jsonPath("$.mentions[0].mention.author.displayName")
			.isEqualTo("Amy")
			.jsonPath("$.mentions[0].highlights[0]")
			.value((String highlight) -> assertThat(highlight).contains("<mark>" + keyword + "</mark>"));
		ObjectNode stored = this.elasticsearch
			.get((get) -> get.index("mentions-2021.06").id(mention.id()), ObjectNode.class)
			.source();
		assertThat(stored.at("/engagement/total").asLong()).isEqualTo(7);
	}

	@Test
	void siteFindsAMentionByTheDomainOfItsUrlAndItsSubdomainsAndMinusSiteExcludesThem() throws Exception {
		// A stack kept from an earlier run may hold this month's index with an older
		// mapping; only an index the current template creates has the site field.
		this.elasticsearch.indices().delete((delete) -> delete.index("mentions-2019.03").ignoreUnavailable(true));
		String keyword = uniqueWord();
		Mention news = mentionAt("https://News.Example.org:8443/transit/" + keyword, keyword);
		Mention other = mentionAt("https://example.com/transit/" + keyword, keyword);
		Mention reddit = mentionAt("https://www.reddit.com/r/transit/" + keyword, keyword);
		publish(news, other, reddit);
		awaitIndexed(news, other, reddit);

		assertThat(foundIds(keyword + " site:example.org")).containsExactly(news.id());
		assertThat(foundIds(keyword + " site:reddit.com")).containsExactly(reddit.id());
		assertThat(foundIds(keyword + " -site:reddit.com")).containsExactlyInAnyOrder(news.id(), other.id());
		assertThat(foundIds(keyword + " site:org")).containsExactly(news.id());
	}

	@Test
	void aReplayOfTheSameMentionOverwritesItInsteadOfAddingASecondCopy() throws Exception {
		String id = uniqueId();
		Mention first = TestMentions.mention("reddit", id, "Night buses on route 9 are " + uniqueWord(),
				Instant.parse("2021-06-11T22:00:00Z"), Author.of("bob"), new Engagement(1, 0, 0), "en", List.of(),
				List.of());
		Mention replay = TestMentions.mention("reddit", id, first.text(), first.publishedAt(), Author.of("bob"),
				new Engagement(9, 0, 0), "en", List.of(), List.of());
		publish(first);
		awaitIndexed(first);
		publish(replay, replay);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(storedLikes(first.id())).isEqualTo(9));
		assertThat(countById(first.id())).isEqualTo(1);
	}

	@Test
	void twoCopiesOfOnePostFromTwoInstancesKeepTheRicherValueOfEachFieldInEitherOrder() throws Exception {
		for (boolean firehoseFirst : List.of(true, false)) {
			String rkey = "3lbq" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
			String nativeId = "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/" + rkey;
			String text = "The 14 is delayed again at Harbor Station " + uniqueWord();
			// What Bluesky's search reads: the handle, name and counts.
			Mention search = Mention.builder("bluesky", nativeId)
				.url(URI.create("https://bsky.app/profile/harborrider.bsky.social/post/" + rkey))
				.text(text)
				.author(new Author("harborrider.bsky.social", java.util.Optional.of("Harbor Rider"),
						java.util.Optional.of(812L),
						java.util.Optional.of(URI.create("https://bsky.app/profile/harborrider.bsky.social"))))
				.publishedAt(Instant.parse("2022-05-17T21:14:05.318Z"))
				.ingestedAt(Instant.parse("2022-05-17T21:20:00Z"))
				.engagement(new Engagement(17, 6, 2))
				.matchedBy("delay")
				.build();
			// What the firehose reads: the DID for a handle, no counts, but the language.
			Mention firehose = Mention.builder("bluesky", nativeId)
				.url(URI.create("https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/" + rkey))
				.text(text)
				.author(new Author("did:plc:z72i7hdynmk6r22z27h6tvur", java.util.Optional.empty(),
						java.util.Optional.empty(), java.util.Optional.empty()))
				.publishedAt(Instant.parse("2022-05-17T21:14:05.318Z"))
				.ingestedAt(Instant.parse("2022-05-17T21:14:07Z"))
				.language("en")
				.matchedBy("jetstream")
				.build();
			Mention first = firehoseFirst ? firehose : search;
			Mention second = firehoseFirst ? search : firehose;
			publish(first);
			awaitIndexed(first);
			publish(second);

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				ObjectNode stored = stored(search.id());
				assertThat(stored.at("/author/handle").asText()).isEqualTo("harborrider.bsky.social");
				assertThat(stored.at("/engagement/likes").asLong()).isEqualTo(17);
				assertThat(stored.at("/language").asText()).isEqualTo("en");
				assertThat(stored.at("/url").asText()).contains("/profile/harborrider.bsky.social/");
			});
			assertThat(countById(search.id())).isEqualTo(1);

			// Each record delivered again (a rebalance before the offsets were
			// committed),
			// the search's copy now counting more likes, keeps the merge: that copy
			// shares the merged mention's matchedBy, as a replay does.
			Mention searchAgain = Mention.builder("bluesky", nativeId)
				.url(search.url())
				.text(text)
				.author(search.author())
				.publishedAt(search.publishedAt())
				.ingestedAt(Instant.parse("2022-05-17T21:40:00Z"))
				.engagement(new Engagement(21, 6, 2))
				.matchedBy("delay")
				.build();
			publish(firehose, searchAgain);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				ObjectNode stored = stored(search.id());
				assertThat(stored.at("/engagement/likes").asLong()).isEqualTo(21);
				assertThat(stored.at("/language").asText()).isEqualTo("en");
				assertThat(stored.at("/author/handle").asText()).isEqualTo("harborrider.bsky.social");
			});
			assertThat(countById(search.id())).isEqualTo(1);
		}
	}

	private ObjectNode stored(String id) throws Exception {
		this.elasticsearch.indices()
			.refresh((refresh) -> refresh.index("mentions").ignoreUnavailable(true).allowNoIndices(true));
		return this.elasticsearch
			.search((search) -> search.index("mentions")
				.query((query) -> query.term((term) -> term.field("id").value(id))), ObjectNode.class)
			.hits()
			.hits()
			.get(0)
			.source();
	}

	@Test
	void aRecordThatIsNotMentionJsonGoesToTheDeadLetterTopicAndTheNextMentionIsStillIndexed() {
		String garbage = "{\"schemaVersion\":1,\"source\":\"x\",\"text\": \"" + uniqueWord() + "\"";
		Mention next = TestMentions.mention("x", uniqueId(), "After the bad one " + uniqueWord(),
				"2021-06-12T09:00:00Z");
		publishRaw("x:broken", garbage);
		publish(next);

		var deadLetter = awaitDeadLetter((letter) -> letter.payload().equals(garbage));
		assertThat(deadLetter.source()).isEqualTo(MentionIndexer.DEAD_LETTER_SOURCE);
		assertThat(deadLetter.reason()).contains("not valid Mention JSON").contains(KafkaTopicNames.MENTIONS);
		awaitIndexed(next);
	}

	@Test
	void aMegabyteRecordWhoseDeadLetterWouldBeTooLargeIsSetAsideAsAnExcerptAndIndexingGoesOn() {
		// Quotes double when escaped into the dead letter: twice Kafka's limit of 1 MiB.
		String marker = uniqueWord();
		String garbage = "{\"schemaVersion\":2,\"text\":\"" + marker + "\"".repeat(1_000_000);
		Mention next = TestMentions.mention("x", uniqueId(), "After the megabyte " + uniqueWord(),
				"2021-06-12T10:00:00Z");
		publishRaw("x:megabyte", garbage);
		publish(next);

		var deadLetter = awaitDeadLetter((letter) -> letter.payload().contains(marker));
		assertThat(deadLetter.reason()).contains("not valid Mention JSON")
			.contains("payload of " + garbage.length() + " bytes")
			.contains("SHA-256");
		assertThat(deadLetter.payload()).startsWith(garbage.substring(0, 100)).hasSizeLessThan(garbage.length());
		awaitIndexed(next);
	}

	@Test
	void aMentionPublishedOutsideTheTimesItsNetworkCouldHaveIsSetAsideAndCreatesNoIndex() throws Exception {
		Mention yearOne = TestMentions.mention("x", uniqueId(), "Year one " + uniqueWord(), "0001-01-01T00:00:00Z");
		Mention farAhead = TestMentions.mention("mastodon", uniqueId(), "Far ahead " + uniqueWord(),
				"9999-12-31T10:00:00Z");
		Mention next = TestMentions.mention("x", uniqueId(), "In time " + uniqueWord(), "2021-06-12T11:00:00Z");
		publish(yearOne, farAhead, next);

		assertThat(awaitDeadLetter((letter) -> letter.payload().contains(yearOne.id())).reason())
			.contains("mention " + yearOne.id())
			.contains("before x had its first post");
		assertThat(awaitDeadLetter((letter) -> letter.payload().contains(farAhead.id())).reason())
			.contains("more than a day ahead");
		awaitIndexed(next);
		assertThat(this.elasticsearch.indices().exists((exists) -> exists.index("mentions-0001.01")).value()).isFalse();
		assertThat(this.elasticsearch.indices().exists((exists) -> exists.index("mentions-9999.12")).value()).isFalse();
	}

	@Test
	void aMentionElasticsearchRejectsGoesToTheDeadLetterTopicWithTheReason() throws Exception {
		// An index whose own mapping conflicts with the mention: nativeId as a number.
		this.elasticsearch.indices()
			.create((create) -> create.index("mentions-1999.01")
				.mappings((mappings) -> mappings
					.withJson(new StringReader("{\"properties\":{\"nativeId\":{\"type\":\"long\"}}}"))));
		Mention rejected = TestMentions.mention("rss", "not-a-number-" + uniqueId(), "Old post " + uniqueWord(),
				"1999-01-05T10:00:00Z");
		Mention accepted = TestMentions.mention("x", uniqueId(), "Fine post " + uniqueWord(), "2021-06-13T10:00:00Z");
		publish(rejected, accepted);

		var deadLetter = awaitDeadLetter((letter) -> letter.payload().contains(rejected.id()));
		assertThat(deadLetter.reason()).contains("Elasticsearch rejected mention " + rejected.id())
			.contains("mentions-1999.01");
		awaitIndexed(accepted);
		assertThat(countById(rejected.id())).isZero();
	}

	@Test
	void offsetsAreCommittedOnlyOnceElasticsearchHasAcceptedTheBatchAndNothingIsLostWhileItRefuses() throws Exception {
		List<Mention> mentions = List.of(
				TestMentions.mention("x", uniqueId(), "Refused at first " + uniqueWord(), "2021-06-14T10:00:00Z"),
				TestMentions.mention("x", uniqueId(), "Refused at first " + uniqueWord(), "2021-06-14T11:00:00Z"));
		setClusterReadOnly(true);
		try {
			publish(mentions.toArray(Mention[]::new));
			// The indexer has received them and keeps retrying; the offsets stay behind,
			// also past the consumer's periodic commit (every 5 s).
			Thread.sleep(6000);
			assertThat(lag()).isPositive();
			// Mentions wait and nothing is indexed for longer than the stall timeout.
			indexerHealth().expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("DOWN")
				.jsonPath("$.details.waiting")
				.isEqualTo(2);
		}
		finally {
			setClusterReadOnly(false);
		}
		awaitIndexed(mentions.toArray(Mention[]::new));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lag()).isZero());
		this.web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	@Test
	void aRestartedIndexerPicksUpWhereItsCommittedOffsetsEnd() throws Exception {
		Mention before = TestMentions.mention("x", uniqueId(), "Before the restart " + uniqueWord(),
				"2021-06-15T10:00:00Z");
		publish(before);
		awaitIndexed(before);
		this.indexer.stop();
		Mention during;
		try {
			during = TestMentions.mention("x", uniqueId(), "While stopped " + uniqueWord(), "2021-06-15T11:00:00Z");
			publish(during);
		}
		finally {
			this.indexer.start();
		}
		awaitIndexed(during);
		assertThat(countById(before.id())).isEqualTo(1);
	}

	@Test
	void anIndexerStoppedWhileMentionsWaitCountsThemOnceWhenItStartsAgain() throws Exception {
		Mention mention = TestMentions.mention("x", uniqueId(), "Stopped while waiting " + uniqueWord(),
				"2021-06-15T12:00:00Z");
		setClusterReadOnly(true);
		try {
			publish(mention);
			// Received, and refused by the read-only cluster.
			await().atMost(Duration.ofSeconds(30)).until(() -> indexerWaiting() > 0);
			this.indexer.stop();
		}
		finally {
			setClusterReadOnly(false);
			this.indexer.start();
		}
		awaitIndexed(mention);
		// Delivered again to the new consumer and written: nothing is left waiting, so
		// the health does not turn DOWN once the stall timeout (4 s) has passed.
		await().atMost(Duration.ofSeconds(30)).until(() -> indexerWaiting() == 0);
		Thread.sleep(5000);
		assertThat(indexerWaiting()).isZero();
		indexerHealth().expectStatus().isOk();
	}

	@Test
	void theIndexedDocumentsAreCountedInTheMetrics() {
		Mention mention = TestMentions.mention("x", uniqueId(), "Counted " + uniqueWord(), "2021-06-16T10:00:00Z");
		publish(mention);
		awaitIndexed(mention);
		this.web.get()
			.uri("/actuator/metrics/" + MentionIndexer.DOCUMENTS_METRIC)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.value((Double value) -> assertThat(value).isGreaterThanOrEqualTo(1.0));
	}

	private static Mention mentionAt(String url, String keyword) {
		return Mention.builder("web", uniqueId())
			.url(URI.create(url))
			.text("Service change on the " + keyword + " line")
			.author(Author.of("transit_watch"))
			.publishedAt(Instant.parse("2019-03-04T08:00:00Z"))
			.ingestedAt(Instant.parse("2019-03-04T08:01:00Z"))
			.build();
	}

	private List<String> foundIds(String q) {
		return this.web.get()
			.uri("/api/mentions?q={q}", q)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ObjectNode.class)
			.returnResult()
			.getResponseBody()
			.path("mentions")
			.findValues("mention")
			.stream()
			.map((mention) -> mention.path("id").asText())
			.toList();
	}

	private long storedLikes(String id) throws Exception {
		this.elasticsearch.indices()
			.refresh((refresh) -> refresh.index("mentions").ignoreUnavailable(true).allowNoIndices(true));
		return this.elasticsearch
			.search((search) -> search.index("mentions")
				.query((query) -> query.term((term) -> term.field("id").value(id))), ObjectNode.class)
			.hits()
			.hits()
			.get(0)
			.source()
			.at("/engagement/likes")
			.asLong();
	}

	private ResponseSpec indexerHealth() {
		return this.anonymous.mutate()
			.defaultHeaders((headers) -> headers.setBasicAuth(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
			.build()
			.get()
			.uri("/actuator/health/indexer")
			.exchange();
	}

	private long indexerWaiting() {
		Map<?, ?> health = indexerHealth().expectBody(Map.class).returnResult().getResponseBody();
		return ((Number) ((Map<?, ?>) health.get("details")).get("waiting")).longValue();
	}

	private void setClusterReadOnly(boolean readOnly) throws Exception {
		this.elasticsearch.cluster()
			.putSettings((settings) -> settings.transient_("cluster.blocks.read_only", JsonData.of(readOnly)));
	}

	private long lag() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				LocalStackExtension.stack().kafkaBootstrapServers()))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("search-indexer")
				.partitionsToOffsetAndMetadata()
				.get();
			Set<TopicPartition> partitions = admin.describeTopics(List.of(KafkaTopicNames.MENTIONS))
				.allTopicNames()
				.get()
				.get(KafkaTopicNames.MENTIONS)
				.partitions()
				.stream()
				.map((partition) -> new TopicPartition(KafkaTopicNames.MENTIONS, partition.partition()))
				.collect(Collectors.toSet());
			Map<TopicPartition, Long> ends = admin
				.listOffsets(partitions.stream()
					.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest())))
				.all()
				.get()
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
			return ends.entrySet()
				.stream()
				.mapToLong((end) -> end.getValue()
						- ((committed.get(end.getKey()) != null) ? committed.get(end.getKey()).offset() : 0))
				.sum();
		}
	}

	static String uniqueId() {
		return UUID.randomUUID().toString().substring(0, 12);
	}

	static String uniqueWord() {
		return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

}
