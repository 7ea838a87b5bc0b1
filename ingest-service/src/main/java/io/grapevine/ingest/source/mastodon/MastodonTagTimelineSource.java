package io.grapevine.ingest.source.mastodon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.RateLimitHeaders;
import io.grapevine.ingest.source.Source;
import io.grapevine.listening.mention.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Polls the public hashtag timelines of one Mastodon server
 * ({@code GET /api/v1/timelines/tag/:hashtag}) and, with an access token, its status
 * search ({@code GET /api/v2/search?type=statuses}), one hashtag or query after the
 * other, paging forward from the newest status already read.
 *
 * <p>
 * Position keys: {@code tag:<name>} per hashtag and {@code query:<text>} per query, the
 * {@code min_id} to ask for next (the {@code min_id} of the answer's
 * {@code Link rel="prev"}, or else the newest id of the page), and {@code current}, the
 * hashtag (bare) or query ({@code query:<text>}) being read. Each is paged forward until
 * a page comes back empty, then the next one is read, hashtags first; after the last one
 * the source waits for the poll interval. A hashtag or query never read before starts
 * with its newest page, so there is no backfill. A search round whose page is full of new
 * statuses reads on with {@code offset} (position keys {@code query-offset:<text>} and
 * {@code query-top:<text>}, the newest id of the round) before its {@code min_id} moves.
 * {@code X-RateLimit-Reset} is an ISO-8601 time: the source pauses until then when
 * {@code X-RateLimit-Remaining} reaches 0 or on HTTP 429. The streaming API is not used.
 */
public class MastodonTagTimelineSource implements Source {

	static final String CURRENT = "current";

	static final String TAG_PREFIX = "tag:";

	static final String QUERY_PREFIX = "query:";

	static final String PATH = "/api/v1/timelines/tag/";

	static final String SEARCH_PATH = "/api/v2/search";

