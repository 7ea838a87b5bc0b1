package io.grapevine.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import io.grapevine.listening.mention.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

/**
 * Runs one source instance in a loop: fetch the page after the cursor, enrich, tag and
 * publish its mentions and its dead letters, and only once Kafka has acknowledged all of
 * them store the new cursor. Within a round the pages that follow are fetched and
 * prepared while the last ones are being acknowledged, and the pages that arrived
 * meanwhile go out together under one cursor.
 */
class SourceRunner {

	private static final Logger logger = LoggerFactory.getLogger(SourceRunner.class);

	private final Source source;

	private final MentionPublisher publisher;

	private final CursorStore cursors;

	private final SourceStatusBoard board;

	private final Clock clock;

	/** Pages fetched ahead at most. */
	static final int PAGES_AHEAD = 8;

	/** Where fetched pages are enriched, tagged and written. */
	private static final Executor PREPARING = (task) -> Schedulers.parallel().schedule(task);

	/**
	 * Mentions sent before one cursor is stored, at most (unless one page holds more).
	 */
	static final int BATCH_MENTIONS = 1000;

	private final AtomicReference<Cursor> cursor = new AtomicReference<>();

	/** Pages fetched, or being fetched, ahead of the cursor, in order. */
	private final ArrayDeque<Ahead> ahead = new ArrayDeque<>();

	/** The newest page fetched ahead, when the buffer was full as it arrived. */
	private Page waiting;

	/** Changes when the pages ahead are discarded, so that a late arrival is ignored. */
	private long generation;

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
	Mono<Void> run(Optional<Cursor> stored) {
		return run(stored, Mono.never());
	}

	/**
	 * Loop from a stored cursor until {@code stop} completes, then finish the pages on
	 * their way to Kafka and store their cursor before completing, so that the next owner
	 * of the instance starts where this one stopped; never errors. The wait between two
	 * pages is cut short by {@code stop}; a cancellation stops at once, leaving what was
	 * not yet under a stored cursor to be fetched again.
	 * @param stored the restored cursor, if the instance ever stored one
	 * @param stop completes when the instance should stop
	 * @return the loop
	 */
	Mono<Void> run(Optional<Cursor> stored, Mono<Void> stop) {
		Cursor start = stored.orElseGet(() -> Cursor.start(instanceId(), this.clock.instant()));
		AtomicBoolean stopping = new AtomicBoolean();
		Mono<Void> stopped = stop.doOnTerminate(() -> stopping.set(true)).cache();
		return Mono.fromRunnable(() -> {
			this.cursor.set(start);
			this.board.update(instanceId(), (status) -> status.restored(start));
			logger.info("Source {} starts from {}", instanceId(), start.position());
		})
			.then(Mono.defer(this::step)
				.flatMap((wait) -> Mono.firstWithSignal(Mono.delay(wait).then(), stopped))
				.repeat(() -> !stopping.get())
				.then())
			.doFinally((signal) -> {
				discardAhead();
				Cursor last = this.cursor.get();
				logger.info("Source {} stops at {} ({})", instanceId(), (last != null) ? last.position() : Map.of(),
						(signal == SignalType.CANCEL) ? "cancelled" : "stopped");
			});
	}

	/**
	 * Publish the page after the cursor together with the pages of the same round that
	 * were fetched ahead meanwhile, then store the cursor after the last of them; the
	 * pages that follow go on being fetched while these are on their way to Kafka.
	 * @return how long to wait before the next page
	 */
	Mono<Duration> step() {
		Cursor from = this.cursor.get();
		boolean[] fresh = new boolean[1];
		return Mono.defer(() -> first(from, fresh)).flatMap((first) -> {
			// A page fetched afresh had nothing on its way to Kafka to wait behind: it
			// goes
			// out at once, alone. Pages that arrive while it is acknowledged go together.
			List<Ready> batch = batch(first, fresh[0] ? 1 : Integer.MAX_VALUE);
			return publish(from, batch).thenReturn(batch);
		}).map((batch) -> afterPages(from, batch)).onErrorResume((ex) -> {
			discardAhead();
			return Mono.just(afterError(ex));
		});
	}

	/**
	 * The page after a cursor with its mentions prepared: the one fetched ahead when it
	 * starts from this very cursor, else a fresh fetch, from which the fetching ahead
	 * goes on.
	 */
	private Mono<Ready> first(Cursor from, boolean[] fresh) {
		synchronized (this.ahead) {
			Ahead head = this.ahead.peekFirst();
			fresh[0] = head == null || head.from() != from;
			if (fresh[0]) {
				discardAheadLocked();
				fetch(from);
				head = this.ahead.peekFirst();
			}
			return Mono.fromFuture(head.ready());
		}
	}

