package io.grapevine.search.indexing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

class IndexerProgressTests {

	private final MovingClock clock = new MovingClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final IndexerProgress progress = new IndexerProgress(this.clock, Duration.ofMinutes(2), this.meters);

	@Test
	void anIdleIndexerWithNothingWaitingIsUpHoweverLongItWaits() {
		this.clock.pass(Duration.ofHours(5));
		assertThat(this.progress.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.meters.get(IndexerProgress.STALLED_METRIC).gauge().value()).isZero();
	}

	@Test
	void mentionsWaitingWithNothingIndexedForTheStallTimeoutTurnHealthDown() {
		this.progress.received(1000);
		this.clock.pass(Duration.ofSeconds(119));
		assertThat(this.progress.health().getStatus()).isEqualTo(Status.UP);
		this.clock.pass(Duration.ofSeconds(1));
		assertThat(this.progress.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(this.progress.health().getDetails()).containsEntry("waiting", 1000L);
		assertThat(this.meters.get(IndexerProgress.WAITING_METRIC).gauge().value()).isEqualTo(1000.0);
		assertThat(this.meters.get(IndexerProgress.STALLED_METRIC).gauge().value()).isEqualTo(120.0);
	}

	@Test
	void progressOnAnyBatchKeepsItUpAndRecoveryNeedsNoOperator() {
		this.progress.received(1000);
		this.progress.received(1000);
		this.clock.pass(Duration.ofMinutes(3));
		assertThat(this.progress.health().getStatus()).isEqualTo(Status.DOWN);
		this.progress.done(1000);
		assertThat(this.progress.health().getStatus()).isEqualTo(Status.UP);
		this.clock.pass(Duration.ofMinutes(1));
		assertThat(this.progress.health().getStatus()).isEqualTo(Status.UP);
		this.progress.done(1000);
		this.clock.pass(Duration.ofMinutes(10));
		assertThat(this.progress.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.meters.get(IndexerProgress.WAITING_METRIC).gauge().value()).isZero();
	}

	@Test
	void recordsReceivedBeforeTheConsumerClosedAreNotCountedTwiceWhenTheyComeAgain() {
		this.progress.received(3);
		this.progress.restarted();
		// Kafka delivers the three again to the new consumer, which writes them.
		this.progress.received(3);
		this.progress.done(3);
		this.clock.pass(Duration.ofMinutes(10));
		assertThat(this.progress.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.progress.health().getDetails()).containsEntry("waiting", 0L);
	}

	@Test
	void theAgeOfTheLastProgressGrowsUntilABatchIsWrittenWhetherOrNotMentionsWait() {
		this.clock.pass(Duration.ofSeconds(30));
		assertThat(this.meters.get(IndexerProgress.LAST_PROGRESS_AGE_METRIC).gauge().value()).isEqualTo(30.0);
		this.progress.received(10);
		this.clock.pass(Duration.ofSeconds(15));
		this.progress.done(10);
		assertThat(this.meters.get(IndexerProgress.LAST_PROGRESS_AGE_METRIC).gauge().value()).isZero();
		this.clock.pass(Duration.ofMinutes(5));
		assertThat(this.meters.get(IndexerProgress.LAST_PROGRESS_AGE_METRIC).gauge().value()).isEqualTo(300.0);
		assertThat(this.meters.get(IndexerProgress.STALLED_METRIC).gauge().value()).isZero();
	}

	private static final class MovingClock extends Clock {

		private Instant now = Instant.parse("2026-12-07T12:00:00Z");

		void pass(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
