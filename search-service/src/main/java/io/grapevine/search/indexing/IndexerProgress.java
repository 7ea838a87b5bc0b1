package io.grapevine.search.indexing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * What the indexer has received and not yet indexed, and when it last made progress: as
 * meters ({@code grapevine.indexer.waiting}, {@code grapevine.indexer.stalled},
 * {@code grapevine.indexer.last.progress.age}) and as the {@code indexer} health, which
 * turns DOWN when mentions wait and nothing has been indexed for the stall timeout, so a
 * stuck indexer is seen, not only a dead one.
 */
public class IndexerProgress implements HealthIndicator {

	/** The gauge of mentions received and not yet indexed. */
	public static final String WAITING_METRIC = "grapevine.indexer.waiting";

	/** The gauge of how long mentions have waited with no progress, in seconds. */
	public static final String STALLED_METRIC = "grapevine.indexer.stalled";

	/** The gauge of the seconds since a batch was last written and acknowledged. */
	public static final String LAST_PROGRESS_AGE_METRIC = "grapevine.indexer.last.progress.age";

	private final Clock clock;

	private final Duration stallTimeout;

	private long waiting;

	private Instant lastProgress;

	private Instant waitingSince;

	IndexerProgress(Clock clock, Duration stallTimeout, MeterRegistry meterRegistry) {
		this.clock = clock;
		this.stallTimeout = stallTimeout;
		this.lastProgress = clock.instant();
		Gauge.builder(WAITING_METRIC, this, IndexerProgress::waiting)
			.description("Mentions the indexer has received and not yet indexed")
			.baseUnit("mentions")
			.register(meterRegistry);
		Gauge.builder(STALLED_METRIC, this, (progress) -> progress.stalledFor().toMillis() / 1000.0)
			.description("How long mentions have waited while nothing was indexed")
			.baseUnit("seconds")
			.register(meterRegistry);
		Gauge.builder(LAST_PROGRESS_AGE_METRIC, this, (progress) -> progress.lastProgressAge().toMillis() / 1000.0)
			.description("Seconds since the indexer last wrote and acknowledged a batch (or started)")
			.baseUnit("seconds")
			.register(meterRegistry);
	}

	/**
	 * Notes a batch received from Kafka.
	 * @param records how many records it holds
	 */
	synchronized void received(int records) {
		if (this.waiting == 0) {
			this.waitingSince = this.clock.instant();
		}
		this.waiting += records;
	}

	/**
	 * Notes a batch written (indexed or dead-lettered) and acknowledged.
	 * @param records how many records it held
	 */
	synchronized void done(int records) {
		this.waiting = Math.max(0, this.waiting - records);
		this.lastProgress = this.clock.instant();
		if (this.waiting == 0) {
			this.waitingSince = null;
		}
	}

	/**
	 * Forgets what was received and not written: the indexer's consumer was closed (a
	 * stop, or the pipeline started again after a failure), so those records were never
	 * acknowledged and Kafka delivers them again, to be counted then.
	 */
	synchronized void restarted() {
		this.waiting = 0;
		this.waitingSince = null;
	}

	synchronized Duration lastProgressAge() {
		Duration age = Duration.between(this.lastProgress, this.clock.instant());
		return age.isNegative() ? Duration.ZERO : age;
	}

	synchronized double waiting() {
		return this.waiting;
	}

	/**
	 * How long mentions have waited with nothing indexed meanwhile.
	 * @return zero when nothing waits
	 */
	synchronized Duration stalledFor() {
		if (this.waiting == 0 || this.waitingSince == null) {
			return Duration.ZERO;
		}
		Instant since = this.lastProgress.isAfter(this.waitingSince) ? this.lastProgress : this.waitingSince;
		Duration stalled = Duration.between(since, this.clock.instant());
		return stalled.isNegative() ? Duration.ZERO : stalled;
	}

	@Override
	public synchronized Health health() {
		Duration stalled = stalledFor();
		Health.Builder health = stalled.compareTo(this.stallTimeout) >= 0 ? Health.down() : Health.up();
		return health.withDetail("waiting", this.waiting)
			.withDetail("lastProgress", this.lastProgress.toString())
			.withDetail("stalledSeconds", stalled.toSeconds())
			.withDetail("stallTimeout", this.stallTimeout.toString())
			.build();
	}

}
