package io.grapevine.ingest.source.rss;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.RetryAfter;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reads every feed of an {@code rss} instance once per poll, with conditional GETs, and
 * publishes the entries not seen before; a feed that cannot be read becomes a dead letter
 * with its reason and body while the others are published.
 *
 * <p>
 * Position keys, per feed URL: {@code <url> etag}, {@code <url> last-modified} (the
 * validators of the last document read) and {@code <url> seen} (the keys of the entries
 * remembered, newest first, space-separated), and {@code <url> retry-after} while a feed
 * that answered 429 or 503 with a {@code Retry-After} is left alone until that time.
 */
class RssSource implements Source {

	static final String ETAG = " etag";

	static final String LAST_MODIFIED = " last-modified";

	static final String SEEN = " seen";

	static final String RETRY_AFTER = " retry-after";

	static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
			+ "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

	/** Feeds read at the same time. */
	static final int CONCURRENT_FEEDS = 4;

	static final int MAX_FEED_BYTES = 8 * 1024 * 1024;

	/**
	 * What a dead letter keeps of a body, to stay under the dead-letter topic's limit.
	 */
	static final int KEPT_BYTES = 64 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(RssSource.class);

	private final String instanceId;

	private final RssSettings settings;

	private final WebClient client;

	private final RssFeedMapper mapper;

	private final Clock clock;

