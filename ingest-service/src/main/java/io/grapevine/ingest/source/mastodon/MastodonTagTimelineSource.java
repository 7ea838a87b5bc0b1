package io.grapevine.ingest.source.mastodon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
 * ({@code GET /api/v1/timelines/tag/:hashtag}), one hashtag after the other, paging
 * forward from the newest status already read.
 *
 * <p>
 * Position keys: {@code tag:<name>} per hashtag, the {@code min_id} to ask for next (the
 * {@code min_id} of the answer's {@code Link rel="prev"}, or else the newest id of the
 * page), and {@code current}, the hashtag being read. A hashtag is paged forward until a
 * page comes back empty, then the next hashtag is read; after the last one the source
 * waits for the poll interval. A hashtag never read before starts with its newest page,
 * so there is no backfill. {@code X-RateLimit-Reset} is an ISO-8601 time: the source
 * pauses until then when {@code X-RateLimit-Remaining} reaches 0 or on HTTP 429. The
 * streaming API is not used.
 */
public class MastodonTagTimelineSource implements Source {

	static final String CURRENT = "current";

	static final String TAG_PREFIX = "tag:";

	static final String PATH = "/api/v1/timelines/tag/";

	private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([A-Za-z]+)\"?");

	private static final Pattern MIN_ID = Pattern.compile("[0-9A-Za-z]{1,64}");

	private static final Logger logger = LoggerFactory.getLogger(MastodonTagTimelineSource.class);

	private final String instanceId;

	private final MastodonSettings settings;

	private final List<String> hashtags;

	private final WebClient client;

	private final MastodonPageMapper mapper;

	private final Clock clock;

	MastodonTagTimelineSource(String instanceId, MastodonSettings settings, List<String> hashtags,
			WebClient.Builder builder, Clock clock) {
		if (hashtags.isEmpty()) {
			throw new IllegalArgumentException("a Mastodon source needs at least one hashtag");
		}
		this.instanceId = instanceId;
		this.settings = settings;
		this.hashtags = List.copyOf(hashtags);
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
		String hashtag = current(cursor);
		Optional<String> minId = cursor.get(TAG_PREFIX + hashtag.toLowerCase(Locale.ROOT));
		return this.client.get().uri((uri) -> {
			uri.path(PATH + "{hashtag}").queryParam("limit", this.settings.limit());
			minId.ifPresent((id) -> uri.queryParam("min_id", id));
			return uri.build(hashtag);
		})
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> page(cursor, hashtag, response.statusCode(), response.headers().asHttpHeaders(), body)))
			.timeout(this.settings.requestTimeout());
	}

	private String current(Cursor cursor) {
		Optional<String> current = cursor.get(CURRENT);
		return current.flatMap((name) -> this.hashtags.stream().filter(name::equalsIgnoreCase).findFirst())
			.orElse(this.hashtags.get(0));
	}

	private Page page(Cursor cursor, String hashtag, HttpStatusCode status, HttpHeaders headers, String body) {
		Instant now = this.clock.instant();
		String where = PATH + hashtag;
		if (status.value() == 401) {
			String reason = "Mastodon at " + this.settings.baseUrl() + " refused " + where + " with HTTP 401 ("
					+ SourcePayloads.abbreviate(body) + "); "
					+ ((this.settings.accessToken() != null) ? "check " : "set ")
					+ SourceSettings.describe(this.instanceId, "access-token")
					+ " to a valid access token of an application on " + this.settings.baseUrl().getHost();
			logger.warn("Source {}: {}", instanceId(), reason);
			return Page.failed(cursor, reason, List.of()).asCredentialsRefused();
		}
		if (status.value() == 429) {
			Instant until = rateLimitReset(headers).filter(now::isBefore).orElse(now.plus(pollInterval()));
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
		MastodonPageMapper.Mapped mapped = this.mapper.map(body, "#" + hashtag);
		if (mapped instanceof MastodonPageMapper.Malformed malformed) {
			return Page.failed(cursor, malformed.reason(), List.of(deadLetter(malformed.reason(), body, now)));
		}
		MastodonPageMapper.Mapped.Statuses statuses = (MastodonPageMapper.Mapped.Statuses) mapped;
		Map<String, String> position = new HashMap<>(cursor.position());
		boolean more;
		Optional<String> nextMinId = (statuses.statusCount() > 0) ? prevMinId(headers).or(statuses::newestId)
				: Optional.empty();
		if (nextMinId.isPresent()) {
			position.put(TAG_PREFIX + hashtag.toLowerCase(Locale.ROOT), nextMinId.get());
			position.put(CURRENT, hashtag);
			more = true;
		}
		else {
			// This hashtag is read up to its newest status: on to the next one, and after
			// the last one wait for the poll interval.
			int next = (this.hashtags.indexOf(hashtag) + 1) % this.hashtags.size();
			position.put(CURRENT, this.hashtags.get(next));
			more = next != 0;
		}
		Page page = Page.of(statuses.mentions(), statuses.deadLetters(), cursor.moveTo(position, now), more);
		String remaining = headers.getFirst("X-RateLimit-Remaining");
		if (remaining != null && remaining.strip().matches("[0-9]{1,18}")) {
			page = page.withRateLimitRemaining(Long.parseLong(remaining.strip()));
		}
		if ("0".equals(remaining)) {
			Instant until = rateLimitReset(headers).filter(now::isBefore).orElse(now.plus(pollInterval()));
			logger.info("Source {}: no requests left at {} until {}", instanceId(), this.settings.baseUrl(), until);
			return page.pausedUntil(until);
		}
		return page;
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

	/**
	 * When Mastodon's rate limit resets: an ISO-8601 time, not seconds.
	 * @param headers the answer's headers
	 * @return the time, when the header is there and readable
	 */
	static Optional<Instant> rateLimitReset(HttpHeaders headers) {
		String value = headers.getFirst("X-RateLimit-Reset");
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private DeadLetter deadLetter(String reason, String body, Instant now) {
		return new DeadLetter(instanceId(), reason, body, now);
	}

}
