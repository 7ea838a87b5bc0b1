package io.grapevine.ingest.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.grapevine.ingest.KafkaTopics;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Source;
import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.kafka.GrapevineKafkaAutoConfiguration;
import io.grapevine.kafka.GrapevineKafkaProperties;
import io.grapevine.kafka.KafkaTopicProvisioner;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.listening.organization.TopicMatcher;
import io.grapevine.localstack.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills a source instance between two pages and restarts it from the cursor stored in
 * {@code ingest.cursors}, through the real pipeline on the real Kafka, then checks that
 * every item of the fake API reached {@code mentions} exactly once.
 * <p>
 * To apply it to a source, in a test class annotated
 * {@code @ExtendWith(LocalStackExtension.class)}:
 * <ol>
 * <li>fill the source's fake API with more items than one page holds (and use a small
 * page size and a poll interval of a few hundred milliseconds), with ids unique to the
 * run;</li>
 * <li>call {@link #killAndRestart} with the instance id, a supplier that makes a fresh
 * source instance pointing at the fake (called once before and once after the kill), and
 * the mention ids the fake's items map to.</li>
 * </ol>
 * The first run is stopped as soon as its {@code stopAfter}-th cursor is stored, before
 * the runner may fetch the next page: what it published but had not yet recorded in a
 * cursor is what a real crash would leave behind. The second run starts from the stored
 * cursor like the service does after a restart, and is stopped once every expected id is
 * on {@code mentions} and one more poll brought nothing new.
 */
public final class RestartHarness {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final KafkaSender<String, String> sender;

	private final CursorStore cursors;

	private final MentionPublisher publisher;

	private final String bootstrapServers;

	private RestartHarness() {
		this.bootstrapServers = LocalStackExtension.stack().kafkaBootstrapServers();
		GrapevineKafkaProperties properties = new GrapevineKafkaProperties(this.bootstrapServers, 3, (short) 1,
				Duration.ofDays(7), Duration.ofDays(30), Duration.ofSeconds(30), 12);
		new KafkaTopicProvisioner(properties).provision();
		this.sender = KafkaSender.create(GrapevineKafkaAutoConfiguration.senderOptions(properties));
		this.cursors = new CursorStore(properties, this.sender);
		TopicMatcher matcher = new TopicMatcher(OrganizationFile.read(Path.of("src/test/resources/organization.yml")));
		this.publisher = new MentionPublisher(MentionEnricher.none(), matcher, this.sender,
				new DeadLetterPublisher(this.sender));
	}

	/**
	 * Run a source instance, kill it after its first stored cursor, restart it from that
	 * cursor, and assert that the mentions published are exactly the expected ones, each
	 * once.
	 * @param instanceId the instance id, unique to the test run
	 * @param sources makes a fresh instance of the source, pointing at the fake API
	 * @param expectedIds the mention ids of every item the fake holds
	 * @return what happened, for further assertions
	 */
	public static Outcome killAndRestart(String instanceId, Supplier<Source> sources, Set<String> expectedIds) {
		return killAndRestart(instanceId, sources, expectedIds, 1);
	}

	/**
	 * Run a source instance, kill it once it has stored a number of cursors, restart it
	 * from the last one, and assert that the mentions published are exactly the expected
	 * ones, each once.
	 * @param instanceId the instance id, unique to the test run
	 * @param sources makes a fresh instance of the source, pointing at the fake API
	 * @param expectedIds the mention ids of every item the fake holds
	 * @param stopAfter how many cursors the first run stores before it is killed
	 * @return what happened, for further assertions
	 */
	public static Outcome killAndRestart(String instanceId, Supplier<Source> sources, Set<String> expectedIds,
			int stopAfter) {
		return killAndRestart(instanceId, sources, expectedIds, stopAfter, () -> {
		});
	}

	/**
	 * Run a source instance, kill it once it has stored a number of cursors, restart it
	 * from the last one, and assert that the mentions published are exactly the expected
	 * ones, each once. For sources whose first read takes only the newest page (Mastodon,
	 * YouTube), {@code afterFirstCursor} publishes at the fake what the next rounds are
	 * to read, and {@code stopAfter} is 2 or more so that the kill falls within such a
	 * round.
	 * @param instanceId the instance id, unique to the test run
	 * @param sources makes a fresh instance of the source, pointing at the fake API
	 * @param expectedIds the mention ids of every item the fake holds in the end
	 * @param stopAfter how many cursors the first run stores before it is killed
	 * @param afterFirstCursor runs once the first cursor is stored, before the runner
	 * goes on
	 * @return what happened, for further assertions
	 */
	public static Outcome killAndRestart(String instanceId, Supplier<Source> sources, Set<String> expectedIds,
			int stopAfter, Runnable afterFirstCursor) {
		RestartHarness harness = new RestartHarness();
		try {
			return harness.run(instanceId, sources, expectedIds, stopAfter, afterFirstCursor);
		}
		finally {
			harness.sender.close();
		}
	}

	private Outcome run(String instanceId, Supplier<Source> sources, Set<String> expectedIds, int stopAfter,
			Runnable afterFirstCursor) {
		Instant started = Instant.now();
		SourceStatusBoard board = new SourceStatusBoard();
		board.register(SourceStatus.enabled(instanceId));
		Optional<Cursor> before = stored(instanceId);
		assertThat(before)
			.as("a cursor of %s stored before the first run; use an instance id unique to the run", instanceId)
			.isEmpty();

		AtomicInteger saved = new AtomicInteger();
		AtomicReference<Disposable> first = new AtomicReference<>();
		CursorStore killing = new CursorStore(null, this.sender) {
			@Override
			public Mono<Void> save(Cursor cursor) {
				return RestartHarness.this.cursors.save(cursor).then(Mono.fromRunnable(() -> {
					int count = saved.incrementAndGet();
					if (count == 1) {
						afterFirstCursor.run();
					}
					if (count == stopAfter) {
						// The cursor is in Kafka; the runner is killed before it can
						// continue.
						first.get().dispose();
					}
				}));
			}
		};
		Source firstSource = sources.get();
		assertThat(firstSource.instanceId()).isEqualTo(instanceId);
		SourceRunner firstRunner = new SourceRunner(firstSource, this.publisher, killing, board, Clock.systemUTC());
		first.set(firstRunner.run(Optional.empty()).subscribe());
		await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> first.get().isDisposed());
		Cursor killedAt = stored(instanceId).orElseThrow();
		List<String> beforeRestart = published(started, expectedIds);
		assertThat(beforeRestart).as("mentions published before the kill").isNotEmpty();
		assertThat(Set.copyOf(beforeRestart)).as("the first run was killed after its last page")
			.isNotEqualTo(expectedIds);

		SourceRunner second = new SourceRunner(sources.get(), this.publisher, this.cursors, board, Clock.systemUTC());
		Disposable running = second.run(Optional.of(killedAt)).subscribe();
		try {
			await().atMost(WAIT)
				.pollInterval(Duration.ofMillis(300))
				.until(() -> published(started, expectedIds).containsAll(expectedIds));
			Instant caughtUp = Instant.now();
			await().atMost(WAIT)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> board.find(instanceId)
					.flatMap(SourceStatus::lastSuccess)
					.filter((success) -> success.isAfter(caughtUp))
					.isPresent());
		}
		finally {
			running.dispose();
		}
		List<String> all = published(started, expectedIds);
		assertThat(all).as("mentions published by the two runs").doesNotHaveDuplicates();
		assertThat(Set.copyOf(all)).isEqualTo(expectedIds);
		return new Outcome(killedAt, beforeRestart, all);
	}

	private Optional<Cursor> stored(String instanceId) {
		Map<String, Cursor> all = this.cursors.restore().block(WAIT);
		return Optional.ofNullable((all != null) ? all.get(instanceId) : null);
	}

	/**
	 * The keys of the mentions written since a time whose source matches one of the
	 * expected ids' sources, so that anything unexpected the source published counts too.
	 */
	private List<String> published(Instant since, Set<String> expectedIds) {
		Set<String> sources = expectedIds.stream()
			.map((id) -> id.substring(0, id.indexOf(':') + 1))
			.collect(java.util.stream.Collectors.toSet());
		return KafkaTopics.read(this.bootstrapServers, KafkaTopicNames.MENTIONS)
			.stream()
			.filter((record) -> record.timestamp() >= since.toEpochMilli())
			.map(ConsumerRecord::key)
			.filter((key) -> sources.stream().anyMatch(key::startsWith))
			.toList();
	}

	/**
	 * What a kill and restart did.
	 *
	 * @param killedAt the cursor stored when the first run was killed
	 * @param beforeRestart the mention ids published before the kill
	 * @param all the mention ids published by both runs, in the order Kafka holds them
	 */
	public record Outcome(Cursor killedAt, List<String> beforeRestart, List<String> all) {
	}

}
