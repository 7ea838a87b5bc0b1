package io.grapevine.ingest.source.reddit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads the newest Reddit posts matching the query ({@code GET /search}), the newest
 * posts of chosen subreddits ({@code GET /r/:sub/new}) and the newest posts and comments
 * of the organization's own accounts ({@code GET /user/:name/overview}, where its replies
 * are: the search finds posts only) with an app-only OAuth token, newest first, each
 * listing down to the first item read in an earlier round.
 *
 * <p>
 * Position keys: per listing ({@code search}, {@code r:<sub>}, {@code u:<name>}) the
 * fullname of its newest item read in a finished round; while a listing is paged,
 * {@code current} (the listing), {@code pending_newest} (its newest item of this round),
 * {@code after} (the page to fetch next) and {@code pages}. The listing's key only moves
 * when its round ends (an item already seen, the last page, or
 * {@value #MAX_PAGES_PER_ROUND} pages), so a restart mid-round pages on with the same
 * {@code after} and stops at the same item. A listing never read before is read back at
 * most {@value #MAX_PAGES_PER_ROUND} pages. The token is fetched again a minute before it
 * expires and once after a 401. {@code X-Ratelimit-Reset} is in seconds: the source
 * pauses until then when fewer than one request remains or on HTTP 429.
 */
public class RedditSource implements Source {

	static final String SEARCH = "search";

	static final String SUBREDDIT_PREFIX = "r:";

	static final String USER_PREFIX = "u:";

	static final String CURRENT = "current";

	static final String PENDING_NEWEST = "pending_newest";

	static final String AFTER = "after";

	static final String PAGES = "pages";

	static final int MAX_PAGES_PER_ROUND = 10;

	static final String TOKEN_PATH = "/api/v1/access_token";

	private static final Duration TOKEN_MARGIN = Duration.ofMinutes(1);

	private static final Logger logger = LoggerFactory.getLogger(RedditSource.class);

	private static final RateLimitHeaders RATE_LIMIT = RateLimitHeaders.of("Reddit", "X-Ratelimit-Remaining",
			"X-Ratelimit-Reset", RateLimitHeaders.Reset.SECONDS_FROM_NOW);

	private final ObjectMapper json = new ObjectMapper();

	private final String instanceId;

	private final RedditSettings settings;

	private final RedditQuery query;

	private final List<String> listings;

	private final WebClient client;

	private final RedditListingMapper mapper;

	private final Clock clock;

	private final AtomicReference<Mono<TokenAnswer>> token = new AtomicReference<>();

	RedditSource(String instanceId, RedditSettings settings, RedditQuery query, List<String> ownAccounts,
			WebClient.Builder builder, Clock clock) {
		this.instanceId = instanceId;
		this.settings = settings;
		this.query = query;
		this.clock = clock;
		this.mapper = new RedditListingMapper(instanceId, clock);
		List<String> keys = new ArrayList<>();
		if (!query.text().isBlank()) {
			keys.add(SEARCH);
		}
		settings.subreddits().forEach((subreddit) -> keys.add(SUBREDDIT_PREFIX + subreddit));
		ownAccounts.forEach((name) -> keys.add(USER_PREFIX + name));
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("a Reddit source needs a query, a subreddit or an account of its own");
		}
		this.listings = List.copyOf(keys);
		this.client = builder.clone()
			.defaultHeader(HttpHeaders.USER_AGENT, settings.userAgent())
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

	String query() {
		return this.query.text();
	}

	List<String> listings() {
		return this.listings;
	}

	@Override
	public Mono<Page> fetch(Cursor cursor) {
		String listing = current(cursor);
		return token().flatMap((answer) -> (answer instanceof TokenAnswer.Granted granted)
				? get(cursor, listing, granted, true) : Mono.just(refused(cursor, (TokenAnswer.Refused) answer)));
	}

	private Mono<Page> get(Cursor cursor, String listing, TokenAnswer.Granted granted, boolean retryOn401) {
		URI uri = uri(cursor, listing);
		return this.client.get()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "bearer " + granted.accessToken())
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> new Answer(response.statusCode().value(), response.headers().asHttpHeaders(), body)))
			.timeout(this.settings.requestTimeout())
			.flatMap((answer) -> {
				if (answer.status() == 401 && retryOn401) {
					// The token may have been revoked or expired early: ask for a new one
					// once.
					this.token.compareAndSet(this.token.get(), null);
					return token().flatMap(
							(fresh) -> (fresh instanceof TokenAnswer.Granted again) ? get(cursor, listing, again, false)
									: Mono.just(refused(cursor, (TokenAnswer.Refused) fresh)));
				}
				return Mono.just(page(cursor, listing, uri, answer));
			});
	}

	private Mono<TokenAnswer> token() {
		Mono<TokenAnswer> current = this.token.get();
		if (current != null) {
			return current;
		}
		Mono<TokenAnswer> fresh = requestToken().cache(
				(answer) -> (answer instanceof TokenAnswer.Granted granted) ? granted.validFor() : Duration.ZERO,
				(error) -> Duration.ZERO, () -> Duration.ZERO);
		return this.token.compareAndSet(null, fresh) ? fresh : this.token.get();
	}

	private Mono<TokenAnswer> requestToken() {
		String credentials = this.settings.clientId() + ":" + this.settings.clientSecret();
		URI uri = UriComponentsBuilder.fromUri(this.settings.authUrl()).path(TOKEN_PATH).build().toUri();
		return this.client.post()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData("grant_type", "client_credentials"))
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> tokenAnswer(response.statusCode().value(), body)))
			.timeout(this.settings.requestTimeout());
	}

	private TokenAnswer tokenAnswer(int status, String body) {
		String where = this.settings.authUrl() + TOKEN_PATH;
		if (status == 401 || status == 403) {
			return new TokenAnswer.Refused("Reddit refused the app credentials at " + where + " (HTTP " + status + ": "
					+ SourcePayloads.abbreviate(body) + "); check "
					+ SourceSettings.describe(this.instanceId, "client-id") + " and "
					+ SourceSettings.describe(this.instanceId, "client-secret"), body, false);
		}
		if (status < 200 || status > 299) {
			return new TokenAnswer.Refused("Reddit answered HTTP " + status + " to the token request at " + where + ": "
					+ SourcePayloads.abbreviate(body), body, true);
		}
		try {
			JsonNode root = this.json.readTree(body);
			JsonNode accessToken = (root != null) ? root.get("access_token") : null;
			if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
				String error = (root != null && root.hasNonNull("error")) ? " (" + root.get("error").asText() + ")"
						: "";
				return new TokenAnswer.Refused(
						"Reddit answered the token request at " + where + " without an access_token" + error
								+ "; check " + SourceSettings.describe(this.instanceId, "client-id") + " and "
								+ SourceSettings.describe(this.instanceId, "client-secret") + ": "
								+ SourcePayloads.abbreviate(body),
						body, true);
			}
			long expiresIn = root.path("expires_in").canConvertToLong() ? root.path("expires_in").asLong() : 3600;
			Duration lifetime = Duration.ofSeconds(Math.max(1, expiresIn));
			Duration validFor = (lifetime.compareTo(TOKEN_MARGIN.multipliedBy(2)) > 0) ? lifetime.minus(TOKEN_MARGIN)
					: lifetime.dividedBy(2);
			return new TokenAnswer.Granted(accessToken.asText(), validFor);
		}
		catch (Exception ex) {
			return new TokenAnswer.Refused("Reddit answered the token request at " + where
					+ " with a body that is not JSON: " + SourcePayloads.abbreviate(body), body, true);
		}
	}

	private Page refused(Cursor cursor, TokenAnswer.Refused refused) {
		Instant now = this.clock.instant();
		logger.warn("Source {}: {}", instanceId(), refused.reason());
		List<DeadLetter> deadLetters = refused.deadLetter()
				? List.of(new DeadLetter(instanceId(), refused.reason(), refused.body(), now)) : List.of();
		return Page.failed(cursor, refused.reason(), deadLetters)
			.asCredentialsRefused()
			.pausedUntil(now.plus(pollInterval()));
	}

	private String current(Cursor cursor) {
		return cursor.get(CURRENT).filter(this.listings::contains).orElse(this.listings.get(0));
	}

	private URI uri(Cursor cursor, String listing) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(this.settings.baseUrl());
		Map<String, String> variables = new HashMap<>();
		if (SEARCH.equals(listing)) {
			uri.path("/search")
				.queryParam("q", "{q}")
				.queryParam("sort", "new")
				.queryParam("limit", this.settings.limit())
				.queryParam("type", "link")
				.queryParam("raw_json", 1);
			variables.put("q", this.query.text());
		}
		else if (listing.startsWith(USER_PREFIX)) {
			uri.path("/user/{name}/overview")
				.queryParam("sort", "new")
				.queryParam("limit", this.settings.limit())
				.queryParam("raw_json", 1);
			variables.put("name", listing.substring(USER_PREFIX.length()));
		}
		else {
			uri.path("/r/{sub}/new").queryParam("limit", this.settings.limit()).queryParam("raw_json", 1);
			variables.put("sub", listing.substring(SUBREDDIT_PREFIX.length()));
		}
		if (listing.equals(cursor.get(CURRENT).orElse(null)) && cursor.get(AFTER).isPresent()) {
			uri.queryParam("after", "{after}");
			variables.put("after", cursor.get(AFTER).get());
		}
		return uri.encode().buildAndExpand(variables).toUri();
	}

	private String matchedBy(String listing) {
		if (SEARCH.equals(listing)) {
			return this.query.text();
		}
		return listing.startsWith(USER_PREFIX) ? "u/" + listing.substring(USER_PREFIX.length())
				: "r/" + listing.substring(SUBREDDIT_PREFIX.length());
	}

	private Page page(Cursor cursor, String listing, URI uri, Answer answer) {
		Instant now = this.clock.instant();
		String where = uri.getRawPath();
		if (answer.status() == 429) {
			Instant until = RATE_LIMIT.reset(answer.headers(), now).orElse(now.plus(pollInterval()));
			logger.warn("Reddit rate-limited source {} (HTTP 429); pausing until {}", instanceId(), until);
			return Page.of(List.of(), List.of(), cursor, false).pausedUntil(until);
		}
		if (answer.status() == 401) {
			String reason = "Reddit refused a fresh token for " + where + " (HTTP 401: "
					+ SourcePayloads.abbreviate(answer.body()) + "); check "
					+ SourceSettings.describe(this.instanceId, "client-id") + " and "
					+ SourceSettings.describe(this.instanceId, "client-secret");
			logger.warn("Source {}: {}", instanceId(), reason);
			return Page.failed(cursor, reason, List.of()).asCredentialsRefused().pausedUntil(now.plus(pollInterval()));
		}
		if (listing.startsWith(USER_PREFIX) && (answer.status() == 403 || answer.status() == 404)) {
			// A suspended, deleted or misspelt account must not hold up the other
			// listings: it is passed over until the next round.
			String reason = "Reddit answered HTTP " + answer.status() + " to " + where + " (is the account u/"
					+ listing.substring(USER_PREFIX.length())
					+ " of the organization file's accounts.reddit suspended, deleted or misspelt?): "
					+ SourcePayloads.abbreviate(answer.body());
			Page skipped = new Page(List.of(), List.of(deadLetter(reason, answer.body(), now)),
					cursor.moveTo(nextListing(cursor, listing), now), false, Optional.empty(), Optional.of(reason));
			return RATE_LIMIT.apply(skipped, answer.headers(), now, pollInterval(), instanceId());
		}
		if (answer.status() < 200 || answer.status() > 299) {
			String reason = "Reddit answered HTTP " + answer.status() + " to " + where
					+ ((answer.status() == 403)
							? " (a private or banned subreddit, or a User-Agent Reddit blocks? check "
									+ SourceSettings.describe(this.instanceId, "subreddits") + " and "
									+ SourceSettings.describe(this.instanceId, "user-agent") + ")"
							: "")
					+ ": " + SourcePayloads.abbreviate(answer.body());
			return RATE_LIMIT.apply(Page.failed(cursor, reason, List.of(deadLetter(reason, answer.body(), now))),
					answer.headers(), now, pollInterval(), instanceId());
		}
		boolean paging = listing.equals(cursor.get(CURRENT).orElse(null)) && cursor.get(AFTER).isPresent();
		Optional<String> seen = cursor.get(listing);
		RedditListingMapper.Mapped mapped = this.mapper.map(answer.body(), matchedBy(listing), seen);
		if (mapped instanceof RedditListingMapper.Malformed malformed) {
			return RATE_LIMIT.apply(
					Page.failed(cursor, malformed.reason(),
							List.of(deadLetter(malformed.reason(), answer.body(), now))),
					answer.headers(), now, pollInterval(), instanceId());
		}
		RedditListingMapper.Mapped.Listing page = (RedditListingMapper.Mapped.Listing) mapped;
		Map<String, String> position = new HashMap<>(cursor.position());
		Optional<String> pendingNewest = (paging ? cursor.get(PENDING_NEWEST) : Optional.<String>empty())
			.or(page::newestName);
		int pages = (paging ? cursor.get(PAGES).map(RedditSource::number).orElse(1) : 0) + 1;
		boolean more;
		if (!page.reachedSeen() && page.after().isPresent() && page.itemCount() > 0 && pages < MAX_PAGES_PER_ROUND) {
			position.put(CURRENT, listing);
			pendingNewest.ifPresent((name) -> position.put(PENDING_NEWEST, name));
			position.put(AFTER, page.after().get());
			position.put(PAGES, String.valueOf(pages));
			more = true;
		}
		else {
			pendingNewest.ifPresent((name) -> position.put(listing, name));
			position.remove(PENDING_NEWEST);
			position.remove(AFTER);
			position.remove(PAGES);
			int next = (this.listings.indexOf(listing) + 1) % this.listings.size();
			position.put(CURRENT, this.listings.get(next));
			more = next != 0;
			if (pages >= MAX_PAGES_PER_ROUND && !page.reachedSeen() && page.after().isPresent()) {
				logger.info("Source {}: listing {} has more than {} new pages; the older ones are skipped",
						instanceId(), listing, MAX_PAGES_PER_ROUND);
			}
		}
		return RATE_LIMIT.apply(Page.of(page.mentions(), page.deadLetters(), cursor.moveTo(position, now), more),
				answer.headers(), now, pollInterval(), instanceId());
	}

	private Map<String, String> nextListing(Cursor cursor, String listing) {
		Map<String, String> position = new HashMap<>(cursor.position());
		position.remove(PENDING_NEWEST);
		position.remove(AFTER);
		position.remove(PAGES);
		position.put(CURRENT, this.listings.get((this.listings.indexOf(listing) + 1) % this.listings.size()));
		return position;
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

	private record Answer(int status, HttpHeaders headers, String body) {

	}

	/**
	 * What the token endpoint answered.
	 */
	private sealed interface TokenAnswer permits TokenAnswer.Granted, TokenAnswer.Refused {

		record Granted(String accessToken, Duration validFor) implements TokenAnswer {

		}

		record Refused(String reason, String body, boolean deadLetter) implements TokenAnswer {

		}

	}

}
