package io.grapevine.ingest.source.xv1;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.listening.mention.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import twitter4j.Twitter;
import twitter4j.TwitterException;
import twitter4j.TwitterObjectFactory;
import twitter4j.TwitterResponse;
import twitter4j.v1.Paging;
import twitter4j.v1.Query;
import twitter4j.v1.QueryResult;
import twitter4j.v1.RateLimitStatus;
import twitter4j.v1.Status;

/**
 * Pulls tweets from the X API v1.1 through Twitter4J: standard searches and user
 * timelines, one request per fetch, each read back to the newest tweet since the last
 * round, with OAuth 1.0a user credentials. Twitter4J blocks, so every call runs on the
 * bounded elastic scheduler.
 *
 * <p>
 * Position keys: {@code current} (the search or timeline to read next, e.g.
 * {@code search:harbor city} or {@code timeline:hctransit}) and per search or timeline
 * {@code <key> since_id} (newest tweet of its last finished round),
 * {@code <key> pending_newest} (newest tweet of the round being paged) and
 * {@code <key> max_id} (where the next page of the round ends).
 */
class XV1Source implements Source {

	static final String CURRENT = "current";

	static final String SINCE_ID = " since_id";

	static final String PENDING_NEWEST = " pending_newest";

	static final String MAX_ID = " max_id";

	// When X rate-limits without saying until when, its windows are 15 minutes long.
	private static final Duration DEFAULT_RATE_LIMIT_WINDOW = Duration.ofMinutes(15);

	private static final Logger logger = LoggerFactory.getLogger(XV1Source.class);

	private final String instanceId;

	private final XV1Settings settings;

	private final Credentials credentials;

	private final Twitter twitter;

	private final XV1StatusMapper mapper;

	private final Clock clock;

	private final List<String> targets;

	XV1Source(String instanceId, XV1Settings settings, Credentials credentials, Clock clock) {
		this.instanceId = instanceId;
		this.settings = settings;
		this.credentials = credentials;
		this.clock = clock;
		this.mapper = new XV1StatusMapper(instanceId, clock);
		List<String> keys = new ArrayList<>();
		settings.searches().forEach((query) -> keys.add("search:" + query));
		settings.timelines().forEach((name) -> keys.add("timeline:" + name));
		this.targets = List.copyOf(keys);
		Properties urls = new Properties();
		urls.setProperty("restBaseURL", settings.restBaseUrl());
		int timeout = (int) Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis());
		this.twitter = Twitter.newBuilder()
			.load(urls)
			.oAuthConsumer(credentials.consumerKey(), credentials.consumerSecret())
			.oAuthAccessToken(credentials.accessToken(), credentials.accessTokenSecret())
			.tweetModeExtended(true)
			.includeEntitiesEnabled(true)
			.jsonStoreEnabled(true)
			.httpConnectionTimeout(timeout)
			.httpReadTimeout(timeout)
			.httpRetryCount(0)
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

	List<String> targets() {
		return this.targets;
	}

	@Override
	public Mono<Page> fetch(Cursor cursor) {
		return Mono.fromCallable(() -> call(cursor)).subscribeOn(Schedulers.boundedElastic());
	}

