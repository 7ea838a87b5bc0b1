package io.grapevine.ingest.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.RequestBudget;
import io.grapevine.ingest.source.Source;
import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.kafka.GrapevineKafkaAutoConfiguration;
import io.grapevine.kafka.GrapevineKafkaProperties;
import io.grapevine.kafka.KafkaTopicProvisioner;
import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.listening.organization.TopicMatcher;
import io.grapevine.localstack.LocalStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.kafka.sender.KafkaSender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a source instance spends of its request budget is stored with its cursor, so that
 * the next owner never counts fewer requests than were sent: exactly after a graceful
 * stop, and with the requests that may have followed the last cursor after a kill.
 */
@ExtendWith(LocalStackExtension.class)
class SourceRunnerBudgetTests {

	private final GrapevineKafkaProperties properties = new GrapevineKafkaProperties(
			LocalStackExtension.stack().kafkaBootstrapServers(), 3, (short) 1, Duration.ofDays(7), Duration.ofDays(30),
			Duration.ofSeconds(30), 12);

	private final KafkaSender<String, String> sender = KafkaSender
		.create(GrapevineKafkaAutoConfiguration.senderOptions(this.properties));

	private final List<Cursor> stored = new CopyOnWriteArrayList<>();

	private final BudgetedSource source = new BudgetedSource("memory:budget-" + System.nanoTime());

	private SourceRunner runner;

	@BeforeEach
	void runner() {
		new KafkaTopicProvisioner(this.properties).provision();
		CursorStore cursors = new CursorStore(this.properties, this.sender) {
			@Override
			public Mono<Void> save(Cursor cursor) {
				return super.save(cursor)
					.then(Mono.fromRunnable(() -> SourceRunnerBudgetTests.this.stored.add(cursor)));
			}
		};
		TopicMatcher matcher = new TopicMatcher(OrganizationFile.read(Path.of("src/test/resources/organization.yml")));
		MentionPublisher publisher = new MentionPublisher(MentionEnricher.none(), matcher, this.sender,
				new DeadLetterPublisher(this.sender));
		SourceStatusBoard board = new SourceStatusBoard();
		board.register(SourceStatus.enabled(this.source.instanceId()));
		this.runner = new SourceRunner(this.source, publisher, cursors, board, Clock.systemUTC());
	}

	@AfterEach
	void close() {
		this.sender.close();
	}

	@Test
	void aCursorStoredWhileTheInstanceRunsClaimsTheRequestsThatMayFollowIt() {
		Disposable running = this.runner.run(Optional.empty()).subscribe();
		await().atMost(Duration.ofSeconds(60)).until(() -> this.stored.size() >= 5);
		// Cancelled, as a killed replica stops: no last word.
		running.dispose();
		int sent = this.source.budget.spent().orElseThrow().requests();

		RequestBudget.Spent claimed = this.stored.get(this.stored.size() - 1).budget().orElseThrow();

		assertThat(claimed.requests()).isGreaterThanOrEqualTo(sent);
		assertThat(claimed.requests()).isLessThanOrEqualTo(sent + SourceRunner.UNSTORED_REQUESTS);
	}

	@Test
	void theCursorStoredOnAGracefulStopClaimsExactlyWhatWasSpent() {
		Sinks.Empty<Void> stop = Sinks.empty();
		Disposable running = this.runner.run(Optional.empty(), stop.asMono()).subscribe();
		await().atMost(Duration.ofSeconds(60)).until(() -> this.stored.size() >= 5);
		stop.tryEmitEmpty();
		await().atMost(Duration.ofSeconds(30)).until(running::isDisposed);

		RequestBudget.Spent last = this.stored.get(this.stored.size() - 1).budget().orElseThrow();

		assertThat(last).isEqualTo(this.source.budget.spent().orElseThrow());
	}

	@Test
	void theNextOwnerResumesTheStoredCount() {
		Instant windowStart = Instant.now().minusSeconds(60);
		Cursor stored = Cursor.start(this.source.instanceId(), Instant.now())
			.withBudget(Optional.of(new RequestBudget.Spent(windowStart, 995)));
		Sinks.Empty<Void> stop = Sinks.empty();
		Disposable running = this.runner.run(Optional.of(stored), stop.asMono()).subscribe();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.source.refused > 0);
		stop.tryEmitEmpty();
		await().atMost(Duration.ofSeconds(30)).until(running::isDisposed);

		assertThat(this.source.sent).isEqualTo(BudgetedSource.LIMIT - 995);
		assertThat(this.source.budget.spent()).contains(new RequestBudget.Spent(windowStart, BudgetedSource.LIMIT));
	}

	/** A source that pages on and on, within an hourly budget. */
	private static final class BudgetedSource implements Source {

		static final int LIMIT = 1000;

		private final String instanceId;

		private final RequestBudget budget = new RequestBudget(LIMIT, Duration.ofHours(1));

		private volatile int sent;

		private volatile int refused;

		BudgetedSource(String instanceId) {
			this.instanceId = instanceId;
		}

		@Override
		public String instanceId() {
			return this.instanceId;
		}

		@Override
		public Duration pollInterval() {
			return Duration.ofMillis(50);
		}

		@Override
		public Optional<RequestBudget> budget() {
			return Optional.of(this.budget);
		}

		@Override
		public synchronized Mono<Page> fetch(Cursor cursor) {
			Optional<Instant> spent = this.budget.spend(Instant.now());
			if (spent.isPresent()) {
				this.refused++;
				return Mono.just(Page.of(List.of(), List.of(), cursor, false).pausedUntil(spent.get()));
			}
			this.sent++;
			int page = Integer.parseInt(cursor.get("page").orElse("0"));
			Cursor next = cursor.moveTo(Map.of("page", String.valueOf(page + 1)), Instant.now());
			return Mono.just(Page.of(List.of(), List.of(), next, true));
		}

	}

}
