package io.grapevine.ingest.source.hackernews;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.RequestBudget;
import io.grapevine.ingest.source.RetryAfter;
import io.grapevine.ingest.source.Source;
import io.grapevine.listening.mention.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;

/**
 * Pulls Hacker News stories and comments that match the organization's topics from
 * Algolia's HN Search API ({@code search_by_date}), newest first, page by page and round
 * by round, one query after the other.
 *
 * <p>
 * Position keys: {@code since} ({@code created_at_i} of the newest item of the last
 * finished round; the round asks for {@code created_at_i>since}), {@code pending_newest}
 * (newest item of the round being paged), {@code page} (the page to fetch next),
 * {@code until} and {@code slice_oldest}. Algolia serves at most 1,000 hits of a query;
 * when a round matches more, it is walked in time slices from newest to oldest: once the
 * reachable pages of a slice are read, the next slice asks for
 * {@code created_at_i<=until} where {@code until} is the oldest item seen so far
 * ({@code slice_oldest}), so items of that same second are fetched again rather than
 * skipped. The cursor only moves {@code since} when the round ends, so a restart in the
 * middle of a round resumes it where it stood.
 * <p>
 * With one query the keys are as above. With several, each query has its own
 * {@code since:<query>}, {@code current} names the query being read, the other keys
 * belong to it, and once its round ends the next query is read at once; the source waits
 * for the poll interval after the last one.
 */
public class HackerNewsSearchSource implements Source {

	static final String SINCE = "since";

	static final String SINCE_PREFIX = "since:";

	static final String CURRENT = "current";

	static final String PENDING_NEWEST = "pending_newest";

	static final String PAGE = "page";

	static final String UNTIL = "until";

	static final String SLICE_OLDEST = "slice_oldest";

	static final String PATH = "/api/v1/search_by_date";

	static final String TAGS = "(story,comment)";

	/** Algolia answers no hit beyond the first 1,000 of a query. */
	static final int MAX_REACHABLE_HITS = 1000;

	/**
	 * How far back the very first round looks, like the seven days of X recent search.
	 */
	static final Duration FIRST_ROUND_LOOKBACK = Duration.ofDays(7);

	private static final Logger logger = LoggerFactory.getLogger(HackerNewsSearchSource.class);

	private final String instanceId;

	private final HackerNewsSettings settings;

	private final List<HackerNewsQuery> queries;

	private final WebClient client;

	private final HackerNewsPageMapper mapper;

	private final Clock clock;

	private final RequestBudget budget;

