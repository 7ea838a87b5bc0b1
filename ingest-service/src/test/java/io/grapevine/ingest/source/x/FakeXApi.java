package io.grapevine.ingest.source.x;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the X API v2 recent-search endpoint that answers as the real one
 * does: bearer authentication, {@code since_id}, {@code next_token} paging newest first,
 * {@code includes.users}, rate-limit headers and problem bodies; it can be told to answer
 * a 429 or a malformed page once, and records every request it got.
 *
 * <p>
 * Unlike the real API it does not evaluate the search query: every posted tweet matches.
 */
public final class FakeXApi implements AutoCloseable {

	/** The path of the recent-search endpoint. */
	public static final String SEARCH_PATH = "/2/tweets/search/recent";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final int RATE_LIMIT = 450;

	private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final HttpServer server;

	private final String bearerToken;

	private final List<Tweet> tweets = new ArrayList<>();

	private final Map<String, List<Tweet>> pendingPages = new HashMap<>();

	private final Deque<Answer> scripted = new ArrayDeque<>();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private int rateLimitRemaining = RATE_LIMIT;

	private Instant rateLimitReset = Instant.now().plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.SECONDS);

	private FakeXApi(String bearerToken) throws IOException {
		this.bearerToken = bearerToken;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Start a fake on a random loopback port.
	 * @param bearerToken the only bearer token it accepts
	 * @return the running fake
	 */
	public static FakeXApi start(String bearerToken) {
		try {
			return new FakeXApi(bearerToken);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake X API", ex);
		}
	}

	/**
	 * The base URL to configure as the {@code base-url} setting of an x instance.
	 * @return the base URL, e.g. {@code http://127.0.0.1:40123}
	 */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Post tweets, so that searches from now on find them.
	 * @param posted the tweets
	 * @return this fake
	 */
	public synchronized FakeXApi post(Tweet... posted) {
		this.tweets.addAll(List.of(posted));
		return this;
	}

	/**
	 * Answer the next search with HTTP 429, as X does when the rate limit is used up.
	 * @param reset when the rate-limit window resets
	 */
	public synchronized void rateLimitOnce(Instant reset) {
		this.scripted.add(new Answer(429, "application/json",
				"{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}",
				Map.of("x-rate-limit-limit", String.valueOf(RATE_LIMIT), "x-rate-limit-remaining", "0",
						"x-rate-limit-reset", String.valueOf(reset.getEpochSecond()))));
	}

	/**
	 * Answer the next search with this body and status instead of a page.
	 * @param status the HTTP status
	 * @param contentType the content type
	 * @param body the body, e.g. truncated JSON or an HTML error page
	 */
	public synchronized void answerOnce(int status, String contentType, String body) {
		this.scripted.add(new Answer(status, contentType, body, Map.of()));
	}

	/**
	 * Set the rate-limit headers of the following answers.
	 * @param remaining requests left in the window
	 * @param reset when the window resets
	 */
	public synchronized void rateLimit(int remaining, Instant reset) {
		this.rateLimitRemaining = remaining;
		this.rateLimitReset = reset;
	}

	/**
	 * Every request received so far, oldest first.
	 * @return the requests
	 */
	public synchronized List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The search requests received so far, oldest first.
	 * @return the requests to the recent-search path
	 */
	public synchronized List<RecordedRequest> searches() {
		return this.requests.stream().filter((request) -> SEARCH_PATH.equals(request.path())).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A realistic tweet, posted now, without engagement.
	 * @param id the tweet id (digits)
	 * @param text the text as X sends it (with {@code &amp;}, {@code &lt;}, {@code &gt;})
	 * @param author who posted it
	 * @return the tweet
	 */
	public static Tweet tweet(String id, String text, User author) {
		return new Tweet(id, text, Instant.now().truncatedTo(ChronoUnit.MILLIS), author, "en", 0, 0, 0, 0,
				Optional.empty(), id);
	}

	/**
	 * A realistic user.
	 * @param id the user id (digits)
	 * @param username the handle
	 * @param name the display name
	 * @param followers the follower count
	 * @return the user
	 */
	public static User user(String id, String username, String name, long followers) {
		return new User(id, username, name, followers);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Answer answer = answer(exchange);
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", answer.contentType());
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			exchange.sendResponseHeaders(answer.status(), (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
	}

	private synchronized Answer answer(HttpExchange exchange) {
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query,
				Optional.ofNullable(authorization), Instant.now()));
		if (!("Bearer " + this.bearerToken).equals(authorization)) {
			return new Answer(401, "application/problem+json",
					"{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}",
					Map.of());
		}
		if (!SEARCH_PATH.equals(exchange.getRequestURI().getPath()) || !"GET".equals(exchange.getRequestMethod())) {
			return new Answer(404, "application/problem+json", "{\"title\":\"Not Found Error\",\"detail\":\"Sorry, "
					+ "that page does not exist.\",\"type\":\"https://api.twitter.com/2/problems/resource-not-found\"}",
					Map.of());
		}
		if (!this.scripted.isEmpty()) {
			return this.scripted.poll();
		}
		if (query.getOrDefault("query", "").isBlank()) {
			return invalidRequest("query", "The `query` query parameter can not be empty");
		}
		int maxResults;
		try {
			maxResults = Integer.parseInt(query.getOrDefault("max_results", "10"));
		}
		catch (NumberFormatException ex) {
			maxResults = -1;
		}
		if (maxResults < 10 || maxResults > 100) {
			return invalidRequest("max_results", "The `max_results` query parameter value [" + query.get("max_results")
					+ "] is not between 10 and 100");
		}
		List<Tweet> matching;
		String token = query.get("next_token");
		if (token != null) {
			// A token can be asked for again (a restarted service, a page fetched ahead);
			// only an unknown one is refused.
			matching = this.pendingPages.get(token);
			if (matching == null) {
				return invalidRequest("next_token",
						"The `next_token` query parameter value [" + token + "] is not valid");
			}
		}
		else {
			long sinceId = Long.parseLong(query.getOrDefault("since_id", "0"));
			matching = this.tweets.stream()
				.filter((tweet) -> Long.parseLong(tweet.id()) > sinceId)
				.sorted(Comparator.comparing((Tweet tweet) -> Long.parseLong(tweet.id())).reversed())
				.toList();
		}
		List<Tweet> page = matching.subList(0, Math.min(maxResults, matching.size()));
		Optional<String> nextToken = Optional.empty();
		if (matching.size() > page.size()) {
			nextToken = Optional.of(UUID.randomUUID().toString().replace("-", "").substring(0, 18));
			this.pendingPages.put(nextToken.get(), List.copyOf(matching.subList(page.size(), matching.size())));
		}
		this.rateLimitRemaining = Math.max(0, this.rateLimitRemaining - 1);
		return new Answer(200, "application/json; charset=utf-8", page(page, nextToken),
				Map.of("x-rate-limit-limit", String.valueOf(RATE_LIMIT), "x-rate-limit-remaining",
						String.valueOf(this.rateLimitRemaining), "x-rate-limit-reset",
						String.valueOf(this.rateLimitReset.getEpochSecond())));
	}

	/**
	 * The body X sends for a page of tweets.
	 * @param page the tweets, newest first
	 * @param nextToken the token of the next page
	 * @return the JSON body
	 */
	public static String page(List<Tweet> page, Optional<String> nextToken) {
		ObjectNode root = JSON.createObjectNode();
		if (!page.isEmpty()) {
			ArrayNode data = root.putArray("data");
			page.forEach((tweet) -> data.add(tweet.json()));
			ArrayNode users = root.putObject("includes").putArray("users");
			Map<String, User> authors = new LinkedHashMap<>();
			page.forEach((tweet) -> authors.putIfAbsent(tweet.author().id(), tweet.author()));
			authors.values().forEach((user) -> users.add(user.json()));
		}
		ObjectNode meta = root.putObject("meta");
		if (!page.isEmpty()) {
			meta.put("newest_id", page.get(0).id());
			meta.put("oldest_id", page.get(page.size() - 1).id());
		}
		meta.put("result_count", page.size());
		nextToken.ifPresent((token) -> meta.put("next_token", token));
		return root.toString();
	}

	private static Answer invalidRequest(String parameter, String message) {
		ObjectNode root = JSON.createObjectNode();
		ObjectNode error = root.putArray("errors").addObject();
		error.putObject("parameters").putArray(parameter);
		error.put("message", message);
		root.put("title", "Invalid Request");
		root.put("detail", "One or more parameters to your request was invalid.");
		root.put("type", "https://api.twitter.com/2/problems/invalid-request");
		return new Answer(400, "application/json", root.toString(), Map.of());
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? pair.substring(equals + 1) : "";
			query.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return query;
	}

	/**
	 * A tweet as the fake serves it.
	 *
	 * @param id the tweet id
	 * @param text the text, HTML entities escaped as X does
	 * @param createdAt when it was posted
	 * @param author who posted it
	 * @param lang the language X detected ({@code und} when unknown)
	 * @param likes like count
	 * @param retweets retweet count
	 * @param quotes quote count
	 * @param replies reply count
	 * @param inReplyTo the tweet it answers
	 * @param conversationId the id of the tweet that started the thread, its own id when
	 * it answers none
	 */
	public record Tweet(String id, String text, Instant createdAt, User author, String lang, long likes, long retweets,
			long quotes, long replies, Optional<String> inReplyTo, String conversationId) {

		/**
		 * This tweet with engagement counts.
		 * @param likes likes
		 * @param retweets retweets
		 * @param quotes quotes
		 * @param replies replies
		 * @return the copy
		 */
		public Tweet withEngagement(long likes, long retweets, long quotes, long replies) {
			return new Tweet(this.id, this.text, this.createdAt, this.author, this.lang, likes, retweets, quotes,
					replies, this.inReplyTo, this.conversationId);
		}

		/**
		 * This tweet as a reply.
		 * @param tweetId the tweet it answers
		 * @return the copy
		 */
		public Tweet replyTo(String tweetId) {
			return new Tweet(this.id, this.text, this.createdAt, this.author, this.lang, this.likes, this.retweets,
					this.quotes, this.replies, Optional.of(tweetId), tweetId);
		}

		/**
		 * This tweet as a reply to another, in its thread, as X writes one: a
		 * {@code referenced_tweets} entry of type {@code replied_to} naming the tweet it
		 * answers, and the {@code conversation_id} of the tweet that started the thread.
		 * @param parent the tweet it answers
		 * @return the copy
		 */
		public Tweet replyTo(Tweet parent) {
			return new Tweet(this.id, this.text, this.createdAt, this.author, this.lang, this.likes, this.retweets,
					this.quotes, this.replies, Optional.of(parent.id()), parent.conversationId());
		}

		/**
		 * This tweet in another language.
		 * @param language the language code X gives
		 * @return the copy
		 */
		public Tweet inLanguage(String language) {
			return new Tweet(this.id, this.text, this.createdAt, this.author, language, this.likes, this.retweets,
					this.quotes, this.replies, this.inReplyTo, this.conversationId);
		}

		/**
		 * This tweet posted at another time.
		 * @param at when it was posted
		 * @return the copy
		 */
		public Tweet postedAt(Instant at) {
			return new Tweet(this.id, this.text, at, this.author, this.lang, this.likes, this.retweets, this.quotes,
					this.replies, this.inReplyTo, this.conversationId);
		}

		/**
		 * The tweet object as X serves it with the fields Grapevine asks for.
		 * @return the JSON object
		 */
		public ObjectNode json() {
			ObjectNode tweet = JSON.createObjectNode();
			tweet.put("id", this.id);
			tweet.put("text", this.text);
			tweet.put("created_at", CREATED_AT.format(this.createdAt));
			tweet.put("author_id", this.author.id());
			tweet.put("conversation_id", this.conversationId);
			tweet.put("lang", this.lang);
			tweet.putArray("edit_history_tweet_ids").add(this.id);
			ObjectNode metrics = tweet.putObject("public_metrics");
			metrics.put("retweet_count", this.retweets);
			metrics.put("reply_count", this.replies);
			metrics.put("like_count", this.likes);
			metrics.put("quote_count", this.quotes);
			metrics.put("bookmark_count", 0);
			metrics.put("impression_count", 10 * (this.likes + this.retweets + this.replies + 1));
			this.inReplyTo.ifPresent((replied) -> tweet.putArray("referenced_tweets")
				.addObject()
				.put("type", "replied_to")
				.put("id", replied));
			ObjectNode entities = tweet.putObject("entities");
			ArrayNode hashtags = entities.putArray("hashtags");
			for (String word : this.text.split("\\s+")) {
				if (word.startsWith("#") && word.length() > 1) {
					int start = this.text.indexOf(word);
					hashtags.addObject()
						.put("start", start)
						.put("end", start + word.length())
						.put("tag", word.substring(1));
				}
			}
			return tweet;
		}

	}

	/**
	 * A user as the fake serves it in {@code includes.users}.
	 *
	 * @param id the user id
	 * @param username the handle
	 * @param name the display name
	 * @param followers follower count
	 */
	public record User(String id, String username, String name, long followers) {

		ObjectNode json() {
			ObjectNode user = JSON.createObjectNode();
			user.put("id", this.id);
			user.put("name", this.name);
			user.put("username", this.username);
			user.put("profile_image_url", "https://pbs.twimg.com/profile_images/" + this.id + "/avatar_normal.jpg");
			ObjectNode metrics = user.putObject("public_metrics");
			metrics.put("followers_count", this.followers);
			metrics.put("following_count", 180);
			metrics.put("tweet_count", 2400);
			metrics.put("listed_count", 3);
			metrics.put("like_count", 5100);
			return user;
		}

	}

	/**
	 * One request the fake received.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param query the decoded query parameters
	 * @param authorization the Authorization header, if sent
	 * @param receivedAt when the fake received it
	 */
	public record RecordedRequest(String method, String path, Map<String, String> query, Optional<String> authorization,
			Instant receivedAt) {
	}

	private record Answer(int status, String contentType, String body, Map<String, String> headers) {
	}

}
