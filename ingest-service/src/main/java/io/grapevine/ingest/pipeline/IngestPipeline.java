package io.grapevine.ingest.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.listening.KafkaTopicNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;

/**
 * Starts every enabled source instance once the stored cursors are restored, and stops
 * them with the application; each instance loops on its own, so one failing does not stop
 * the others.
 */
public class IngestPipeline implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(IngestPipeline.class);

	private final CursorStore cursors;

	private final List<SourceRunner> runners;

	private volatile Disposable running;

	IngestPipeline(CursorStore cursors, List<SourceRunner> runners) {
		this.cursors = cursors;
		this.runners = runners;
	}

	@Override
	public void start() {
		if (this.runners.isEmpty()) {
			logger.warn(
					"No source is enabled; declare instances under sources in the organization file (or set grapevine.ingest.demo.enabled for the demo sample)");
		}
		this.running = this.cursors.restore()
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
				.maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry((signal) -> logger.warn("Could not restore cursors from {}, retrying: {}",
						KafkaTopicNames.CURSORS, signal.failure().getMessage())))
			.flatMapMany(this::runAll)
			.subscribe(null, (ex) -> logger.error("The ingest pipeline stopped", ex));
	}

	private Flux<Long> runAll(Map<String, Cursor> stored) {
		return Flux.merge(this.runners.stream()
			.map((runner) -> runner.run(Optional.ofNullable(stored.get(runner.instanceId()))))
			.toList());
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null && !this.running.isDisposed();
	}

}