	private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([A-Za-z]+)\"?");

	private static final Pattern MIN_ID = Pattern.compile("[0-9A-Za-z]{1,64}");

	private static final Logger logger = LoggerFactory.getLogger(MastodonTagTimelineSource.class);

	private static final RateLimitHeaders RATE_LIMIT = RateLimitHeaders.of("Mastodon", "X-RateLimit-Remaining",
			"X-RateLimit-Reset", RateLimitHeaders.Reset.ISO_8601);

	private final String instanceId;

	private final MastodonSettings settings;

	private final List<String> hashtags;

	private final List<Feed> feeds;

	private final WebClient client;

	private final MastodonPageMapper mapper;

	private final Clock clock;

	MastodonTagTimelineSource(String instanceId, MastodonSettings settings, List<String> hashtags,
			WebClient.Builder builder, Clock clock) {
		if (hashtags.isEmpty() && settings.queries().isEmpty()) {
			throw new IllegalArgumentException("a Mastodon source needs at least one hashtag or query");
		}
		this.instanceId = instanceId;
		this.settings = settings;
		this.hashtags = List.copyOf(hashtags);
		List<Feed> feeds = new ArrayList<>();
		hashtags.forEach((hashtag) -> feeds.add(Feed.hashtag(hashtag)));
		settings.queries().forEach((query) -> feeds.add(Feed.query(query)));
		this.feeds = List.copyOf(feeds);
		this.clock = clock;
		this.mapper = new MastodonPageMapper(instanceId, settings.baseUrl().getHost().toLowerCase(Locale.ROOT), clock);
		WebClient.Builder configured = builder.clone()
			.baseUrl(settings.baseUrl().toString())
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024));
		if (settings.accessToken() != null) {
			configured.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.accessToken());
		}
		this.client = configured.build();
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public Duration pollInterval() {
		return this.settings.pollInterval();
	}

	List<String> hashtags() {
		return this.hashtags;
	}

	@Override
	public Mono<Page> fetch(Cursor cursor) {
		Feed feed = current(cursor);
		Optional<String> minId = cursor.get(feed.key());
		return this.client.get().uri((uri) -> {
			if (feed.search()) {
				uri.path(SEARCH_PATH)
					.queryParam("q", "{q}")
					.queryParam("type", "statuses")
					.queryParam("resolve", "false")
					.queryParam("limit", this.settings.limit());
				cursor.get(feed.offsetKey()).ifPresent((offset) -> uri.queryParam("offset", offset));
			}
			else {
				uri.path(PATH + "{q}").queryParam("limit", this.settings.limit());
			}
			minId.ifPresent((id) -> uri.queryParam("min_id", id));
			return uri.build(feed.name());
		})
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> page(cursor, feed, response.statusCode(), response.headers().asHttpHeaders(), body)))
			.timeout(this.settings.requestTimeout());
	}

	private Feed current(Cursor cursor) {
		Optional<String> current = cursor.get(CURRENT);
		return current.flatMap((value) -> this.feeds.stream().filter((feed) -> feed.is(value)).findFirst())
			.orElse(this.feeds.get(0));
	}

	private Page page(Cursor cursor, Feed feed, HttpStatusCode status, HttpHeaders headers, String body) {
		Instant now = this.clock.instant();
		String where = feed.search() ? SEARCH_PATH + "?q=" + feed.name() : PATH + feed.name();
		if (status.value() == 401 || status.value() == 403) {
			String reason = "Mastodon at " + this.settings.baseUrl() + " refused " + where + " with HTTP "
					+ status.value() + " (" + SourcePayloads.abbreviate(body) + "); "
					+ ((this.settings.accessToken() != null) ? "check " : "set ")
					+ SourceSettings.describe(this.instanceId, "access-token")
					+ " to a valid access token of an application on " + this.settings.baseUrl().getHost()
					+ (feed.search() ? " with the read:search scope" : "");
			logger.warn("Source {}: {}", instanceId(), reason);
			return Page.failed(cursor, reason, List.of()).asCredentialsRefused();
		}
		if (status.value() == 429) {
			Instant until = RATE_LIMIT.reset(headers, now).filter(now::isBefore).orElse(now.plus(pollInterval()));
			String reason = "Mastodon rate-limited source " + instanceId() + " (HTTP 429: "
					+ SourcePayloads.abbreviate(body) + "); pausing until " + until;
			logger.warn(reason);
			return Page.failed(cursor, reason, List.of(deadLetter(reason, body, now))).pausedUntil(until);
		}
		if (!status.is2xxSuccessful()) {
			String reason = "Mastodon answered HTTP " + status.value() + " to " + where + ": "
					+ SourcePayloads.abbreviate(body);
			return Page.failed(cursor, reason, List.of(deadLetter(reason, body, now)));
		}
		MastodonPageMapper.Mapped mapped = feed.search()
				? this.mapper.mapSearch(body, feed.name(), cursor.get(feed.key()))
				: this.mapper.map(body, "#" + feed.name());
		if (mapped instanceof MastodonPageMapper.Malformed malformed) {
			return Page.failed(cursor, malformed.reason(), List.of(deadLetter(malformed.reason(), body, now)));
		}
		MastodonPageMapper.Mapped.Statuses statuses = (MastodonPageMapper.Mapped.Statuses) mapped;
		if (feed.search()) {
			return RATE_LIMIT.apply(searched(cursor, feed, statuses, now), headers, now, pollInterval(), instanceId());
		}
		Map<String, String> position = new HashMap<>(cursor.position());
		boolean more;
		Optional<String> nextMinId = (statuses.statusCount() > 0) ? prevMinId(headers).or(statuses::newestId)
				: Optional.empty();
		if (nextMinId.isPresent()) {
			position.put(feed.key(), nextMinId.get());
			position.put(CURRENT, feed.current());
			more = true;
		}
		else {
			more = moveToNextFeed(feed, position);
		}
		return RATE_LIMIT.apply(
				Page.of(statuses.mentions(), statuses.deadLetters(), cursor.moveTo(position, now), more), headers, now,
				pollInterval(), instanceId());
	}

	/**
	 * The page of a status search. Mastodon answers a search newest first and reads
	 * {@code min_id} as a time to the second, so the answer can hold statuses already
	 * read (the one of {@code min_id} among them), which are left out, neither published
	 * nor set aside again, and when a page is full of new statuses the older new ones are
	 * on the next pages, read with {@code offset} before {@code min_id} moves to the
	 * newest status of the round.
	 */
	private Page searched(Cursor cursor, Feed feed, MastodonPageMapper.Mapped.Statuses statuses, Instant now) {
		Optional<String> minId = cursor.get(feed.key());
		Optional<String> newest = statuses.newestId();
		Optional<String> top = cursor.get(feed.topKey());
		Optional<String> roundTop = (top.isPresent() && newest.isPresent())
				? Optional.of(MastodonPageMapper.newer(newest.get(), top.get()) ? newest.get() : top.get())
				: top.or(() -> newest);
		Map<String, String> position = new HashMap<>(cursor.position());
		boolean more;
		boolean allNew = statuses.statusCount() > 0 && statuses.alreadyRead() == 0;
		if (minId.isPresent() && allNew && roundTop.isPresent() && statuses.statusCount() >= this.settings.limit()) {
			int offset = cursor.get(feed.offsetKey())
				.filter((value) -> value.matches("[0-9]{1,9}"))
				.map(Integer::parseInt)
				.orElse(0);
			position.put(feed.offsetKey(), String.valueOf(offset + statuses.statusCount()));
			position.put(feed.topKey(), roundTop.get());
			position.put(CURRENT, feed.current());
			more = true;
		}
		else {
			roundTop.ifPresent((id) -> position.put(feed.key(), id));
			position.remove(feed.offsetKey());
			position.remove(feed.topKey());
			more = moveToNextFeed(feed, position);
		}
		return Page.of(statuses.mentions(), statuses.deadLetters(), cursor.moveTo(position, now), more);
	}

	/**
	 * Move on to the next hashtag or query, after the last one back to the first.
	 * @return whether to read on right away, false once every one is read
	 */
	private boolean moveToNextFeed(Feed feed, Map<String, String> position) {
		int next = (this.feeds.indexOf(feed) + 1) % this.feeds.size();
		position.put(CURRENT, this.feeds.get(next).current());
		return next != 0;
	}

	/**
	 * The {@code min_id} of the {@code rel="prev"} link, which is how Mastodon says where
	 * the statuses newer than this page start.
	 * @param headers the answer's headers
	 * @return the id, when the link is there and carries one
	 */
	static Optional<String> prevMinId(HttpHeaders headers) {
		for (String value : headers.getOrEmpty(HttpHeaders.LINK)) {
			Matcher matcher = LINK.matcher(value);
			while (matcher.find()) {
				if (!"prev".equalsIgnoreCase(matcher.group(2))) {
					continue;
				}
				try {
					String minId = UriComponentsBuilder.fromUriString(matcher.group(1))
						.build()
						.getQueryParams()
						.getFirst("min_id");
					if (minId != null && MIN_ID.matcher(minId).matches()) {
						return Optional.of(minId);
					}
				}
				catch (IllegalArgumentException ex) {
					return Optional.empty();
				}
			}
		}
		return Optional.empty();
	}

	private DeadLetter deadLetter(String reason, String body, Instant now) {
		return new DeadLetter(instanceId(), reason, body, now);
	}

	/**
	 * One hashtag timeline or one status search, read forward from its own
	 * {@code min_id}.
	 *
	 * @param name the hashtag (without {@code #}) or the search text
	 * @param search whether this is a status search
	 */
	record Feed(String name, boolean search) {

		static Feed hashtag(String name) {
			return new Feed(name, false);
		}

		static Feed query(String text) {
			return new Feed(text, true);
		}

		/** The position key of its {@code min_id}. */
		String key() {
			return (this.search ? QUERY_PREFIX : TAG_PREFIX) + this.name.toLowerCase(Locale.ROOT);
		}

		/** The position key of the offset of the next page of a search round. */
		String offsetKey() {
			return "query-offset:" + this.name.toLowerCase(Locale.ROOT);
		}

		/** The position key of the newest status id a search round has found so far. */
		String topKey() {
			return "query-top:" + this.name.toLowerCase(Locale.ROOT);
		}

		/** How the {@code current} position names it; hashtags keep their bare name. */
		String current() {
			return this.search ? QUERY_PREFIX + this.name : this.name;
		}

		boolean is(String current) {
			return current().equalsIgnoreCase(current);
		}

	}

}
