package io.grapevine.ingest.source.bluesky;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.organization.Organization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads new Bluesky posts and reposts from a Jetstream websocket
 * ({@code /subscribe?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost&cursor=<time_us>})
 * and keeps the posts that match the organization's topics and those its own accounts
 * wrote, and the reposts of those posts, counted on them (see
 * {@link JetstreamEventMapper}).
 *
 * <p>
 * Each fetch connects from the stored cursor, reads at most {@code max-events} events or
 * for {@code read-for}, whichever comes first, and closes; the page's cursor is the
 * {@code time_us} of the last event read, so the stream moves on only once the pipeline
 * has published the page, and a restart replays from there. Position keys:
 * {@code time_us}, and {@code read_at_time_us}, how many events with that time were read
 * (several can share a microsecond). Jetstream replays from the event at the cursor:
 * without a rewind the source passes over the events read before, so each is published
 * once; with a rewind it keeps them, and their ids make the repeats harmless. A
 * connection that drops mid-read still yields the events read before. Without a stored
 * cursor the read starts live, with no backfill. The source waits for the poll interval
 * when a read brought nothing new.
 */
class BlueskyJetstreamSource implements Source {

	static final String TIME_US = "time_us";

	static final String READ_AT_TIME_US = "read_at_time_us";

	private static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(BlueskyJetstreamSource.class);

	private final String instanceId;

	private final BlueskyJetstreamSettings settings;

	private final JetstreamEventMapper mapper;

	private final WebSocketClient client;

	private final Clock clock;

	BlueskyJetstreamSource(String instanceId, BlueskyJetstreamSettings settings, Organization organization,
			Clock clock) {
		this.instanceId = instanceId;
		this.settings = settings;
		this.clock = clock;
		this.mapper = new JetstreamEventMapper(instanceId, organization, clock);
		this.client = new ReactorNettyWebSocketClient(HttpClient.create(),
				() -> WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME_BYTES));
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public Duration pollInterval() {
		return this.settings.pollInterval();
	}

	@Override
	public Mono<Page> fetch(Cursor cursor) {
		Optional<Long> from = cursor.get(TIME_US).flatMap(BlueskyJetstreamSource::micros);
		URI uri = uri(from);
		// Without a rewind the replay starts at the last event read, which was published
		// with its page: pass over it (and any sharing its microsecond) instead of
		// publishing it twice. With a rewind the times may come from another instance's
		// clock, so everything is kept; the ids make the repeats harmless.
		Optional<JetstreamEventMapper.Resume> resume = this.settings.rewind().isZero()
				? from.map((micros) -> new JetstreamEventMapper.Resume(micros,
						cursor.get(READ_AT_TIME_US).flatMap(BlueskyJetstreamSource::micros).orElse(1L).intValue()))
				: Optional.empty();
		// The events passed over do not count against max-events.
		long maxEvents = this.settings.maxEvents() + resume.map(JetstreamEventMapper.Resume::readAtTime).orElse(0);
		Sinks.One<Read> read = Sinks.one();
		return this.client
			.execute(uri,
					(session) -> session.receive()
						.map(WebSocketMessage::getPayloadAsText)
						.take(maxEvents)
						.take(this.settings.readFor())
						.map(Event::new)
						.cast(Received.class)
						.onErrorResume((ex) -> Flux.just(new Dropped(ex)))
						.collectList()
						.doOnNext((received) -> read.tryEmitValue(Read.of(received)))
						.then())
			.then(Mono.defer(read::asMono))
			.timeout(this.settings.readFor().plus(this.settings.connectTimeout()))
			.map((events) -> page(cursor, resume, uri, events))
			.onErrorResume((ex) -> Mono.just(unreachable(cursor, uri, ex)));
	}

	URI uri(Optional<Long> from) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(this.settings.url())
			.replaceQueryParam("wantedCollections", BlueskyPosts.POST_COLLECTION, BlueskyPosts.REPOST_COLLECTION);
		from.map((micros) -> Math.max(0, micros - this.settings.rewind().toNanos() / 1000))
			.ifPresent((micros) -> uri.replaceQueryParam("cursor", micros));
		return uri.build(true).toUri();
	}

	private Page page(Cursor cursor, Optional<JetstreamEventMapper.Resume> resume, URI uri, Read read) {
		Instant now = this.clock.instant();
		JetstreamEventMapper.Mapped mapped = this.mapper.map(read.events(), resume);
		Cursor next = mapped.lastTimeUs()
			.filter((micros) -> mapped.moved())
			.map((micros) -> cursor.moveTo(
					Map.of(TIME_US, String.valueOf(micros), READ_AT_TIME_US, String.valueOf(mapped.readAtLastTime())),
					now))
			.orElse(cursor);
		if (read.dropped().isPresent()) {
			Throwable ex = read.dropped().get();
			logger.info("Source {}: the Jetstream connection to {} dropped after {} events ({}: {})", instanceId(),
					uri.getHost(), mapped.eventCount(), ex.getClass().getSimpleName(), ex.getMessage());
		}
		logger.debug("Source {} read {} Jetstream events: {} mentions, {} dead letters, {} skipped", instanceId(),
				mapped.eventCount(), mapped.mentions().size(), mapped.deadLetters().size(), mapped.skippedCount());
		return Page.of(mapped.mentions(), mapped.deadLetters(), next, mapped.moved());
	}

	private Page unreachable(Cursor cursor, URI uri, Throwable ex) {
		String reason = "Grapevine could not read the Jetstream at " + this.settings.url() + " ("
				+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + "); check "
				+ "the url setting or try another Jetstream instance";
		logger.warn("Source {}: {}", instanceId(), reason);
		return Page.failed(cursor, reason, List.<DeadLetter>of())
			.pausedUntil(this.clock.instant().plus(pollInterval()));
	}

	private static Optional<Long> micros(String value) {
		try {
			long micros = Long.parseLong(value.strip());
			return (micros > 0) ? Optional.of(micros) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * What came over the websocket: an event, or the connection dropping.
	 */
	private sealed interface Received permits Event, Dropped {

	}

	private record Event(String text) implements Received {

	}

	private record Dropped(Throwable cause) implements Received {

	}

	/**
	 * The events of one read and whether the connection dropped before it ended.
	 *
	 * @param events the raw events
	 * @param dropped the failure that ended the read early, if any
	 */
	private record Read(List<String> events, Optional<Throwable> dropped) {

		static Read of(List<Received> received) {
			List<String> events = received.stream()
				.filter(Event.class::isInstance)
				.map((event) -> ((Event) event).text())
				.toList();
			Optional<Throwable> dropped = received.stream()
				.filter(Dropped.class::isInstance)
				.map((drop) -> ((Dropped) drop).cause())
				.findFirst();
			return new Read(events, dropped);
		}

	}

}
