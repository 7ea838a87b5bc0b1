package io.grapevine.ingest.source.bluesky;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.RateLimitHeaders;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.listening.mention.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Searches Bluesky posts ({@code app.bsky.feed.searchPosts}, {@code sort=latest}) for
 * each query, newest first, each query down to the newest post read in an earlier round,
 * signed in with an app password ({@code com.atproto.server.createSession}, renewed with
 * {@code com.atproto.server.refreshSession} when the access token has expired).
 *
 * <p>
 * Position keys: per query {@code q:<query>}, the AT URI of its newest post read in a
 * finished round, and {@code q:<query>@time}, that post's time; while a query is paged,
 * {@code current} (the query), {@code pending_newest} and {@code pending_time} (its
 * newest post of this round), {@code page_cursor} (the search cursor of the next page)
 * and {@code pages}. A query's keys only move when its round ends (a post already seen or
 * older than it, the last page, or {@code max-pages-per-round} pages), so a restart
 * mid-round pages on with the same cursor. A query never read before is read one page
 * deep. {@code ratelimit-reset} is in epoch seconds: the source pauses until then when no
 * request remains or on HTTP 429.
 */
class BlueskySearchSource implements Source {

	static final String QUERY_PREFIX = "q:";

	static final String TIME_SUFFIX = "@time";

	static final String CURRENT = "current";

	static final String PENDING_NEWEST = "pending_newest";

	static final String PENDING_TIME = "pending_time";

	static final String PAGE_CURSOR = "page_cursor";

	static final String PAGES = "pages";

	static final String CREATE_SESSION = "/xrpc/com.atproto.server.createSession";

	static final String REFRESH_SESSION = "/xrpc/com.atproto.server.refreshSession";

	static final String SEARCH_POSTS = "/xrpc/app.bsky.feed.searchPosts";

	private static final Duration SESSION_LIFETIME = Duration.ofDays(3650);

	private static final Logger logger = LoggerFactory.getLogger(BlueskySearchSource.class);

	private static final RateLimitHeaders RATE_LIMIT = RateLimitHeaders.of("Bluesky", "ratelimit-remaining",
			"ratelimit-reset", RateLimitHeaders.Reset.EPOCH_SECONDS);

	private final ObjectMapper json = new ObjectMapper();

	private final String instanceId;

	private final BlueskySearchSettings settings;

	private final String appPassword;

	private final List<String> queries;

	private final CredentialSettings names;

	private final WebClient client;

	private final BlueskySearchMapper mapper;

	private final Clock clock;

	private final AtomicReference<Mono<SessionAnswer>> session = new AtomicReference<>();

	BlueskySearchSource(String instanceId, BlueskySearchSettings settings, String appPassword, List<String> queries,
			CredentialSettings names, WebClient.Builder builder, Clock clock) {
		if (queries.isEmpty()) {
			throw new IllegalArgumentException("a Bluesky search source needs at least one query");
		}
		this.instanceId = instanceId;
		this.settings = settings;
		this.appPassword = appPassword;
		this.queries = List.copyOf(queries);
		this.names = names;
		this.clock = clock;
		this.mapper = new BlueskySearchMapper(instanceId, clock);
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

	List<String> queries() {
		return this.queries;
	}

	@Override
	public Mono<Page> fetch(Cursor cursor) {
		String query = current(cursor);
		return session().flatMap((answer) -> (answer instanceof SessionAnswer.Granted granted)
				? search(cursor, query, granted, true) : Mono.just(refused(cursor, (SessionAnswer.Refused) answer)));
	}

	private Mono<Page> search(Cursor cursor, String query, SessionAnswer.Granted granted, boolean renew) {
		URI uri = searchUri(cursor, query);
		return exchange(this.client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + granted.accessJwt()))
			.flatMap((answer) -> {
				Optional<XrpcError> error = XrpcError.parse(answer.body());
				boolean expired = error.filter((e) -> e.is("ExpiredToken")).isPresent();
				if (renew && (answer.status() == 400 || answer.status() == 401) && expired) {
					return renewed(granted).flatMap((fresh) -> (fresh instanceof SessionAnswer.Granted again)
							? search(cursor, query, again, false)
							: Mono.just(refused(cursor, (SessionAnswer.Refused) fresh)));
				}
				if (renew && answer.status() == 401) {
					// The session may have been revoked: sign in again once.
					this.session.set(null);
					return session().flatMap((fresh) -> (fresh instanceof SessionAnswer.Granted again)
							? search(cursor, query, again, false)
							: Mono.just(refused(cursor, (SessionAnswer.Refused) fresh)));
				}
				return Mono.just(page(cursor, query, answer, error));
			});
	}

