package io.grapevine.ingest.pipeline;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.grapevine.ingest.KafkaTopics;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.kafka.GrapevineKafkaAutoConfiguration;
import io.grapevine.kafka.GrapevineKafkaProperties;
import io.grapevine.kafka.KafkaTopicProvisioner;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.listening.organization.TopicMatcher;
import io.grapevine.localstack.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(LocalStackExtension.class)
class SourceRunnerTests {

	private static final int PAGES = 12;

	private static final int PER_PAGE = 10;

	private final String bootstrapServers = LocalStackExtension.stack().kafkaBootstrapServers();

	private final GrapevineKafkaProperties properties = new GrapevineKafkaProperties(this.bootstrapServers, 3,
			(short) 1, Duration.ofDays(7), Duration.ofDays(30), Duration.ofSeconds(30), 12);

	private final KafkaSender<String, String> sender = KafkaSender
		.create(GrapevineKafkaAutoConfiguration.senderOptions(this.properties));

	private final String instance = "memory:runner-" + System.nanoTime();

	private final List<String> events = Collections.synchronizedList(new ArrayList<>());

	@AfterEach
	void close() {
		this.sender.close();
	}

	@Test
	void fetchesTheRoundAheadAndStoresOneCursorForThePagesThatArrivedWhileTheLastWereAcknowledged() {
		new KafkaTopicProvisioner(this.properties).provision();
		Instant started = Instant.now();
		List<Cursor> stored = new CopyOnWriteArrayList<>();
		CursorStore cursors = new CursorStore(this.properties, this.sender) {
			@Override
			public Mono<Void> save(Cursor cursor) {
				return super.save(cursor).then(Mono.fromRunnable(() -> {
					SourceRunnerTests.this.events.add("stored " + cursor.get("page").orElse("?"));
					stored.add(cursor);
				}));
			}
		};
		TopicMatcher matcher = new TopicMatcher(OrganizationFile.read(Path.of("src/test/resources/organization.yml")));
		MentionPublisher publisher = new MentionPublisher(MentionEnricher.none(), matcher, this.sender,
				new DeadLetterPublisher(this.sender));
		SourceStatusBoard board = new SourceStatusBoard();
		board.register(SourceStatus.enabled(this.instance));
		SourceRunner runner = new SourceRunner(new MemorySource(), publisher, cursors, board, Clock.systemUTC());

		Disposable running = runner.run(Optional.empty()).subscribe();
		try {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> !stored.isEmpty()
						&& String.valueOf(PAGES).equals(stored.get(stored.size() - 1).get("page").orElse(null)));
		}
		finally {
			running.dispose();
		}

		List<String> published = KafkaTopics.read(this.bootstrapServers, KafkaTopicNames.MENTIONS)
			.stream()
			.filter((record) -> record.timestamp() >= started.toEpochMilli())
			.map(ConsumerRecord::key)
			.filter((key) -> key.startsWith("memory:"))
			.toList();
		Set<String> expected = IntStream.range(0, PAGES * PER_PAGE)
			.mapToObj((n) -> "memory:" + this.instance + "-" + n)
			.collect(Collectors.toSet());
		assertThat(published).doesNotHaveDuplicates();
		assertThat(Set.copyOf(published)).isEqualTo(expected);
		assertThat(stored).as("one cursor for each set of pages sent together").hasSizeLessThan(PAGES);
		assertThat(stored).extracting((cursor) -> Integer.parseInt(cursor.get("page").orElseThrow()))
			.isSorted()
			.doesNotHaveDuplicates();
		// The second page was asked for before the first cursor was stored.
		List<String> events = List.copyOf(this.events);
		int firstStored = IntStream.range(0, events.size())
			.filter((i) -> events.get(i).startsWith("stored"))
			.findFirst()
			.orElseThrow();
		assertThat(events.indexOf("fetch 1")).isBetween(0, firstStored);
	}

	@Test
	void aKillAfterACursorOfPagesSentTogetherLosesAndRepeatsNothing() {
		Set<String> expected = IntStream.range(0, PAGES * PER_PAGE)
			.mapToObj((n) -> "memory:" + this.instance + "-" + n)
			.collect(Collectors.toSet());

		RestartHarness.Outcome outcome = RestartHarness.killAndRestart(this.instance, MemorySource::new, expected);

		assertThat(outcome.beforeRestart()).hasSizeLessThan(PAGES * PER_PAGE);
		assertThat(outcome.all()).hasSize(PAGES * PER_PAGE);
	}

	/**
	 * A source of twelve pages of ten mentions, each page at hand at once, then nothing
	 * new.
	 */
	private final class MemorySource implements Source {

		@Override
		public String instanceId() {
			return SourceRunnerTests.this.instance;
		}

		@Override
		public Duration pollInterval() {
			return Duration.ofMillis(200);
		}

		@Override
		public Mono<Page> fetch(Cursor cursor) {
			int page = Integer.parseInt(cursor.get("page").orElse("0"));
			SourceRunnerTests.this.events.add("fetch " + page);
			if (page >= PAGES) {
				return Mono.just(Page.of(List.of(), List.of(), cursor, false));
			}
			List<Mention> mentions = IntStream.range(page * PER_PAGE, (page + 1) * PER_PAGE)
				.mapToObj((n) -> Mention.builder("memory", instanceId() + "-" + n)
					.url(URI.create("https://example.org/" + n))
					.text("The number 4 bus was delayed again (" + n + ")")
					.author(Author.of("rider"))
					.publishedAt(Instant.parse("2026-11-22T08:00:00Z"))
					.build())
				.toList();
			Cursor next = cursor.moveTo(Map.of("page", String.valueOf(page + 1)), Instant.now());
			return Mono.just(Page.of(mentions, List.of(), next, page + 1 < PAGES));
		}

	}

}
