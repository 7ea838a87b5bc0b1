package io.grapevine.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs one source instance in a loop: fetch the page after the cursor, enrich, tag and
 * publish its mentions and its dead letters, and only once Kafka has acknowledged all of
 * them store the new cursor.
 */
class SourceRunner {

	private static final Logger logger = LoggerFactory.getLogger(SourceRunner.class);

	private final Source source;

	private final MentionPublisher publisher;

	private final CursorStore cursors;

	private final SourceStatusBoard board;

	private final Clock clock;

	private final AtomicReference<Cursor> cursor = new AtomicReference<>();

	SourceRunner(Source source, MentionPublisher publisher, CursorStore cursors, SourceStatusBoard board, Clock clock) {
		this.source = source;
		this.publisher = publisher;
		this.cursors = cursors;
		this.board = board;
		this.clock = clock;
	}

	String instanceId() {
		return this.source.instanceId();
	}

	/**
	 * Loop from a stored cursor until cancelled; never errors.
	 * @param stored the restored cursor, if the instance ever stored one
	 * @return the endless loop
	 */
	Flux<Long> run(Optional<Cursor> stored) {
		Cursor start = stored.orElseGet(() -> Cursor.start(instanceId(), this.clock.instant()));
		return Mono.fromRunnable(() -> {
			this.cursor.set(start);
			this.board.update(instanceId(), (status) -> status.restored(start));
			logger.info("Source {} starts from {}", instanceId(), start.position());
		}).thenMany(Mono.defer(this::step).flatMap(Mono::delay).repeat());
	}

	/**
	 * Fetch and publish one page.
	 * @return how long to wait before the next page
	 */
	Mono<Duration> step() {
		Cursor from = this.cursor.get();
		return Mono.defer(() -> this.source.fetch(from))
			.flatMap((page) -> publish(from, page).thenReturn(page))
			.map((page) -> afterPage(from, page))
			.onErrorResume((ex) -> Mono.just(afterError(ex)));
	}

	private Mono<Void> publish(Cursor from, Page page) {
		Mono<Void> moved = page.next().samePositionAs(from) ? Mono.empty() : this.cursors.save(page.next());
		return this.publisher.publish(instanceId(), page.mentions())
			.then(this.publisher.deadLetter(page.deadLetters()))
			.then(moved);
	}

	private Duration afterPage(Cursor from, Page page) {
		Instant now = this.clock.instant();
		this.cursor.set(page.next());
		if (page.problem().isPresent()) {
			logger.warn("Source {} could not use the page after position {}: {}; next from {}", instanceId(),
					from.position(), page.problem().get(), page.next().position());
			this.board.update(instanceId(), (status) -> status.failed(page.problem().get(), page.deadLetters().size(),
					page.pauseUntil(), page.credentialsRefused(), page.rateLimitRemaining(), now));
		}
		else {
			if (!page.mentions().isEmpty() || !page.deadLetters().isEmpty()) {
				logger.info("Source {} published {} mentions and {} dead letters; cursor now {}", instanceId(),
						page.mentions().size(), page.deadLetters().size(), page.next().position());
			}
			this.board.update(instanceId(), (status) -> status.published(page.next(), page.mentions().size(),
					page.deadLetters().size(), page.pauseUntil(), page.rateLimitRemaining(), now));
			this.board.recordPublished(instanceId(), page.mentions().size(), now);
		}
		if (page.pauseUntil().isPresent()) {
			Duration pause = Duration.between(now, page.pauseUntil().get());
			logger.info("Source {} paused until {}", instanceId(), page.pauseUntil().get());
			return pause.isNegative() ? Duration.ZERO : pause;
		}
		return page.more() ? Duration.ZERO : this.source.pollInterval();
	}

	private Duration afterError(Throwable ex) {
		String message = (ex instanceof MentionPublisher.MentionsNotPublishedException) ? ex.getMessage()
				: ex.getClass().getSimpleName() + ": " + ex.getMessage();
		logger.error("Source {} failed; retrying from the same cursor in {}", instanceId(), this.source.pollInterval(),
				ex);
		this.board.update(instanceId(),
				(status) -> status.failed(message, 0, Optional.empty(), false, Optional.empty(), this.clock.instant()));
		return this.source.pollInterval();
	}

}
