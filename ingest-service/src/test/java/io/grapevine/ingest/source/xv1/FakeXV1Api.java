package io.grapevine.ingest.source.xv1;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the X API v1.1 {@code GET search/tweets.json} and
 * {@code GET statuses/user_timeline.json} that answers as the real one does: OAuth 1.0a
 * signatures checked (HMAC-SHA1 over the method, URL and every parameter; 401 with code
 * 32 when it does not match, 89 for an unknown token), newest first, {@code count},
 * {@code since_id} and {@code max_id} (inclusive), {@code search_metadata.next_results}
 * while older tweets remain, statuses in the v1.1 JSON shape ({@code full_text} with
 * {@code tweet_mode=extended}, {@code entities}, {@code user}, {@code created_at} as
 * {@code Wed Oct 10 20:19:24 +0000 2018}), and the {@code x-rate-limit-*} headers. It can
 * be told to answer something else once, and records every request.
 */
final class FakeXV1Api implements AutoCloseable {

	static final String SEARCH_PATH = "/1.1/search/tweets.json";

	static final String TIMELINE_PATH = "/1.1/statuses/user_timeline.json";

	static final String CONSUMER_KEY = "xvnpQ0wLkY3nHrW9tZb2uLc1";

	static final String CONSUMER_SECRET = "kq6fT1u0HhTnE8s3Yd9wB4mZr7cXj2aVvP5lN0gQeS1oI6";

	static final String ACCESS_TOKEN = "1460000000000000000-Hc7TrAnSiTgQ4wE1rT8yU2iO0pA3sD";

	static final String ACCESS_TOKEN_SECRET = "p9oI8uY7tR6eW5qA4sD3fG2hJ1kL0zXcVbNm1qW2eR3tY";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final DateTimeFormatter CREATED_AT = DateTimeFormatter
		.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final Pattern OAUTH_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

	private final HttpServer server;

	private final List<Tweet> tweets = new ArrayList<>();

	private final Deque<Answer> scripted = new ArrayDeque<>();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private int remaining = 180;

	private long reset = Instant.parse("2026-11-21T22:45:00Z").getEpochSecond();

