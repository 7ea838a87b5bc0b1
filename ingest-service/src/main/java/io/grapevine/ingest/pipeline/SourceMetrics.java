package io.grapevine.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of every source instance, tagged {@code source.instance}: mentions
 * published, mentions published in the last hour, dead letters, seconds since the last
 * successful page and since the cursor last moved, whether it is up, and the requests
 * left in the API's rate-limit window.
 */
class SourceMetrics implements MeterBinder {

	private final SourceStatusBoard board;

	private final Clock clock;

	SourceMetrics(SourceStatusBoard board, Clock clock) {
		this.board = board;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (SourceStatus source : this.board.all()) {
			String instanceId = source.instanceId();
			// Not "instance": Prometheus gives that label to every scraped target.
			Tags tags = Tags.of("source.instance", instanceId);
			FunctionCounter
				.builder("grapevine.ingest.mentions.published", this.board,
						count(instanceId, SourceStatus::itemsPublished))
				.tags(tags)
				.description("Mentions the instance published since the service started")
				.register(registry);
			FunctionCounter
				.builder("grapevine.ingest.dead.letters", this.board, count(instanceId, SourceStatus::deadLetters))
				.tags(tags)
				.description("Dead letters the instance set aside since the service started")
				.register(registry);
			Gauge
				.builder("grapevine.ingest.mentions.last.hour", this.board,
						(board) -> board.publishedInTheLastHour(instanceId, this.clock.instant()))
				.tags(tags)
				.description("Mentions the instance published in the last hour")
				.register(registry);
			Gauge.builder("grapevine.ingest.last.success.age", this.board, age(instanceId, SourceStatus::lastSuccess))
				.tags(tags)
				.baseUnit("seconds")
				.description("Seconds since the instance last fetched and published a page")
				.register(registry);
			Gauge
				.builder("grapevine.ingest.cursor.age", this.board,
						age(instanceId, (status) -> status.cursor().map((cursor) -> cursor.updatedAt())))
				.tags(tags)
				.baseUnit("seconds")
				.description("Seconds since the instance's cursor last moved")
				.register(registry);
			Gauge
				.builder("grapevine.ingest.source.up", this.board,
						(board) -> board.find(instanceId)
							.filter(SourceStatus::enabled)
							.map((status) -> (status.healthy() && !status.credentialsRefused()) ? 1.0 : 0.0)
							.orElse(Double.NaN))
				.tags(tags)
				.description("1 while the instance's last round succeeded, 0 while it fails; no value when disabled")
				.register(registry);
			Gauge
				.builder("grapevine.ingest.rate.limit.remaining", this.board,
						(board) -> board.find(instanceId)
							.flatMap(SourceStatus::rateLimitRemaining)
							.map(Long::doubleValue)
							.orElse(Double.NaN))
				.tags(tags)
				.description("Requests the API last said were left in its rate-limit window")
				.register(registry);
		}
	}

	private static ToDoubleFunction<SourceStatusBoard> count(String instanceId, ToDoubleFunction<SourceStatus> value) {
		return (board) -> board.find(instanceId).map(value::applyAsDouble).orElse(0.0);
	}

	private ToDoubleFunction<SourceStatusBoard> age(String instanceId,
			Function<SourceStatus, Optional<Instant>> since) {
		return (board) -> board.find(instanceId)
			.flatMap(since)
			.map((at) -> (double) Math.max(0, Duration.between(at, this.clock.instant()).toSeconds()))
			.orElse(Double.NaN);
	}

}
