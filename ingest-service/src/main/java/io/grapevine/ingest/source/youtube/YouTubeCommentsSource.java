package io.grapevine.ingest.source.youtube;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.ingest.source.SourceSettings;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.RequestBudget;
import io.grapevine.ingest.source.Source;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads the newest comment threads of chosen channels
 * ({@code allThreadsRelatedToChannelId}) and videos ({@code videoId}) from the YouTube
 * Data API's {@code commentThreads.list}, newest first, each listing down to the first
 * thread read in an earlier round, only the threads holding the search terms when there
 * are some.
 *
 * <p>
 * Position keys: per listing ({@code channel:<id>}, {@code video:<id>}) the id of its
 * newest thread read in a finished round and, under {@code <listing>@published}, when
 * that thread was published; while a listing is paged, {@code current} (the listing),
 * {@code pending_newest} and {@code pending_published} (its newest thread of this round),
 * {@code page_token} (the page to fetch next) and {@code pages}. The listing's keys only
 * move when its round ends (a thread already seen or older than it, the last page, or
 * {@value #MAX_PAGES_PER_ROUND} pages), so a restart mid-round pages on with the same
 * token. A listing never read before is read one page deep. The API key travels as the
 * {@code key} query parameter, so request URLs are never logged and the key is blanked
 * out of every reason and dead letter. {@code quotaExceeded} pauses the instance until
 * the next midnight in the quota reset zone, when the daily quota is renewed.
 */
public class YouTubeCommentsSource implements Source {

	static final String CHANNEL_PREFIX = "channel:";

	static final String VIDEO_PREFIX = "video:";

	static final String PUBLISHED_SUFFIX = "@published";

	static final String CURRENT = "current";

	static final String PENDING_NEWEST = "pending_newest";

	static final String PENDING_PUBLISHED = "pending_published";

	static final String PAGE_TOKEN = "page_token";

	static final String PAGES = "pages";

	static final int MAX_PAGES_PER_ROUND = 10;

	static final String PATH = "/youtube/v3/commentThreads";

	private static final String MASK = "******";

	private static final Logger logger = LoggerFactory.getLogger(YouTubeCommentsSource.class);

	private final ObjectMapper json = new ObjectMapper();

	private final String instanceId;

	private final YouTubeSettings settings;

	private final List<String> listings;

	private final Optional<String> searchTerms;

	private final WebClient client;

	private final YouTubeCommentMapper mapper;

	private final Clock clock;

	/**
	 * The quota units of the day, one a request, renewed at midnight in the reset zone.
	 */
	private final RequestBudget quota;

	private final YouTubeVideoLanguages videoLanguages = new YouTubeVideoLanguages(this.json);

	YouTubeCommentsSource(String instanceId, YouTubeSettings settings, Optional<String> searchTerms,
			WebClient.Builder builder, Clock clock) {
		if (settings.apiKey() == null) {
			throw new IllegalArgumentException(
					"a YouTube source needs " + SourceSettings.describe(instanceId, "api-key"));
		}
		this.instanceId = instanceId;
		this.settings = settings;
		this.clock = clock;
		this.quota = RequestBudget.daily(settings.dailyQuotaUnits(), settings.quotaZone());
		this.mapper = new YouTubeCommentMapper(instanceId, clock);
		List<String> keys = new ArrayList<>();
		settings.channelIds().forEach((id) -> keys.add(CHANNEL_PREFIX + id));
		settings.videoIds().forEach((id) -> keys.add(VIDEO_PREFIX + id));
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("a YouTube source needs at least one channel or video id");
		}
		this.listings = List.copyOf(keys);
		this.searchTerms = searchTerms;
		this.client = builder.clone()
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
		return Optional.of(this.quota);
	}

	List<String> listings() {
		return this.listings;
	}

	Optional<String> searchTerms() {
		return this.searchTerms;
	}

	@Override
	public Mono<Page> fetch(Cursor cursor) {
		Instant now = this.clock.instant();
		Optional<Instant> spent = this.quota.spend(now);
		if (spent.isPresent()) {
			Instant until = spent.get();
			logger.info("Source {} spent its {} quota units of the day; pausing until {} (midnight {})", instanceId(),
					this.settings.dailyQuotaUnits(), until, this.settings.quotaResetZone());
			return Mono.just(Page.of(List.of(), List.of(), cursor, false).pausedUntil(until));
		}
		String listing = current(cursor);
		Optional<String> pageToken = paging(cursor, listing) ? cursor.get(PAGE_TOKEN) : Optional.empty();
		URI uri = uri(listing, pageToken);
		return this.client.get()
			.uri(uri)
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> new Answer(response.statusCode().value(), body)))
			.timeout(this.settings.requestTimeout())
			// The exception of a failed request may carry the URL, and with it the key.
			.onErrorMap((ex) -> !(ex instanceof YouTubeUnreachableException),
					(ex) -> new YouTubeUnreachableException("YouTube could not be reached at " + this.settings.baseUrl()
							+ PATH + " for " + listing + ": " + ex.getClass().getSimpleName() + ": "
							+ mask(String.valueOf(ex.getMessage()))))
			.map((answer) -> page(cursor, listing, new Answer(answer.status(), mask(answer.body()))))
			.flatMap(this::withVideoLanguages);
	}

	/**
	 * The page with each comment tagged with the language of its video, asking
	 * {@code videos.list} about the videos never asked about when the quota allows; the
	 * tag is a prior for the language detector, not the comment's language. Whatever goes
	 * wrong with that request, the page goes on without the tags it would have given.
	 */
	private Mono<Page> withVideoLanguages(Page page) {
		if (!this.settings.videoLanguages() || page.mentions().isEmpty()) {
			return Mono.just(page);
		}
		List<String> unknown = this.videoLanguages
			.unknown(page.mentions().stream().map(YouTubeCommentMapper::videoId).flatMap(Optional::stream).toList());
		if (unknown.isEmpty()) {
			return Mono.just(tagged(page));
		}
		if (this.quota.spend(this.clock.instant()).isPresent()) {
			// The day's units are spent: the comments go untagged, the next poll pauses.
			return Mono.just(tagged(page));
		}
		return this.client.get()
			.uri(YouTubeVideoLanguages.uri(this.settings.baseUrl(), unknown, this.settings.apiKey()))
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> new Answer(response.statusCode().value(), body)))
			.timeout(this.settings.requestTimeout())
			.map((answer) -> {
				boolean read = answer.status() >= 200 && answer.status() <= 299
						&& this.videoLanguages.read(unknown, answer.body());
				if (!read) {
					logger.info(
							"Source {}: YouTube answered HTTP {} to {} for {} videos; their comments go without the "
									+ "video's language this time: {}",
							instanceId(), answer.status(), YouTubeVideoLanguages.PATH, unknown.size(),
							SourcePayloads.abbreviate(mask(answer.body())));
				}
				return tagged(page);
			})
			.onErrorResume((ex) -> {
				logger.info("Source {}: {} could not be reached ({}); comments go without the video's language "
						+ "this time", instanceId(), YouTubeVideoLanguages.PATH, ex.getClass().getSimpleName());
				return Mono.just(tagged(page));
			});
	}

	private Page tagged(Page page) {
		List<Mention> mentions = page.mentions()
			.stream()
			.map((mention) -> YouTubeCommentMapper.videoId(mention)
				.flatMap(this.videoLanguages::of)
				.map((language) -> mention.withEnrichment(Optional.of(language), mention.sentiment(),
						mention.clusterId(), mention.reach()))
				.orElse(mention))
			.toList();
		return new Page(mentions, page.deadLetters(), page.next(), page.more(), page.pauseUntil(), page.problem(),
				page.credentialsRefused(), page.rateLimitRemaining());
	}

	private Instant nextQuotaDay(Instant now) {
		return ZonedDateTime.ofInstant(now, this.settings.quotaZone())
			.toLocalDate()
			.plusDays(1)
			.atStartOfDay(this.settings.quotaZone())
			.toInstant();
	}

	private String current(Cursor cursor) {
		return cursor.get(CURRENT).filter(this.listings::contains).orElse(this.listings.get(0));
	}

	private static boolean paging(Cursor cursor, String listing) {
		return listing.equals(cursor.get(CURRENT).orElse(null)) && cursor.get(PAGE_TOKEN).isPresent();
	}

	private URI uri(String listing, Optional<String> pageToken) {
		Map<String, String> variables = new HashMap<>();
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(this.settings.baseUrl())
			.path(PATH)
			.queryParam("part", "snippet,replies");
		if (listing.startsWith(CHANNEL_PREFIX)) {
			uri.queryParam("allThreadsRelatedToChannelId", "{id}");
			variables.put("id", listing.substring(CHANNEL_PREFIX.length()));
		}
		else {
			uri.queryParam("videoId", "{id}");
			variables.put("id", listing.substring(VIDEO_PREFIX.length()));
		}
		uri.queryParam("order", "time")
			.queryParam("maxResults", this.settings.maxResults())
			.queryParam("textFormat", "plainText");
		this.searchTerms.ifPresent((terms) -> {
			uri.queryParam("searchTerms", "{searchTerms}");
			variables.put("searchTerms", terms);
		});
		uri.queryParam("key", "{key}");
		variables.put("key", this.settings.apiKey());
		pageToken.ifPresent((token) -> {
			uri.queryParam("pageToken", "{pageToken}");
			variables.put("pageToken", token);
		});
		return uri.encode().buildAndExpand(variables).toUri();
	}

	private Page page(Cursor cursor, String listing, Answer answer) {
		Instant now = this.clock.instant();
		if (answer.status() < 200 || answer.status() > 299) {
			return error(cursor, listing, answer, now);
		}
		boolean paging = paging(cursor, listing);
		Optional<YouTubeCommentMapper.Seen> seen = seen(cursor, listing);
		YouTubeCommentMapper.Mapped mapped = this.mapper.map(answer.body(), listing, seen);
		if (mapped instanceof YouTubeCommentMapper.Malformed malformed) {
			String reason = mask(malformed.reason());
			return Page.failed(cursor, reason, List.of(deadLetter(reason, answer.body(), now)));
		}
		YouTubeCommentMapper.Mapped.Threads page = (YouTubeCommentMapper.Mapped.Threads) mapped;
		Map<String, String> position = new HashMap<>(cursor.position());
		Optional<YouTubeCommentMapper.Seen> pendingNewest = (paging ? pending(cursor)
				: Optional.<YouTubeCommentMapper.Seen>empty())
			.or(page::newest);
		int pages = (paging ? cursor.get(PAGES).map(YouTubeCommentsSource::number).orElse(1) : 0) + 1;
		boolean firstRead = seen.isEmpty() && !paging;
		if (!firstRead && !page.reachedSeen() && page.nextPageToken().isPresent() && page.threadCount() > 0
				&& pages < MAX_PAGES_PER_ROUND) {
			position.put(CURRENT, listing);
			pendingNewest.ifPresent((newest) -> {
				position.put(PENDING_NEWEST, newest.threadId());
				position.put(PENDING_PUBLISHED, newest.publishedAt().toString());
			});
			position.put(PAGE_TOKEN, page.nextPageToken().get());
			position.put(PAGES, String.valueOf(pages));
			return Page.of(page.mentions(), page.deadLetters(), cursor.moveTo(position, now), true);
		}
		pendingNewest.ifPresent((newest) -> {
			position.put(listing, newest.threadId());
			position.put(listing + PUBLISHED_SUFFIX, newest.publishedAt().toString());
		});
		if (pages >= MAX_PAGES_PER_ROUND && !page.reachedSeen() && page.nextPageToken().isPresent()) {
			logger.info("Source {}: listing {} has more than {} new pages; the older ones are skipped", instanceId(),
					listing, MAX_PAGES_PER_ROUND);
		}
		return Page.of(page.mentions(), page.deadLetters(), cursor.moveTo(nextListing(position, listing), now),
				!nextIsFirst(listing));
	}

	private Map<String, String> nextListing(Map<String, String> position, String listing) {
		position.remove(PENDING_NEWEST);
		position.remove(PENDING_PUBLISHED);
		position.remove(PAGE_TOKEN);
		position.remove(PAGES);
		position.put(CURRENT, this.listings.get((this.listings.indexOf(listing) + 1) % this.listings.size()));
		return position;
	}

	private boolean nextIsFirst(String listing) {
		return (this.listings.indexOf(listing) + 1) % this.listings.size() == 0;
	}

	private Page error(Cursor cursor, String listing, Answer answer, Instant now) {
		String errorReason = errorReason(answer.body()).orElse("");
		String where = PATH + " for " + listing;
		String detail = "HTTP " + answer.status() + (errorReason.isEmpty() ? "" : " " + errorReason) + ": "
				+ SourcePayloads.abbreviate(answer.body());
		if ("quotaExceeded".equals(errorReason) || "dailyLimitExceeded".equals(errorReason)) {
			Instant until = nextQuotaDay(now);
			logger.warn("Source {} used up its YouTube Data API quota ({}); pausing until {} (midnight {})",
					instanceId(), errorReason, until, this.settings.quotaResetZone());
			return Page.of(List.of(), List.of(), cursor, false).pausedUntil(until);
		}
		if (keyRefused(answer, errorReason)) {
			String reason = "YouTube refused the API key (" + detail + "); check "
					+ SourceSettings.describe(this.instanceId, "api-key")
					+ " and that the YouTube Data API v3 is enabled for its project";
			logger.warn("Source {}: {}", instanceId(), reason);
			return Page.failed(cursor, reason, List.of()).asCredentialsRefused().pausedUntil(now.plus(pollInterval()));
		}
		if (answer.status() == 404 && ("videoNotFound".equals(errorReason) || "channelNotFound".equals(errorReason))) {
			String setting = listing.startsWith(CHANNEL_PREFIX)
					? SourceSettings.describe(this.instanceId, "channel-ids")
					: SourceSettings.describe(this.instanceId, "video-ids");
			String reason = "YouTube does not know " + listing + " (" + detail + "); check " + setting;
			logger.warn("Source {}: {}", instanceId(), reason);
			// Skip to the next listing so that one wrong id does not starve the others.
			return new Page(List.of(), List.of(),
					cursor.moveTo(nextListing(new HashMap<>(cursor.position()), listing), now), false, Optional.empty(),
					Optional.of(reason));
		}
		if (answer.status() == 403 && "commentsDisabled".equals(errorReason)) {
			String reason = "Comments are disabled on " + listing + " (" + detail + "); remove it from "
					+ (listing.startsWith(CHANNEL_PREFIX) ? SourceSettings.describe(this.instanceId, "channel-ids")
							: SourceSettings.describe(this.instanceId, "video-ids"));
			logger.warn("Source {}: {}", instanceId(), reason);
			return new Page(List.of(), List.of(),
					cursor.moveTo(nextListing(new HashMap<>(cursor.position()), listing), now), false, Optional.empty(),
					Optional.of(reason));
		}
		String reason = "YouTube answered " + detail + " to " + where;
		return Page.failed(cursor, reason, List.of(deadLetter(reason, answer.body(), now)));
	}

	private static boolean keyRefused(Answer answer, String errorReason) {
		return (answer.status() == 400 && (errorReason.startsWith("key") || answer.body().contains("API_KEY_INVALID")
				|| answer.body().contains("API key not valid"))) || "accessNotConfigured".equals(errorReason)
				|| "ipRefererBlocked".equals(errorReason);
	}

	private Optional<String> errorReason(String body) {
		try {
			JsonNode root = this.json.readTree(body);
			JsonNode reason = (root != null) ? root.path("error").path("errors").path(0).path("reason") : null;
			return (reason != null && reason.isTextual()) ? Optional.of(reason.asText()) : Optional.empty();
		}
		catch (Exception ex) {
			return Optional.empty();
		}
	}

	private Optional<YouTubeCommentMapper.Seen> seen(Cursor cursor, String listing) {
		return seen(cursor.get(listing), cursor.get(listing + PUBLISHED_SUFFIX));
	}

	private static Optional<YouTubeCommentMapper.Seen> pending(Cursor cursor) {
		return seen(cursor.get(PENDING_NEWEST), cursor.get(PENDING_PUBLISHED));
	}

	private static Optional<YouTubeCommentMapper.Seen> seen(Optional<String> id, Optional<String> published) {
		if (id.isEmpty() || published.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new YouTubeCommentMapper.Seen(id.get(), Instant.parse(published.get())));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private static int number(String value) {
		try {
			return Math.max(1, Integer.parseInt(value));
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	private String mask(String text) {
		return (text == null) ? "" : text.replace(this.settings.apiKey(), MASK);
	}

	private DeadLetter deadLetter(String reason, String body, Instant now) {
		return new DeadLetter(instanceId(), mask(reason), mask(body), now);
	}

	private record Answer(int status, String body) {

	}

	/**
	 * YouTube could not be reached at all; the message names no URL with the key.
	 */
	static final class YouTubeUnreachableException extends RuntimeException {

		YouTubeUnreachableException(String message) {
			super(message);
		}

	}

}