	private Page call(Cursor cursor) throws TwitterException {
		String target = cursor.get(CURRENT).filter(this.targets::contains).orElse(this.targets.get(0));
		Optional<Long> sinceId = id(cursor, target + SINCE_ID);
		Optional<Long> maxId = id(cursor, target + MAX_ID);
		List<Status> statuses;
		boolean more;
		TwitterResponse response;
		try {
			if (target.startsWith("search:")) {
				Query query = Query.of(target.substring("search:".length()))
					.count(this.settings.count())
					.resultType(Query.RECENT);
				query = sinceId.map(query::sinceId).orElse(query);
				query = maxId.map(query::maxId).orElse(query);
				QueryResult result = this.twitter.v1().search().search(query);
				statuses = result.getTweets();
				more = result.hasNext() && !statuses.isEmpty();
				response = result;
			}
			else {
				Paging paging = Paging.ofCount(this.settings.count());
				paging = sinceId.map(paging::sinceId).orElse(paging);
				paging = maxId.map(paging::maxId).orElse(paging);
				var timeline = this.twitter.v1()
					.timelines()
					.getUserTimeline(target.substring("timeline:".length()), paging);
				statuses = timeline;
				more = !statuses.isEmpty();
				response = timeline;
			}
		}
		catch (TwitterException ex) {
			if (ex.isCausedByNetworkIssue()) {
				throw ex;
			}
			return refused(cursor, target, ex);
		}
		catch (RuntimeException ex) {
			// Twitter4J's reader can fail outside TwitterException on a body of the wrong
			// shape; it is set aside like any answer that cannot be read.
			return refused(cursor, target, new TwitterException(
					"Twitter4J could not read the answer: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					ex));
		}
		XV1StatusMapper.Mapped mapped = this.mapper.map(statuses, target, TwitterObjectFactory::getRawJSON);
		Page page = Page.of(mapped.mentions(), mapped.deadLetters(),
				cursor.moveTo(next(cursor, target, statuses, more), this.clock.instant()), true);
		if (!more && nextTarget(target).equals(this.targets.get(0))) {
			page = Page.of(page.mentions(), page.deadLetters(), page.next(), false);
		}
		return rateLimited(page, response.getRateLimitStatus());
	}

	private Map<String, String> next(Cursor cursor, String target, List<Status> statuses, boolean more) {
		Map<String, String> position = new HashMap<>(cursor.position());
		Optional<Long> newest = statuses.stream().map(Status::getId).max(Long::compare);
		Optional<Long> oldest = statuses.stream().map(Status::getId).min(Long::compare);
		Optional<String> pending = cursor.get(target + PENDING_NEWEST).or(() -> newest.map(String::valueOf));
		if (more && oldest.isPresent()) {
			pending.ifPresent((id) -> position.put(target + PENDING_NEWEST, id));
			position.put(target + MAX_ID, String.valueOf(oldest.get() - 1));
			position.put(CURRENT, target);
		}
		else {
			pending.ifPresent((id) -> position.put(target + SINCE_ID, id));
			position.remove(target + PENDING_NEWEST);
			position.remove(target + MAX_ID);
			position.put(CURRENT, nextTarget(target));
		}
		return position;
	}

	private String nextTarget(String target) {
		return this.targets.get((this.targets.indexOf(target) + 1) % this.targets.size());
	}

	private Page refused(Cursor cursor, String target, TwitterException ex) {
		Instant now = this.clock.instant();
		int status = ex.getStatusCode();
		String said = ex.isErrorMessageAvailable() ? ex.getErrorMessage() + " (code " + ex.getErrorCode() + ")"
				: SourcePayloads.firstLine(ex.getMessage());
		if (status == 429 || ex.exceededRateLimitation()) {
			Instant until = reset(ex).orElse(now.plus(DEFAULT_RATE_LIMIT_WINDOW));
			logger.warn("X v1.1 rate-limited source {} (HTTP 429: {}); pausing until {}", this.instanceId, said, until);
			return Page.of(List.of(), List.of(), cursor, false).pausedUntil(until);
		}
		if (status == 401) {
			String problem = "X refused the OAuth 1.0a credentials (HTTP 401: " + said + "); check "
					+ this.credentials.suspects(ex.getErrorCode());
			return Page.failed(cursor, problem, List.of())
				.pausedUntil(now.plus(this.settings.pollInterval().multipliedBy(10)))
				.asCredentialsRefused();
		}
		if (status == 403) {
			String problem = "X refused " + endpoint(target) + " (HTTP 403: " + said + "); the app of "
					+ this.credentials.describe("consumer-key") + " needs v1.1 access";
			return Page.failed(cursor, problem, List.of())
				.pausedUntil(now.plus(this.settings.pollInterval().multipliedBy(10)))
				.asCredentialsRefused();
		}
		// Anything else (a missing user, a server error, a body that is not the JSON
		// expected) is set aside and the next search or timeline is read; this one is
		// asked again from where it stood in the next round.
		String reason = ((status > 0) ? "X answered HTTP " + status + " to "
				: "X answered what Twitter4J could not read to ") + endpoint(target) + " for " + target + ": " + said;
		Map<String, String> position = new HashMap<>(cursor.position());
		position.put(CURRENT, nextTarget(target));
		return new Page(List.of(), List.of(new DeadLetter(this.instanceId, reason, ex.getMessage(), now)),
				cursor.moveTo(position, now), false, reset(ex).filter((until) -> remaining(ex) == 0),
				Optional.of(reason));
	}

	private Page rateLimited(Page page, RateLimitStatus rateLimit) {
		if (rateLimit != null && rateLimit.getLimit() > 0 && rateLimit.getRemaining() >= 0) {
			page = page.withRateLimitRemaining(rateLimit.getRemaining());
		}
		if (rateLimit != null && rateLimit.getRemaining() == 0 && rateLimit.getResetTimeInSeconds() > 0) {
			Instant until = Instant.ofEpochSecond(rateLimit.getResetTimeInSeconds());
			logger.info("Source {} used up its X v1.1 rate limit; pausing until {}", this.instanceId, until);
			return page.pausedUntil(until);
		}
		return page;
	}

	private static Optional<Instant> reset(TwitterException ex) {
		String header = header(ex, "x-rate-limit-reset");
		if (header != null) {
			try {
				return Optional.of(Instant.ofEpochSecond(Long.parseLong(header.strip())));
			}
			catch (NumberFormatException ignored) {
				// fall back to what Twitter4J read
			}
		}
		RateLimitStatus rateLimit = ex.getRateLimitStatus();
		return (rateLimit != null && rateLimit.getResetTimeInSeconds() > 0)
				? Optional.of(Instant.ofEpochSecond(rateLimit.getResetTimeInSeconds())) : Optional.empty();
	}

	// Twitter4J fails on a header the answer does not have instead of answering null.
	private static String header(TwitterException ex, String name) {
		try {
			return ex.getResponseHeader(name);
		}
		catch (RuntimeException missing) {
			return null;
		}
	}

	private static int remaining(TwitterException ex) {
		RateLimitStatus rateLimit = ex.getRateLimitStatus();
		return (rateLimit != null) ? rateLimit.getRemaining() : -1;
	}

	private static String endpoint(String target) {
		return target.startsWith("search:") ? "search/tweets.json" : "statuses/user_timeline.json";
	}

	private static Optional<Long> id(Cursor cursor, String key) {
		try {
			return cursor.get(key).map(Long::parseLong).filter((id) -> id > 0);
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The OAuth 1.0a user credentials, resolved from the environment, with how messages
	 * name their settings.
	 *
	 * @param consumerKey the app's API key
	 * @param consumerSecret the app's API key secret
	 * @param accessToken the user's access token
	 * @param accessTokenSecret the user's access token secret
	 * @param instanceId the instance, for messages
	 */
	record Credentials(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret,
			String instanceId) {

		String describe(String key) {
			return "sources[" + this.instanceId + "].settings." + key;
		}

		// X says 89 for a token it does not know and 32 when the signature (the
		// consumer key or a secret) does not match.
		String suspects(int errorCode) {
			if (errorCode == 89) {
				return describe("access-token") + " and " + describe("access-token-secret")
						+ ": the access token is invalid or expired";
			}
			if (errorCode == 32) {
				return describe("consumer-key") + ", " + describe("consumer-secret") + " and "
						+ describe("access-token-secret") + ": the request could not be authenticated";
			}
			return describe("consumer-key") + ", " + describe("consumer-secret") + ", " + describe("access-token")
					+ " and " + describe("access-token-secret");
		}

		@Override
		public String toString() {
			return "Credentials[******]";
		}

	}

}