	HackerNewsSearchSource(String instanceId, HackerNewsSettings settings, List<HackerNewsQuery> queries,
			WebClient.Builder builder, Clock clock) {
		if (queries.isEmpty()) {
			throw new IllegalArgumentException("a Hacker News source needs at least one query");
		}
		this.instanceId = instanceId;
		this.settings = settings;
		this.queries = List.copyOf(queries);
		this.clock = clock;
		this.budget = new RequestBudget(settings.requestsPerHour(), Duration.ofHours(1));
		this.mapper = new HackerNewsPageMapper(instanceId, clock);
		this.client = builder.clone()
			.baseUrl(settings.baseUrl().toString())
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
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

	@Override
	public Optional<RequestBudget> budget() {
		return Optional.of(this.budget);
	}

	List<String> queries() {
		return this.queries.stream().map(HackerNewsQuery::text).toList();
	}

	@Override
	public Mono<Page> fetch(Cursor cursor) {
		Optional<Instant> spent = this.budget.spend(this.clock.instant());
		if (spent.isPresent()) {
			logger.info("Source {} sent its {} requests of the hour; pausing until {}", instanceId(),
					this.settings.requestsPerHour(), spent.get());
			return Mono.just(Page.of(List.of(), List.of(), cursor, false).pausedUntil(spent.get()));
		}
		HackerNewsQuery query = current(cursor);
		Position position = Position.of(cursor, sinceKey(query), inRound(cursor, query), this.clock.instant());
		return this.client.get()
			.uri((uri) -> uri(uri, query, position))
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> page(cursor, query, position, response.statusCode(), response.headers().asHttpHeaders(),
						body)))
			.timeout(this.settings.requestTimeout());
	}

	private boolean single() {
		return this.queries.size() == 1;
	}

	private HackerNewsQuery current(Cursor cursor) {
		if (single()) {
			return this.queries.get(0);
		}
		Optional<String> current = cursor.get(CURRENT);
		return this.queries.stream()
			.filter((query) -> current.filter(query.text()::equals).isPresent())
			.findFirst()
			.orElse(this.queries.get(0));
	}

	private boolean inRound(Cursor cursor, HackerNewsQuery query) {
		// The round keys belong to the query named current; a query read after another
		// (or after the settings changed) starts its round afresh.
		return single() || cursor.get(CURRENT).filter(query.text()::equals).isPresent();
	}

	private String sinceKey(HackerNewsQuery query) {
		return single() ? SINCE : SINCE_PREFIX + query.text();
	}

	private Map<String, String> position(Cursor cursor, HackerNewsQuery query, Position next) {
		if (single()) {
			return next.toMap(SINCE);
		}
		Map<String, String> position = new HashMap<>();
		for (HackerNewsQuery other : this.queries) {
			cursor.get(sinceKey(other)).ifPresent((since) -> position.put(sinceKey(other), since));
		}
		position.putAll(next.toMap(sinceKey(query)));
		position.put(CURRENT, next.inRound() ? query.text() : following(query).text());
		return position;
	}

	private HackerNewsQuery following(HackerNewsQuery query) {
		return this.queries.get((this.queries.indexOf(query) + 1) % this.queries.size());
	}

	private URI uri(UriBuilder uri, HackerNewsQuery query, Position position) {
		String numericFilters = "created_at_i>" + position.since()
				+ position.until().stream().mapToObj((until) -> ",created_at_i<=" + until).findFirst().orElse("");
		uri.path(PATH)
			.queryParam("query", "{query}")
			.queryParam("tags", "{tags}")
			.queryParam("numericFilters", "{numericFilters}")
			.queryParam("hitsPerPage", this.settings.hitsPerPage())
			.queryParam("page", position.page());
		if (query.advancedSyntax()) {
			uri.queryParam("advancedSyntax", true);
		}
		// Template variables, so that quotes, spaces, commas, parentheses and > are
		// encoded.
		if (query.optionalWords().isPresent()) {
			uri.queryParam("optionalWords", "{optionalWords}");
			return uri.build(query.text(), TAGS, numericFilters, query.optionalWords().get());
		}
		return uri.build(query.text(), TAGS, numericFilters);
	}

	private Page page(Cursor cursor, HackerNewsQuery query, Position position, HttpStatusCode status,
			HttpHeaders headers, String body) {
		Instant now = this.clock.instant();
		if (status.value() == 429) {
			Instant until = RetryAfter.of(headers, now).orElse(now.plus(this.settings.pollInterval()));
			String reason = "HN Search rate-limited source " + instanceId() + " (HTTP 429: "
					+ SourcePayloads.abbreviate(body) + "); pausing until " + until;
			logger.warn(reason);
			return Page.failed(cursor, reason, List.of(deadLetter(reason, body, now))).pausedUntil(until);
		}
		if (!status.is2xxSuccessful()) {
			String reason = "HN Search answered HTTP " + status.value() + " to " + PATH + ": "
					+ SourcePayloads.abbreviate(body);
			Page failed = Page.failed(cursor, reason, List.of(deadLetter(reason, body, now)));
			return (status.value() == 503) ? RetryAfter.of(headers, now).map(failed::pausedUntil).orElse(failed)
					: failed;
		}
		HackerNewsPageMapper.Mapped mapped = this.mapper.map(body, query.text());
		if (mapped instanceof HackerNewsPageMapper.Malformed malformed) {
			return Page.failed(cursor, malformed.reason(), List.of(deadLetter(malformed.reason(), body, now)));
		}
		HackerNewsPageMapper.Mapped.Hits hits = (HackerNewsPageMapper.Mapped.Hits) mapped;
		Position next = next(position, hits);
		boolean more = next.inRound() || (!single() && this.queries.indexOf(following(query)) != 0);
		return Page.of(hits.mentions(), hits.deadLetters(), cursor.moveTo(position(cursor, query, next), now), more);
	}

	private Position next(Position position, HackerNewsPageMapper.Mapped.Hits hits) {
		OptionalLong pendingNewest = position.pendingNewest().isPresent() ? position.pendingNewest() : hits.newest();
		OptionalLong sliceOldest = min(position.sliceOldest(), hits.oldest());
		int nextPage = position.page() + 1;
		boolean morePages = hits.hitCount() > 0 && nextPage < hits.nbPages()
				&& (long) nextPage * this.settings.hitsPerPage() < MAX_REACHABLE_HITS;
		if (morePages) {
			return new Position(position.since(), pendingNewest, nextPage, position.until(), sliceOldest);
		}
		if (hits.nbHits() > MAX_REACHABLE_HITS && sliceOldest.isPresent()) {
			long until = sliceOldest.getAsLong();
			if (position.until().isPresent() && until >= position.until().getAsLong()) {
				// Over 1,000 hits in one second: the slice cannot shrink, so the rest of
				// that second is given up rather than looping forever.
				logger.warn("Source {}: more than {} hits at created_at_i={}; the ones Algolia did not serve are "
						+ "skipped", instanceId(), MAX_REACHABLE_HITS, until);
				until = until - 1;
			}
			if (until <= position.since()) {
				return Position.endOfRound(position.since(), pendingNewest);
			}
			logger.info("Source {}: {} hits match, over Algolia's {}; next slice up to created_at_i={}", instanceId(),
					hits.nbHits(), MAX_REACHABLE_HITS, until);
			return new Position(position.since(), pendingNewest, 0, OptionalLong.of(until), OptionalLong.empty());
		}
		return Position.endOfRound(position.since(), pendingNewest);
	}

	private static OptionalLong min(OptionalLong a, OptionalLong b) {
		if (a.isEmpty()) {
			return b;
		}
		return b.isEmpty() ? a : OptionalLong.of(Math.min(a.getAsLong(), b.getAsLong()));
	}

	private DeadLetter deadLetter(String reason, String body, Instant now) {
		return new DeadLetter(instanceId(), reason, body, now);
	}

	/**
	 * Where a round stands, read from and written to the cursor's position.
	 *
	 * @param since the exclusive lower bound of the round
	 * @param pendingNewest the newest item of the round so far
	 * @param page the page of the current slice to fetch next
	 * @param until the inclusive upper bound of the current slice, when slicing
	 * @param sliceOldest the oldest item seen in the current slice
	 */
	record Position(long since, OptionalLong pendingNewest, int page, OptionalLong until, OptionalLong sliceOldest) {

		static Position of(Cursor cursor, String sinceKey, boolean inRound, Instant now) {
			long since = number(cursor, sinceKey).orElse(now.minus(FIRST_ROUND_LOOKBACK).getEpochSecond());
			if (!inRound) {
				return new Position(since, OptionalLong.empty(), 0, OptionalLong.empty(), OptionalLong.empty());
			}
			int page = (int) Math.max(0, Math.min(Integer.MAX_VALUE, number(cursor, PAGE).orElse(0)));
			return new Position(since, number(cursor, PENDING_NEWEST), page, number(cursor, UNTIL),
					number(cursor, SLICE_OLDEST));
		}

		static Position endOfRound(long since, OptionalLong pendingNewest) {
			return new Position(Math.max(since, pendingNewest.orElse(since)), OptionalLong.empty(), 0,
					OptionalLong.empty(), OptionalLong.empty());
		}

		boolean inRound() {
			return this.pendingNewest.isPresent() || this.page > 0 || this.until.isPresent();
		}

		Map<String, String> toMap(String sinceKey) {
			Map<String, String> position = new HashMap<>();
			position.put(sinceKey, String.valueOf(this.since));
			this.pendingNewest.ifPresent((value) -> position.put(PENDING_NEWEST, String.valueOf(value)));
			if (this.page > 0) {
				position.put(PAGE, String.valueOf(this.page));
			}
			this.until.ifPresent((value) -> position.put(UNTIL, String.valueOf(value)));
			this.sliceOldest.ifPresent((value) -> position.put(SLICE_OLDEST, String.valueOf(value)));
			return position;
		}

		private static OptionalLong number(Cursor cursor, String key) {
			Optional<String> value = cursor.get(key);
			if (value.isEmpty()) {
				return OptionalLong.empty();
			}
			try {
				return OptionalLong.of(Long.parseLong(value.get().strip()));
			}
			catch (NumberFormatException ex) {
				return OptionalLong.empty();
			}
		}

	}

}