	private FakeXV1Api() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeXV1Api start() {
		try {
			return new FakeXV1Api();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake X v1.1 API", ex);
		}
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Post tweets with consecutive ids by a user, found by a search query.
	 * @param query the query that finds them
	 * @param screenName their author
	 * @param firstId the id of the first (oldest)
	 * @param count how many
	 */
	synchronized void post(String query, String screenName, long firstId, int count) {
		for (long id = firstId; id < firstId + count; id++) {
			this.tweets.add(new Tweet(id, query, screenName, status(id, screenName)));
		}
	}

	/**
	 * Post a tweet given as v1.1 JSON.
	 * @param query the query that finds it
	 * @param status the status JSON
	 */
	synchronized void post(String query, ObjectNode status) {
		this.tweets
			.add(new Tweet(status.get("id").asLong(), query, status.path("user").path("screen_name").asText(), status));
	}

	synchronized void answerOnce(int status, String contentType, String body, Map<String, String> headers) {
		this.scripted.add(new Answer(status, contentType, body, headers));
	}

	synchronized void rateLimit(int remaining, Instant reset) {
		this.remaining = remaining;
		this.reset = reset.getEpochSecond();
	}

	synchronized List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Answer answer = answer(exchange);
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			exchange.getResponseHeaders().set("Content-Type", answer.contentType());
			exchange.sendResponseHeaders(answer.status(), (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
	}

	private synchronized Answer answer(HttpExchange exchange) {
		String path = exchange.getRequestURI().getPath();
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		Map<String, String> oauth = oauth(authorization);
		this.requests.add(new RecordedRequest(exchange.getRequestMethod(), path, query,
				Optional.ofNullable(authorization), oauth));
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("x-rate-limit-limit", "180");
		if (!this.scripted.isEmpty()) {
			Answer answer = this.scripted.poll();
			Map<String, String> scriptedHeaders = new LinkedHashMap<>(headers);
			scriptedHeaders.putAll(answer.headers());
			return new Answer(answer.status(), answer.contentType(), answer.body(), scriptedHeaders);
		}
		if (!CONSUMER_KEY.equals(oauth.get("oauth_consumer_key"))
				|| !signature(exchange, query, oauth).equals(oauth.get("oauth_signature"))) {
			return error(401, 32, "Could not authenticate you.", headers);
		}
		if (!ACCESS_TOKEN.equals(oauth.get("oauth_token"))) {
			return error(401, 89, "Invalid or expired token.", headers);
		}
		this.remaining = Math.max(0, this.remaining - 1);
		headers.put("x-rate-limit-remaining", String.valueOf(this.remaining));
		headers.put("x-rate-limit-reset", String.valueOf(this.reset));
		int count = Math.min(Integer.parseInt(query.getOrDefault("count", "15")), 100);
		long sinceId = Long.parseLong(query.getOrDefault("since_id", "0"));
		long maxId = Long.parseLong(query.getOrDefault("max_id", String.valueOf(Long.MAX_VALUE)));
		boolean search = SEARCH_PATH.equals(path);
		if (!search && !TIMELINE_PATH.equals(path)) {
			return error(404, 34, "Sorry, that page does not exist.", headers);
		}
		String key = search ? query.getOrDefault("q", "") : query.getOrDefault("screen_name", "");
		List<Tweet> matching = this.tweets.stream()
			.filter((tweet) -> search ? tweet.query().equals(key) : tweet.screenName().equalsIgnoreCase(key))
			.filter((tweet) -> tweet.id() > sinceId && tweet.id() <= maxId)
			.sorted(Comparator.comparingLong(Tweet::id).reversed())
			.toList();
		if (!search && this.tweets.stream().noneMatch((tweet) -> tweet.screenName().equalsIgnoreCase(key))) {
			return error(404, 34, "Sorry, that page does not exist.", headers);
		}
		List<Tweet> page = matching.stream().limit(count).toList();
		ArrayNode statuses = JSON.createArrayNode();
		page.forEach((tweet) -> statuses.add(tweet.json()));
		if (!search) {
			return new Answer(200, "application/json;charset=utf-8", statuses.toString(), headers);
		}
		ObjectNode body = JSON.createObjectNode();
		body.set("statuses", statuses);
		ObjectNode metadata = body.putObject("search_metadata");
		metadata.put("completed_in", 0.021);
		metadata.put("max_id", page.isEmpty() ? 0 : page.get(0).id());
		metadata.put("max_id_str", page.isEmpty() ? "0" : String.valueOf(page.get(0).id()));
		metadata.put("query", URLEncoder.encode(key, StandardCharsets.UTF_8));
		metadata.put("count", count);
		metadata.put("since_id", sinceId);
		metadata.put("since_id_str", String.valueOf(sinceId));
		if (matching.size() > page.size()) {
			metadata.put("next_results",
					"?max_id=" + (page.get(page.size() - 1).id() - 1) + "&q="
							+ URLEncoder.encode(key, StandardCharsets.UTF_8) + "&count=" + count
							+ "&include_entities=1&result_type=recent");
		}
		metadata.put("refresh_url", "?since_id=" + (page.isEmpty() ? sinceId : page.get(0).id()) + "&q="
				+ URLEncoder.encode(key, StandardCharsets.UTF_8) + "&result_type=recent&include_entities=1");
		return new Answer(200, "application/json;charset=utf-8", body.toString(), headers);
	}

	private static Answer error(int status, int code, String message, Map<String, String> headers) {
		return new Answer(status, "application/json; charset=utf-8",
				"{\"errors\":[{\"code\":" + code + ",\"message\":\"" + message + "\"}]}", headers);
	}

	private static String signature(HttpExchange exchange, Map<String, String> query, Map<String, String> oauth) {
		TreeMap<String, String> parameters = new TreeMap<>();
		query.forEach((name, value) -> parameters.put(encode(name), encode(value)));
		oauth.forEach((name, value) -> {
			if (!"oauth_signature".equals(name) && !"realm".equals(name)) {
				parameters.put(encode(name), encode(value));
			}
		});
		String normalized = parameters.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining("&"));
		String url = "http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().getPath();
		String base = exchange.getRequestMethod() + "&" + encode(url) + "&" + encode(normalized);
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(
					(encode(CONSUMER_SECRET) + "&" + encode(ACCESS_TOKEN_SECRET)).getBytes(StandardCharsets.UTF_8),
					"HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8)
			.replace("+", "%20")
			.replace("*", "%2A")
			.replace("%7E", "~");
	}

	private static Map<String, String> oauth(String authorization) {
		Map<String, String> oauth = new LinkedHashMap<>();
		if (authorization == null || !authorization.startsWith("OAuth ")) {
			return oauth;
		}
		Matcher matcher = OAUTH_PARAM.matcher(authorization.substring("OAuth ".length()));
		while (matcher.find()) {
			oauth.put(matcher.group(1), URLDecoder.decode(matcher.group(2), StandardCharsets.UTF_8));
		}
		return oauth;
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			query.put(name, value);
		}
		return query;
	}

	static ObjectNode status(long id, String screenName) {
		ObjectNode status = JSON.createObjectNode();
		status.put("created_at", CREATED_AT.format(Instant.parse("2026-11-21T12:00:00Z").plusSeconds(id % 100_000)));
		status.put("id", id);
		status.put("id_str", String.valueOf(id));
		status.put("full_text", "Tweet " + id + " about the T5 &amp; the 14 https://t.co/Ab" + id);
		status.put("truncated", false);
		status.putArray("display_text_range").add(0).add(50);
		ObjectNode entities = status.putObject("entities");
		entities.putArray("hashtags");
		entities.putArray("symbols");
		entities.putArray("user_mentions");
		ObjectNode url = entities.putArray("urls").addObject();
		url.put("url", "https://t.co/Ab" + id);
		url.put("expanded_url", "https://harbor.example/status/" + id);
		url.put("display_url", "harbor.example/status/" + id);
		url.putArray("indices").add(30).add(45);
		status.put("source", "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>");
		status.putNull("in_reply_to_status_id");
		status.putNull("in_reply_to_status_id_str");
		status.putNull("in_reply_to_user_id");
		status.putNull("in_reply_to_screen_name");
		ObjectNode user = status.putObject("user");
		user.put("id", 1460000000000000000L);
		user.put("id_str", "1460000000000000000");
		user.put("name", "Harbor Rider");
		user.put("screen_name", screenName);
		user.put("location", "Harbor City");
		user.put("followers_count", 321);
		user.put("friends_count", 100);
		user.put("created_at", "Mon Nov 01 10:00:00 +0000 2021");
		user.put("verified", false);
		user.put("statuses_count", 2000);
		status.putNull("geo");
		status.putNull("coordinates");
		status.putNull("place");
		status.put("is_quote_status", false);
		status.put("retweet_count", 3);
		status.put("favorite_count", 5);
		status.put("favorited", false);
		status.put("retweeted", false);
		status.put("possibly_sensitive", false);
		status.put("lang", "en");
		status.putObject("metadata").put("iso_language_code", "en").put("result_type", "recent");
		return status;
	}

	record Tweet(long id, String query, String screenName, ObjectNode json) {

	}

	record Answer(int status, String contentType, String body, Map<String, String> headers) {

	}

	/**
	 * One request the fake got.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param query the decoded query parameters
	 * @param authorization the Authorization header, if sent
	 * @param oauth the decoded parameters of an {@code OAuth} Authorization header
	 */
	record RecordedRequest(String method, String path, Map<String, String> query, Optional<String> authorization,
			Map<String, String> oauth) {

	}

}
