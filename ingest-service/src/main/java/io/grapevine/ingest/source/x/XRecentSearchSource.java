package io.grapevine.ingest.source.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.springframework.web.util.UriBuilder;

/**
 * Pulls tweets that match the organization's keywords from the X API v2 recent-search
 * endpoint, page by page and round by round, honouring its rate limits.
 *
 * <p>
 * Position keys: {@code since_id} (newest tweet of the last finished round),
 * {@code pending_newest_id} (newest tweet of the round being paged) and
 * {@code next_token} (the page to fetch next). A restart in the middle of a round resumes
 * with the same token and since_id, so nothing is fetched twice or skipped.
 */
public class XRecentSearchSource implements Source {

	static final String SINCE_ID = "since_id";

	static final String PENDING_NEWEST_ID = "pending_newest_id";

	static final String NEXT_TOKEN = "next_token";

	static final String PATH = "/2/tweets/search/recent";

	static final String TWEET_FIELDS = "created_at,lang,public_metrics,conversation_id,referenced_tweets,author_id,entities";

	// The originals of retweets and their authors come in includes.tweets and
	// includes.users.
	static final String EXPANSIONS = "author_id,referenced_tweets.id,referenced_tweets.id.author_id";

	static final String USER_FIELDS = "username,name,public_metrics,profile_image_url";

	// When X rate-limits without saying until when, its windows are 15 minutes long.
	private static final Duration DEFAULT_RATE_LIMIT_WINDOW = Duration.ofMinutes(15);

	private static final RateLimitHeaders RATE_LIMIT = RateLimitHeaders.of("X", "x-rate-limit-remaining",
			"x-rate-limit-reset", RateLimitHeaders.Reset.EPOCH_SECONDS);

	private static final Logger logger = LoggerFactory.getLogger(XRecentSearchSource.class);

	private final String instanceId;

	private final XSettings settings;

	private final XQuery query;

	private final WebClient client;

	private final XPageMapper mapper;

	private final Clock clock;

	XRecentSearchSource(String instanceId, XSettings settings, XQuery query, WebClient.Builder builder, Clock clock) {
		this.instanceId = instanceId;
		this.settings = settings;
		this.query = query;
		this.clock = clock;
		this.mapper = new XPageMapper(instanceId, clock);
		this.client = builder.clone()
			.baseUrl(settings.baseUrl().toString())
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.bearerToken())
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
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

	String query() {
		return this.query.text();
	}

	@Override
	public Mono<Page> fetch(Cursor cursor) {
		return this.client.get()
			.uri((uri) -> uri(uri, cursor))
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> page(cursor, response.statusCode(), response.headers().asHttpHeaders(), body)))
			.timeout(this.settings.requestTimeout());
	}

	private java.net.URI uri(UriBuilder uri, Cursor cursor) {
		uri.path(PATH)
			.queryParam("query", "{query}")
			.queryParam("max_results", this.settings.maxResults())
			.queryParam("tweet.fields", TWEET_FIELDS)
			.queryParam("expansions", EXPANSIONS)
			.queryParam("user.fields", USER_FIELDS);
		cursor.get(SINCE_ID).ifPresent((sinceId) -> uri.queryParam(SINCE_ID, sinceId));
		cursor.get(NEXT_TOKEN).ifPresent((token) -> uri.queryParam(NEXT_TOKEN, token));
		// The query goes in as a template variable so that its quotes, spaces and # are
		// encoded.
		return uri.build(this.query.text());
	}

	private Page page(Cursor cursor, HttpStatusCode status, HttpHeaders headers, String body) {
		Instant now = this.clock.instant();
		if (status.value() == 429) {
			Instant until = RATE_LIMIT.reset(headers, now).orElse(now.plus(DEFAULT_RATE_LIMIT_WINDOW));
			logger.warn("X rate-limited source {} (HTTP 429); pausing until {}", instanceId(), until);
			return Page.of(List.of(), List.of(), cursor, false).pausedUntil(until);
		}
		if (status.value() == 401 || status.value() == 403) {
			String problem = "X refused the bearer token (HTTP " + status.value() + ": "
					+ SourcePayloads.abbreviate(body) + "); check "
					+ SourceSettings.describe(this.instanceId, "bearer-token") + " and the access level of the X app";
			return Page.failed(cursor, problem, List.of())
				.asCredentialsRefused()
				.pausedUntil(now.plus(this.settings.pollInterval().multipliedBy(10)));
		}
		if (status.value() == 400 && cursor.get(NEXT_TOKEN).isPresent()) {
			// A token from an interrupted round can expire; paging cannot go on, so the
			// round
			// starts again from the last finished one: duplicates are overwritten
			// downstream,
			// nothing is lost.
			String problem = "X refused the stored next_token (HTTP 400: " + SourcePayloads.abbreviate(body)
					+ "); the round starts again from since_id, so some tweets may be published twice";
			Map<String, String> restart = new HashMap<>();
			cursor.get(SINCE_ID).ifPresent((sinceId) -> restart.put(SINCE_ID, sinceId));
			return new Page(List.of(), List.of(deadLetter(problem, body, now)), cursor.moveTo(restart, now), false,
					Optional.empty(), Optional.of(problem));
		}
		if (!status.is2xxSuccessful()) {
			String reason = "X answered HTTP " + status.value() + " to " + PATH + ": "
					+ SourcePayloads.abbreviate(body);
			return RATE_LIMIT.apply(Page.failed(cursor, reason, List.of(deadLetter(reason, body, now))), headers, now,
					DEFAULT_RATE_LIMIT_WINDOW, this.instanceId);
		}
		XPageMapper.Mapped mapped = this.mapper.map(body, this.query.text());
		if (mapped instanceof XPageMapper.Malformed malformed) {
			return RATE_LIMIT.apply(
					Page.failed(cursor, malformed.reason(), List.of(deadLetter(malformed.reason(), body, now))),
					headers, now, DEFAULT_RATE_LIMIT_WINDOW, this.instanceId);
		}
		XPageMapper.Mapped.Tweets tweets = (XPageMapper.Mapped.Tweets) mapped;
		Page page = Page.of(tweets.mentions(), tweets.deadLetters(), cursor.moveTo(next(cursor, tweets), now),
				tweets.nextToken().isPresent());
		return RATE_LIMIT.apply(page, headers, now, DEFAULT_RATE_LIMIT_WINDOW, this.instanceId);
	}

	private static Map<String, String> next(Cursor cursor, XPageMapper.Mapped.Tweets tweets) {
		Map<String, String> position = new HashMap<>();
		Optional<String> sinceId = cursor.get(SINCE_ID);
		Optional<String> pendingNewest = cursor.get(PENDING_NEWEST_ID).or(tweets::newestId);
		if (tweets.nextToken().isPresent()) {
			sinceId.ifPresent((id) -> position.put(SINCE_ID, id));
			pendingNewest.ifPresent((id) -> position.put(PENDING_NEWEST_ID, id));
			position.put(NEXT_TOKEN, tweets.nextToken().get());
		}
		else {
			pendingNewest.or(() -> sinceId).ifPresent((id) -> position.put(SINCE_ID, id));
		}
		return position;
	}

	private DeadLetter deadLetter(String reason, String body, Instant now) {
		return new DeadLetter(instanceId(), reason, body, now);
	}

}