	private Mono<SessionAnswer> session() {
		Mono<SessionAnswer> current = this.session.get();
		if (current != null) {
			return current;
		}
		Mono<SessionAnswer> fresh = createSession().cache(
				(answer) -> (answer instanceof SessionAnswer.Granted) ? SESSION_LIFETIME : Duration.ZERO,
				(error) -> Duration.ZERO, () -> Duration.ZERO);
		return this.session.compareAndSet(null, fresh) ? fresh : this.session.get();
	}

	private Mono<SessionAnswer> createSession() {
		Map<String, String> credentials = Map.of("identifier", this.settings.identifier(), "password",
				this.appPassword);
		return exchange(this.client.post()
			.uri(xrpc(CREATE_SESSION))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(credentials)).map((answer) -> sessionAnswer(CREATE_SESSION, answer));
	}

	private Mono<SessionAnswer> renewed(SessionAnswer.Granted expired) {
		return exchange(this.client.post()
			.uri(xrpc(REFRESH_SESSION))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + expired.refreshJwt())).flatMap((answer) -> {
				SessionAnswer refreshed = sessionAnswer(REFRESH_SESSION, answer);
				if (refreshed instanceof SessionAnswer.Granted granted) {
					this.session.set(Mono.just(granted));
					return Mono.just(refreshed);
				}
				// The refresh token has expired or was revoked too: sign in again.
				logger.info("Source {}: the Bluesky session could not be refreshed ({}); signing in again",
						instanceId(), SourcePayloads.abbreviate(answer.body()));
				this.session.set(null);
				return session();
			});
	}

	private SessionAnswer sessionAnswer(String path, Answer answer) {
		String where = this.settings.serviceUrl() + path;
		Optional<XrpcError> error = XrpcError.parse(answer.body());
		String said = error.map(XrpcError::toString).orElseGet(() -> SourcePayloads.abbreviate(answer.body()));
		if (answer.status() == 429) {
			return new SessionAnswer.Refused(
					"Bluesky rate-limited signing in at " + where + " (HTTP 429: " + said + ")", answer.body(), false,
					RATE_LIMIT.reset(answer.headers(), this.clock.instant()));
		}
		if (answer.status() == 400 || answer.status() == 401) {
			if (REFRESH_SESSION.equals(path)) {
				return new SessionAnswer.Refused("Bluesky refused to refresh the session at " + where + " (HTTP "
						+ answer.status() + ": " + said + ")", answer.body(), false, Optional.empty());
			}
			return new SessionAnswer.Refused(
					"Bluesky refused to sign in " + this.settings.identifier() + " at " + where + " (HTTP "
							+ answer.status() + ": " + said + "); check " + this.names.identifier() + " and "
							+ this.names.appPassword()
							+ " (an app password made under Settings, Privacy and security, App " + "passwords)",
					answer.body(), false, Optional.empty());
		}
		if (answer.status() < 200 || answer.status() > 299) {
			return new SessionAnswer.Refused("Bluesky answered HTTP " + answer.status() + " to " + where + ": "
					+ SourcePayloads.abbreviate(answer.body()), answer.body(), true, Optional.empty());
		}
		try {
			JsonNode root = this.json.readTree(answer.body());
			Optional<String> access = SourcePayloads.text(root, "accessJwt");
			Optional<String> refresh = SourcePayloads.text(root, "refreshJwt");
			if (access.isEmpty() || refresh.isEmpty()) {
				return new SessionAnswer.Refused("Bluesky answered " + where + " without accessJwt and refreshJwt: "
						+ SourcePayloads.abbreviate(answer.body()), answer.body(), true, Optional.empty());
			}
			return new SessionAnswer.Granted(access.get(), refresh.get());
		}
		catch (Exception ex) {
			return new SessionAnswer.Refused("Bluesky answered " + where + " with a body that is not JSON: "
					+ SourcePayloads.abbreviate(answer.body()), answer.body(), true, Optional.empty());
		}
	}

	private Page refused(Cursor cursor, SessionAnswer.Refused refused) {
		Instant now = this.clock.instant();
		logger.warn("Source {}: {}", instanceId(), refused.reason());
		List<DeadLetter> deadLetters = refused.deadLetter()
				? List.of(new DeadLetter(instanceId(), refused.reason(), refused.body(), now)) : List.of();
		Instant until = refused.resetAt().filter(now::isBefore).orElse(now.plus(pollInterval()));
		String reason = refused.resetAt().isPresent() ? refused.reason() + "; pausing until " + until
				: refused.reason();
		return Page.failed(cursor, reason, deadLetters).pausedUntil(until);
	}

	private Mono<Answer> exchange(WebClient.RequestHeadersSpec<?> request) {
		return request.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> new Answer(response.statusCode().value(), response.headers().asHttpHeaders(), body)))
			.timeout(this.settings.requestTimeout());
	}

	private URI xrpc(String path) {
		return UriComponentsBuilder.fromUri(this.settings.serviceUrl()).path(path).build().toUri();
	}

	private String current(Cursor cursor) {
		return cursor.get(CURRENT).filter(this.queries::contains).orElse(this.queries.get(0));
	}

	private URI searchUri(Cursor cursor, String query) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(this.settings.serviceUrl())
			.path(SEARCH_POSTS)
			.queryParam("q", "{q}")
			.queryParam("sort", "latest")
			.queryParam("limit", this.settings.limit());
		Map<String, String> variables = new HashMap<>();
		variables.put("q", query);
		if (paging(cursor, query)) {
			uri.queryParam("cursor", "{cursor}");
			variables.put("cursor", cursor.get(PAGE_CURSOR).get());
		}
		return uri.encode().buildAndExpand(variables).toUri();
	}

	private static boolean paging(Cursor cursor, String query) {
		return query.equals(cursor.get(CURRENT).orElse(null)) && cursor.get(PAGE_CURSOR).isPresent();
	}

	private Page page(Cursor cursor, String query, Answer answer, Optional<XrpcError> error) {
		Instant now = this.clock.instant();
		String said = error.map(XrpcError::toString).orElseGet(() -> SourcePayloads.abbreviate(answer.body()));
		if (answer.status() == 429) {
			Instant until = RATE_LIMIT.reset(answer.headers(), now)
				.filter(now::isBefore)
				.orElse(now.plus(pollInterval()));
			String reason = "Bluesky rate-limited source " + instanceId() + " (HTTP 429: " + said + "); pausing until "
					+ until;
			logger.warn(reason);
			return Page.failed(cursor, reason, List.of()).pausedUntil(until);
		}
		if (answer.status() == 401) {
			String reason = "Bluesky refused the search with a fresh session (HTTP 401: " + said + "); check "
					+ this.names.identifier() + " and " + this.names.appPassword();
			logger.warn("Source {}: {}", instanceId(), reason);
			return Page.failed(cursor, reason, List.of()).pausedUntil(now.plus(pollInterval()));
		}
		if (answer.status() == 400 && error.filter((e) -> e.is("InvalidRequest")).isPresent()) {
			// The search will refuse this query every time: set it aside and go on with
			// the next one, so one bad query does not hold up the others.
			String reason = "Bluesky refused the query '" + query + "' (HTTP 400: " + said + "); fix or remove it in "
					+ this.names.queries();
			Map<String, String> position = endRound(cursor, query, Optional.empty());
			boolean more = !this.queries.get(0).equals(position.get(CURRENT));
			return RATE_LIMIT.apply(
					new Page(List.of(), List.of(deadLetter(reason, answer.body(), now)), cursor.moveTo(position, now),
							more, Optional.empty(), Optional.of(reason)),
					answer.headers(), now, pollInterval(), instanceId());
		}
		if (answer.status() < 200 || answer.status() > 299) {
			String reason = "Bluesky answered HTTP " + answer.status() + " to the search for '" + query + "': " + said;
			return RATE_LIMIT.apply(Page.failed(cursor, reason, List.of(deadLetter(reason, answer.body(), now))),
					answer.headers(), now, pollInterval(), instanceId());
		}
		boolean paging = paging(cursor, query);
		Optional<BlueskySearchMapper.Seen> seen = seen(cursor, query);
		BlueskySearchMapper.Mapped mapped = this.mapper.map(answer.body(), query, seen);
		if (mapped instanceof BlueskySearchMapper.Malformed malformed) {
			return RATE_LIMIT.apply(
					Page.failed(cursor, malformed.reason(),
							List.of(deadLetter(malformed.reason(), answer.body(), now))),
					answer.headers(), now, pollInterval(), instanceId());
		}
		BlueskySearchMapper.Mapped.Posts page = (BlueskySearchMapper.Mapped.Posts) mapped;
		Optional<BlueskySearchMapper.Seen> pendingNewest = (paging ? pending(cursor)
				: Optional.<BlueskySearchMapper.Seen>empty())
			.or(page::newest);
		int pages = (paging ? cursor.get(PAGES).map(BlueskySearchSource::number).orElse(1) : 0) + 1;
		boolean more;
		Map<String, String> position;
		if (seen.isPresent() && !page.reachedSeen() && page.cursor().isPresent() && page.postCount() > 0
				&& pages < this.settings.maxPagesPerRound()) {
			position = new HashMap<>(cursor.position());
			position.put(CURRENT, query);
			pendingNewest.ifPresent((newest) -> {
				position.put(PENDING_NEWEST, newest.uri());
				position.put(PENDING_TIME, newest.time().toString());
			});
			position.put(PAGE_CURSOR, page.cursor().get());
			position.put(PAGES, String.valueOf(pages));
			more = true;
		}
		else {
			position = endRound(cursor, query, pendingNewest);
			more = !this.queries.get(0).equals(position.get(CURRENT));
			if (seen.isPresent() && !page.reachedSeen() && page.cursor().isPresent()
					&& pages >= this.settings.maxPagesPerRound()) {
				logger.info("Source {}: query '{}' has more than {} new pages; the older ones are skipped",
						instanceId(), query, this.settings.maxPagesPerRound());
			}
		}
		return RATE_LIMIT.apply(Page.of(page.mentions(), page.deadLetters(), cursor.moveTo(position, now), more),
				answer.headers(), now, pollInterval(), instanceId());
	}

	private Map<String, String> endRound(Cursor cursor, String query,
			Optional<BlueskySearchMapper.Seen> pendingNewest) {
		Map<String, String> position = new HashMap<>(cursor.position());
		pendingNewest.ifPresent((newest) -> {
			position.put(QUERY_PREFIX + query, newest.uri());
			position.put(QUERY_PREFIX + query + TIME_SUFFIX, newest.time().toString());
		});
		position.remove(PENDING_NEWEST);
		position.remove(PENDING_TIME);
		position.remove(PAGE_CURSOR);
		position.remove(PAGES);
		int next = (this.queries.indexOf(query) + 1) % this.queries.size();
		position.put(CURRENT, this.queries.get(next));
		return position;
	}

	private static Optional<BlueskySearchMapper.Seen> seen(Cursor cursor, String query) {
		return seen(cursor.get(QUERY_PREFIX + query), cursor.get(QUERY_PREFIX + query + TIME_SUFFIX));
	}

	private static Optional<BlueskySearchMapper.Seen> pending(Cursor cursor) {
		return seen(cursor.get(PENDING_NEWEST), cursor.get(PENDING_TIME));
	}

	private static Optional<BlueskySearchMapper.Seen> seen(Optional<String> uri, Optional<String> time) {
		if (uri.isEmpty() || time.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new BlueskySearchMapper.Seen(uri.get(), Instant.parse(time.get())));
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

	private DeadLetter deadLetter(String reason, String body, Instant now) {
		return new DeadLetter(instanceId(), reason, body, now);
	}

	/**
	 * How messages name the settings a user fixes when Bluesky refuses.
	 *
	 * @param identifier the identifier setting
	 * @param appPassword the app password setting
	 * @param queries the queries setting
	 */
	record CredentialSettings(String identifier, String appPassword, String queries) {

	}

	private record Answer(int status, HttpHeaders headers, String body) {

	}

	/**
	 * What signing in or refreshing the session answered.
	 */
	private sealed interface SessionAnswer permits SessionAnswer.Granted, SessionAnswer.Refused {

		record Granted(String accessJwt, String refreshJwt) implements SessionAnswer {

			@Override
			public String toString() {
				return "Granted[tokens hidden]";
			}

		}

		record Refused(String reason, String body, boolean deadLetter,
				Optional<Instant> resetAt) implements SessionAnswer {

		}

	}

}
