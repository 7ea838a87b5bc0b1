package io.grapevine.ingest.pipeline;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.grapevine.ingest.KafkaTopics;
import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.kafka.GrapevineKafkaAutoConfiguration;
import io.grapevine.kafka.GrapevineKafkaProperties;
import io.grapevine.kafka.KafkaTopicProvisioner;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.listening.organization.TopicMatcher;
import io.grapevine.localstack.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.kafka.sender.KafkaSender;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalStackExtension.class)
class MentionPublisherTests {

	private static final String ORGANIZATION = """
			name: Test Transit
			departments:
			  - id: operations
			    name: Operations
			    topics:
			      - id: delays
			        name: Delays
			        keywords: [delay]
			  - id: international
			    name: International
			    topics:
			      - id: spanish
			        name: Said in Spanish
			        keywords: [bus]
			        query: 'bus lang:es'
			""";

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final KafkaSender<String, String> sender = KafkaSender
		.create(GrapevineKafkaAutoConfiguration.senderOptions(kafka()));

	@AfterEach
	void close() {
		this.sender.close();
	}

	@Test
	void enrichesEveryMentionBeforeTaggingAndPublishesItKeyedById() {
		MentionEnricher spanish = (mention) -> mention.withEnrichment(Optional.of("es"), mention.sentiment(),
				Optional.of("cluster-" + mention.nativeId()), Optional.of(12.5));
		MentionPublisher publisher = publisher(spanish);

		StepVerifier.create(publisher.publish("test:" + this.run, List.of(mention("1", "El bus tiene delay"))))
			.verifyComplete();

		Mention published = published("test:" + this.run + "-1");
		assertThat(published.language()).contains("es");
		assertThat(published.clusterId()).contains("cluster-" + this.run + "-1");
		assertThat(published.reach()).contains(12.5);
		assertThat(published.topics()).containsExactlyInAnyOrder("delays", "spanish");
		assertThat(published.departments()).containsExactlyInAnyOrder("operations", "international");
	}

	@Test
	void publishesAMentionAsMappedWhenAnEnrichmentStepFails() {
		MentionPublisher publisher = publisher((mention) -> {
			throw new IllegalStateException("model not loaded");
		});

		StepVerifier.create(publisher.publish("test:" + this.run, List.of(mention("2", "El bus tiene delay"))))
			.verifyComplete();

		Mention published = published("test:" + this.run + "-2");
		assertThat(published.language()).isEmpty();
		assertThat(published.topics()).containsExactly("delays");
	}

	@Test
	void setsAsideAMentionTooLargeForKafkaAndPublishesTheRest() {
		MentionPublisher publisher = publisher(MentionEnricher.none());
		String instance = "test:" + this.run;

		StepVerifier.create(publisher.publish(instance, List.of(
				// The text is cut at its limit; a display name has none, and this one
				// is over Kafka's.
				Mention.builder("test", this.run + "-3")
					.url(URI.create("https://example.org/3"))
					.text("delay")
					.author(new Author("rider", Optional.of("x".repeat(1_100_000)), Optional.empty(), Optional.empty()))
					.publishedAt(Instant.parse("2026-11-20T10:00:00Z"))
					.build(),
				mention("4", "a short delay"))))
			.verifyComplete();

		assertThat(published("test:" + this.run + "-4").text()).isEqualTo("a short delay");
		assertThat(mentionKeys()).doesNotContain("test:" + this.run + "-3");
		assertThat(deadLetters(instance)).singleElement().satisfies((letter) -> {
			assertThat(letter.reason()).contains("test:" + this.run + "-3").contains("limit");
			assertThat(letter.payload()).startsWith("{").hasSize(64 * 1024);
		});
	}

