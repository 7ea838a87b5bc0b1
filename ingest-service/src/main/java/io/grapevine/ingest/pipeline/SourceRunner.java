package io.grapevine.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 * them store the new cursor. Within a round the next page is fetched and prepared while
 * the last one is being acknowledged, and sent only after its cursor is stored.
 */
class SourceRunner {

	private static final Logger logger = LoggerFactory.getLogger(SourceRunner.class);

	private final Source source;

	private final MentionPublisher publisher;

	private final CursorStore cursors;

	private final SourceStatusBoard board;

	private final Clock clock;

	private final AtomicReference<Cursor> cursor = new AtomicReference<>();

	private final AtomicReference<Ahead> ahead = new AtomicReference<>();

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
		}).thenMany(Mono.defer(this::step).flatMap(Mono::delay).repeat()).doFinally((signal) -> discardAhead());
	}

	/**
	 * Publish one page, fetched by the step before when it could be, and start fetching
	 * the next while this one is on its way to Kafka.
	 * @return how long to wait before the next page
	 */
	Mono<Duration> step() {
		Cursor from = this.cursor.get();
		return ready(from).flatMap((ready) -> {
			fetchAhead(ready.page());
			return publish(from, ready).thenReturn(ready.page());
		}).map((page) -> afterPage(from, page)).onErrorResume((ex) -> {
			discardAhead();
			return Mono.just(afterError(ex));
		});
	}

	/**
	 * The page after a cursor with its mentions prepared: the one fetched ahead when it
	 * starts from this very cursor, else a fresh fetch.
	 */
	private Mono<Ready> ready(Cursor from) {
		Ahead ahead = this.ahead.getAndSet(null);
		if (ahead != null) {
			if (ahead.from() == from) {
				return Mono.fromFuture(ahead.ready());
			}
			ahead.ready().cancel(true);
		}
		return fetchAndPrepare(from);
	}

	private Mono<Ready> fetchAndPrepare(Cursor from) {
		return Mono.defer(() -> this.source.fetch(from))
			.map((page) -> new Ready(page, this.publisher.prepare(instanceId(), page.mentions())));
	}

	/**
	 * Start fetching the next page of a round at once, so that the API's answer and the
	 * enrichment overlap the acknowledgement of this page and the storing of its cursor.
	 * Nothing of it is sent before this page's cursor is stored: a stop after any stored
	 * cursor leaves nothing published past it. A page that failed, paused the source or
	 * ended the round fetches nothing ahead.
	 */
	private void fetchAhead(Page page) {
		if (page.more() && page.pauseUntil().isEmpty() && page.problem().isEmpty()) {
			this.ahead.set(new Ahead(page.next(), fetchAndPrepare(page.next()).toFuture()));
		}
	}

	private void discardAhead() {
		Ahead ahead = this.ahead.getAndSet(null);
		if (ahead != null) {
			ahead.ready().cancel(true);
		}
	}

	private Mono<Void> publish(Cursor from, Ready ready) {
		Page page = ready.page();
		Mono<Void> moved = page.next().samePositionAs(from) ? Mono.empty() : this.cursors.save(page.next());
		return this.publisher.send(ready.prepared()).then(this.publisher.deadLetter(page.deadLetters())).then(moved);
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

	/**
	 * A fetched page with its mentions ready for Kafka.
	 */
	private record Ready(Page page, MentionPublisher.Prepared prepared) {
	}

	/**
	 * The next page, fetched ahead from the cursor it starts at.
	 */
	private record Ahead(Cursor from, CompletableFuture<Ready> ready) {
	}

}