	RssSource(String instanceId, RssSettings settings, WebClient.Builder builder, Clock clock) {
		this.instanceId = instanceId;
		this.settings = settings;
		this.clock = clock;
		this.mapper = new RssFeedMapper(instanceId, clock);
		this.client = builder.clone()
			.defaultHeader(HttpHeaders.USER_AGENT, settings.userAgent())
			.defaultHeader(HttpHeaders.ACCEPT, ACCEPT)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_FEED_BYTES))
			.build();
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public Duration pollInterval() {
		return this.settings.pollInterval();
	}

	List<RssSettings.Feed> feeds() {
		return this.settings.feeds();
	}

	@Override
	public Mono<Page> fetch(Cursor cursor) {
		return Flux.fromIterable(this.settings.feeds())
			.flatMapSequential((feed) -> read(feed, cursor), CONCURRENT_FEEDS)
			.collectList()
			.map((results) -> page(cursor, results));
	}

	private Mono<FeedResult> read(RssSettings.Feed feed, Cursor cursor) {
		String url = feed.url().toString();
		Optional<Instant> waitUntil = cursor.get(url + RETRY_AFTER).flatMap(RssSource::instant);
		if (waitUntil.isPresent() && this.clock.instant().isBefore(waitUntil.get())) {
			// The feed asked to be left alone until then: no request before.
			return Mono.just(new FeedResult(feed, List.of(), List.of(), keptPosition(cursor, url), Optional.empty()));
		}
		return this.client.get().uri(feed.url()).headers((headers) -> {
			cursor.get(url + ETAG).ifPresent(headers::setIfNoneMatch);
			cursor.get(url + LAST_MODIFIED).ifPresent((value) -> headers.set(HttpHeaders.IF_MODIFIED_SINCE, value));
		})
			.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(new byte[0])
				.map((body) -> new Answer(response.statusCode(), response.headers().asHttpHeaders(), body)))
			.timeout(this.settings.requestTimeout())
			.publishOn(Schedulers.boundedElastic())
			.map((answer) -> result(feed, cursor, answer))
			.onErrorResume((ex) -> Mono.just(unreachable(feed, cursor, ex)));
	}

	private FeedResult result(RssSettings.Feed feed, Cursor cursor, Answer answer) {
		String url = feed.url().toString();
		Instant now = this.clock.instant();
		Map<String, String> kept = keptPosition(cursor, url);
		// The feed was asked: any wait it asked for is over.
		kept.remove(url + RETRY_AFTER);
		if (answer.status().value() == 304) {
			return new FeedResult(feed, List.of(), List.of(), kept, Optional.empty());
		}
		int status = answer.status().value();
		Optional<Instant> retryAfter = (status == 429 || status == 503) ? RetryAfter.of(answer.headers(), now)
				: Optional.empty();
		if (retryAfter.isPresent()) {
			logger.warn("Source {}: the feed {} answered HTTP {}; it is left alone until {}", this.instanceId, url,
					status, retryAfter.get());
			kept.put(url + RETRY_AFTER, retryAfter.get().toString());
			return new FeedResult(feed, List.of(), List.of(), kept, Optional.empty());
		}
		if (!answer.status().is2xxSuccessful()) {
			String reason = "the feed " + url + " answered HTTP " + answer.status().value() + ": "
					+ SourcePayloads.abbreviate(RssFeedMapper.text(answer.body()));
			return failed(feed, kept, reason, answer.body(), now);
		}
		Set<String> seen = new LinkedHashSet<>(Arrays.asList(cursor.get(url + SEEN).orElse("").split(" ")));
		seen.remove("");
		RssFeedMapper.Mapped mapped = this.mapper.map(feed, answer.body(),
				Optional.ofNullable(answer.headers().getFirst(HttpHeaders.CONTENT_TYPE)), seen,
				this.settings.rememberedEntries());
		if (mapped instanceof RssFeedMapper.Malformed malformed) {
			return failed(feed, kept, malformed.reason(), answer.body(), now);
		}
		RssFeedMapper.Mapped.Entries entries = (RssFeedMapper.Mapped.Entries) mapped;
		Map<String, String> position = new HashMap<>();
		Optional.ofNullable(answer.headers().getETag()).ifPresent((etag) -> position.put(url + ETAG, etag));
		Optional.ofNullable(answer.headers().getFirst(HttpHeaders.LAST_MODIFIED))
			.ifPresent((modified) -> position.put(url + LAST_MODIFIED, modified));
		if (!entries.remembered().isEmpty()) {
			position.put(url + SEEN, String.join(" ", entries.remembered()));
		}
		if (entries.entryCount() > this.settings.rememberedEntries()) {
			logger.warn(
					"Source {}: the feed {} holds {} entries, more than the {} remembered; only the newest are read",
					this.instanceId, url, entries.entryCount(), this.settings.rememberedEntries());
		}
		return new FeedResult(feed, entries.mentions(), entries.deadLetters(), position, Optional.empty());
	}

	private FeedResult unreachable(RssSettings.Feed feed, Cursor cursor, Throwable ex) {
		String why;
		if (ex instanceof TimeoutException) {
			why = "did not answer within " + this.settings.requestTimeout();
		}
		else if (ex instanceof DataBufferLimitException) {
			why = "answered more than " + MAX_FEED_BYTES + " bytes";
		}
		else {
			why = "could not be read (" + ex.getClass().getSimpleName() + ": "
					+ SourcePayloads.firstLine(ex.getMessage()) + ")";
		}
		return failed(feed, keptPosition(cursor, feed.url().toString()), "the feed " + feed.url() + " " + why,
				new byte[0], this.clock.instant());
	}

	private FeedResult failed(RssSettings.Feed feed, Map<String, String> kept, String reason, byte[] body,
			Instant now) {
		logger.warn("Source {}: {}", this.instanceId, reason);
		// The bytes are kept as they came (in Base64 when they are not UTF-8), so that a
		// feed in another charset can be read again as it was.
		byte[] payload = (body != null) ? body : new byte[0];
		String keptReason = reason;
		if (payload.length > KEPT_BYTES) {
			keptReason = reason + " (the payload holds the first " + KEPT_BYTES + " of " + payload.length + " bytes)";
			payload = Arrays.copyOf(payload, KEPT_BYTES);
		}
		return new FeedResult(feed, List.of(), List.of(DeadLetter.ofBytes(this.instanceId, keptReason, payload, now)),
				kept, Optional.of(reason));
	}

	private static Map<String, String> keptPosition(Cursor cursor, String url) {
		Map<String, String> kept = new HashMap<>();
		for (String key : List.of(url + ETAG, url + LAST_MODIFIED, url + SEEN, url + RETRY_AFTER)) {
			cursor.get(key).ifPresent((value) -> kept.put(key, value));
		}
		return kept;
	}

	private Page page(Cursor cursor, List<FeedResult> results) {
		Instant now = this.clock.instant();
		List<Mention> mentions = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>();
		Map<String, String> position = new HashMap<>();
		Set<String> ids = new HashSet<>();
		Set<String> links = new HashSet<>();
		List<String> problems = new ArrayList<>();
		for (FeedResult result : results) {
			position.putAll(result.position());
			deadLetters.addAll(result.deadLetters());
			result.problem().ifPresent(problems::add);
			for (Mention mention : result.mentions()) {
				// The same story syndicated in two feeds of the instance is published
				// once.
				if (ids.add(mention.id()) && links.add(mention.url().toString())) {
					mentions.add(mention);
				}
			}
		}
		if (!problems.isEmpty() && problems.size() == results.size()) {
			String problem = (problems.size() == 1) ? problems.get(0)
					: "none of the " + problems.size() + " feeds could be read; first: " + problems.get(0);
			return Page.failed(cursor, problem, deadLetters);
		}
		return Page.of(mentions, deadLetters, cursor.moveTo(position, now), false);
	}

	private static Optional<Instant> instant(String value) {
		try {
			return Optional.of(Instant.parse(value));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private record Answer(HttpStatusCode status, HttpHeaders headers, byte[] body) {
	}

	private record FeedResult(RssSettings.Feed feed, List<Mention> mentions, List<DeadLetter> deadLetters,
			Map<String, String> position, Optional<String> problem) {
	}

}