	@Test
	void publishesASecondCopyFromAnotherInstanceMergedSoTheLastRecordOfTheIdIsTheRichest() {
		MentionPublisher publisher = publisher(MentionEnricher.none());
		String nativeId = "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/" + this.run;
		Mention search = Mention.builder("bluesky", nativeId)
			.url(URI.create("https://bsky.app/profile/harborrider.bsky.social/post/" + this.run))
			.text("The 14 has a delay at Harbor Station")
			.author(new Author("harborrider.bsky.social", Optional.of("Harbor Rider"), Optional.of(812L),
					Optional.empty()))
			.publishedAt(Instant.parse("2026-11-21T21:14:05Z"))
			.engagement(new io.grapevine.listening.mention.Engagement(17, 6, 2))
			.matchedBy("delay")
			.build();
		Mention firehose = Mention.builder("bluesky", nativeId)
			.url(URI.create("https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/" + this.run))
			.text("The 14 has a delay at Harbor Station")
			.author(Author.of("did:plc:z72i7hdynmk6r22z27h6tvur"))
			.publishedAt(Instant.parse("2026-11-21T21:14:05Z"))
			.language("en")
			.matchedBy("jetstream")
			.build();

		StepVerifier
			.create(publisher.publish("bluesky:harbor", List.of(search))
				.then(publisher.publish("bluesky-jetstream:firehose", List.of(firehose))))
			.verifyComplete();

		List<Mention> copies = KafkaTopics.read(bootstrapServers(), KafkaTopicNames.MENTIONS)
			.stream()
			.filter((record) -> ("bluesky:" + nativeId).equals(record.key()))
			.map((record) -> MentionJson.readMention(record.value()))
			.toList();
		assertThat(copies).hasSize(2);
		Mention last = copies.get(1);
		assertThat(last.author().handle()).isEqualTo("harborrider.bsky.social");
		assertThat(last.engagement().likes()).isEqualTo(17);
		assertThat(last.language()).contains("en");
	}

	@Test
	void aMegabyteOfTextIsPublishedCutToTheTextLimit() {
		MentionPublisher publisher = publisher(MentionEnricher.none());
		StepVerifier
			.create(publisher.publish("test:" + this.run, List.of(mention("5", "delay " + "x".repeat(1_000_000)))))
			.verifyComplete();
		assertThat(published("test:" + this.run + "-5").text()).startsWith("delay xxx")
			.endsWith("…")
			.hasSize(Mention.MAX_TEXT_CHARS);
	}

	@Test
	void deadLettersKeepTheirSourceReasonAndRawPayload() {
		MentionPublisher publisher = publisher(MentionEnricher.none());
		String instance = "webhook:" + this.run;

		StepVerifier.create(publisher.deadLetter(List.of(DeadLetter.now(instance, "no text field", "{\"body\":42}"))))
			.verifyComplete();

		assertThat(deadLetters(instance)).singleElement().satisfies((letter) -> {
			assertThat(letter.reason()).isEqualTo("no text field");
			assertThat(letter.payload()).isEqualTo("{\"body\":42}");
		});
	}

	private MentionPublisher publisher(MentionEnricher enricher) {
		TopicMatcher matcher = new TopicMatcher(OrganizationFile
			.read(new ByteArrayInputStream(ORGANIZATION.getBytes(StandardCharsets.UTF_8)), "test organization"));
		return new MentionPublisher(enricher, matcher, this.sender, new DeadLetterPublisher(this.sender));
	}

	private Mention mention(String id, String text) {
		return Mention.builder("test", this.run + "-" + id)
			.url(URI.create("https://example.org/" + id))
			.text(text)
			.author(Author.of("rider"))
			.publishedAt(Instant.parse("2026-11-20T10:00:00Z"))
			.build();
	}

	private Mention published(String id) {
		return KafkaTopics.read(bootstrapServers(), KafkaTopicNames.MENTIONS)
			.stream()
			.filter((record) -> id.equals(record.key()))
			.map((record) -> MentionJson.readMention(record.value()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no mention " + id + " on " + KafkaTopicNames.MENTIONS));
	}

	private List<String> mentionKeys() {
		return KafkaTopics.read(bootstrapServers(), KafkaTopicNames.MENTIONS)
			.stream()
			.map(ConsumerRecord::key)
			.toList();
	}

	private List<DeadLetter> deadLetters(String instance) {
		return KafkaTopics.read(bootstrapServers(), KafkaTopicNames.DEAD_LETTERS)
			.stream()
			.filter((record) -> instance.equals(record.key()))
			.map((record) -> MentionJson.readDeadLetter(record.value()))
			.toList();
	}

	static GrapevineKafkaProperties kafka() {
		GrapevineKafkaProperties properties = new GrapevineKafkaProperties(bootstrapServers(), 3, (short) 1,
				Duration.ofDays(7), Duration.ofDays(30), Duration.ofSeconds(30), 12);
		new KafkaTopicProvisioner(properties).provision();
		return properties;
	}

	private static String bootstrapServers() {
		return LocalStackExtension.stack().kafkaBootstrapServers();
	}

}