	/**
	 * The first page and the pages after it that have arrived already, in order, up to
	 * {@link #BATCH_MENTIONS} mentions and a number of pages.
	 */
	private List<Ready> batch(Ready first, int maxPages) {
		synchronized (this.ahead) {
			List<Ready> batch = new ArrayList<>();
			batch.add(first);
			Ahead head = this.ahead.peekFirst();
			if (head != null && head.ready().isDone() && !head.ready().isCompletedExceptionally()
					&& head.ready().join() == first) {
				this.ahead.pollFirst();
			}
			int mentions = first.prepared().records().size();
			Ready last = first;
			while (continues(last.page()) && mentions < BATCH_MENTIONS && batch.size() < maxPages) {
				Ahead next = this.ahead.peekFirst();
				if (next == null || next.from() != last.page().next() || !next.ready().isDone()
						|| next.ready().isCompletedExceptionally()) {
					break;
				}
				last = next.ready().join();
				this.ahead.pollFirst();
				batch.add(last);
				mentions += last.prepared().records().size();
			}
			// The buffer has room again: the fetching ahead goes on if it had stopped.
			if (this.waiting != null && this.ahead.size() < PAGES_AHEAD) {
				Page resume = this.waiting;
				this.waiting = null;
				fetch(resume.next());
			}
			return batch;
		}
	}

	/**
	 * Start fetching the page after a cursor; once it has arrived, the page after it is
	 * fetched in turn while the round goes on and fewer than {@link #PAGES_AHEAD} pages
	 * wait. A page that failed, paused the source or ended the round fetches nothing
	 * ahead. Must hold the lock of {@code ahead}.
	 */
	private void fetch(Cursor from) {
		long generation = this.generation;
		CompletableFuture<Page> page = Mono.defer(() -> this.source.fetch(from)).toFuture();
		// The page is enriched off the thread that fetched it, so that the next request
		// goes out while this page is being prepared.
		CompletableFuture<Ready> ready = page.thenApplyAsync(
				(fetched) -> new Ready(fetched, this.publisher.prepare(instanceId(), fetched.mentions())), PREPARING);
		this.ahead.addLast(new Ahead(from, page, ready));
		page.whenComplete((fetched, error) -> {
			synchronized (this.ahead) {
				if (error != null || generation != this.generation || !continues(fetched)) {
					return;
				}
				if (this.ahead.size() < PAGES_AHEAD) {
					fetch(fetched.next());
				}
				else {
					this.waiting = fetched;
				}
			}
		});
	}

	private static boolean continues(Page page) {
		return page.more() && page.pauseUntil().isEmpty() && page.problem().isEmpty();
	}

	private void discardAhead() {
		synchronized (this.ahead) {
			discardAheadLocked();
		}
	}

	private void discardAheadLocked() {
		this.generation++;
		this.waiting = null;
		this.ahead.forEach((ahead) -> {
			ahead.page().cancel(true);
			ahead.ready().cancel(true);
		});
		this.ahead.clear();
	}

	/**
	 * Send the mentions and dead letters of the pages, then store the cursor after the
	 * last one: a stop after any stored cursor leaves nothing published past it.
	 */
	private Mono<Void> publish(Cursor from, List<Ready> batch) {
		Page last = batch.get(batch.size() - 1).page();
		Mono<Void> moved = last.next().samePositionAs(from) ? Mono.empty() : this.cursors.save(last.next());
		List<DeadLetter> deadLetters = batch.stream().flatMap((ready) -> ready.page().deadLetters().stream()).toList();
		return this.publisher.send(MentionPublisher.Prepared.of(batch.stream().map(Ready::prepared).toList()))
			.then(this.publisher.deadLetter(deadLetters))
			.then(moved);
	}

	private Duration afterPages(Cursor from, List<Ready> batch) {
		Cursor pageFrom = from;
		Duration wait = Duration.ZERO;
		for (Ready ready : batch) {
			wait = afterPage(pageFrom, ready.page());
			pageFrom = ready.page().next();
		}
		return wait;
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
	private record Ahead(Cursor from, CompletableFuture<Page> page, CompletableFuture<Ready> ready) {
	}

}
