package io.grapevine.ingest.source.reddit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Reddit's token endpoint ({@code POST /api/v1/access_token}, HTTP
 * Basic with the app's id and secret) and its OAuth listings ({@code GET /search}, which
 * with {@code type=link} finds posts only, {@code GET /r/:sub/new}, and
 * {@code GET /user/:name/overview}, a user's posts and comments, 404 for an unknown user;
 * bearer token and User-Agent required) on one server: newest first, {@code limit} (at
 * most 100) and {@code after} paging, rate-limit headers in seconds; it can revoke the
 * token it handed out, be told to answer something else once, and records every request
 * it got.
 */
final class FakeReddit implements AutoCloseable {

	static final String CLIENT_ID = "app-id";

	static final String CLIENT_SECRET = "app-s3cret";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;

	private final List<Item> items = new ArrayList<>();

	private final Deque<Answer> scriptedTokens = new ArrayDeque<>();

	private final Deque<Answer> scriptedListings = new ArrayDeque<>();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private int tokensIssued;

	private String validToken;

	private double remaining = 600;

	private int reset = 420;

	private FakeReddit() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeReddit start() {
		try {
			return new FakeReddit();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake Reddit", ex);
		}
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Publish posts with consecutive base-36 ids in a subreddit, each matching the
	 * search.
	 * @param subreddit the subreddit
	 * @param first the number of the first (oldest)
	 * @param count how many
	 */
	synchronized void post(String subreddit, int first, int count) {
		for (int number = first; number < first + count; number++) {
			this.items.add(new Item(number, subreddit, post(number, subreddit)));
		}
	}

	synchronized void comment(String subreddit, int number, int parent) {
		this.items.add(new Item(number, subreddit, comment(number, subreddit, parent)));
	}

	/**
	 * Publish an item as Reddit serves it in listings.
	 * @param number its place in time: listings are newest (highest) first
	 * @param subreddit where it is
	 * @param item the item's {@code data} object, whose {@code name} says its kind
	 */
	synchronized void publish(int number, String subreddit, ObjectNode item) {
		this.items.add(new Item(number, subreddit, item));
	}

	static String name(int number) {
		return "t3_" + Integer.toString(number, 36);
	}

	synchronized void answerTokenOnce(int status, String contentType, String body) {
		this.scriptedTokens.add(new Answer(status, contentType, body));
	}

	synchronized void answerListingOnce(int status, String contentType, String body) {
		this.scriptedListings.add(new Answer(status, contentType, body));
	}

	/** Make the token handed out so far invalid, as an expiry would. */
	synchronized void revokeToken() {
		this.validToken = null;
	}

	synchronized void rateLimit(double remaining, int reset) {
		this.remaining = remaining;
		this.reset = reset;
	}

	synchronized int tokensIssued() {
		return this.tokensIssued;
	}

	synchronized List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	synchronized List<RecordedRequest> listingRequests() {
		return this.requests.stream().filter((request) -> "GET".equals(request.method())).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] requestBody = exchange.getRequestBody().readAllBytes();
			Answer answer = answer(exchange, new String(requestBody, StandardCharsets.UTF_8));
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", answer.contentType());
			exchange.sendResponseHeaders(answer.status(), (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
	}

	private synchronized Answer answer(HttpExchange exchange, String requestBody) {
		String path = exchange.getRequestURI().getPath();
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		Optional<String> authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
		Optional<String> userAgent = Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent"));
		this.requests.add(new RecordedRequest(exchange.getRequestMethod(), path, query, authorization, userAgent,
				Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")), requestBody));
		if (userAgent.isEmpty() || !userAgent.get().contains("grapevine")) {
			return new Answer(429, "text/html", "<html><body><h1>whoa there, pardner!</h1></body></html>");
		}
		if ("/api/v1/access_token".equals(path)) {
			return token(exchange, authorization);
		}
		String expected = "bearer " + this.validToken;
		if (this.validToken == null || !authorization.filter(expected::equals).isPresent()) {
			return new Answer(401, "application/json; charset=UTF-8",
					"{\"message\": \"Unauthorized\", \"error\": 401}");
		}
		this.remaining = Math.max(0, this.remaining - 1);
		exchange.getResponseHeaders().set("X-Ratelimit-Used", String.valueOf(600 - (int) this.remaining));
		exchange.getResponseHeaders().set("X-Ratelimit-Remaining", String.valueOf(this.remaining));
		exchange.getResponseHeaders().set("X-Ratelimit-Reset", String.valueOf(this.reset));
		if (!this.scriptedListings.isEmpty()) {
			return this.scriptedListings.poll();
		}
		if (!"GET".equals(exchange.getRequestMethod())) {
			return new Answer(405, "application/json", "{\"message\": \"Method Not Allowed\", \"error\": 405}");
		}
		List<Item> listed;
		if ("/search".equals(path)) {
			// Reddit's search finds posts, subreddits and users, never comments.
			listed = this.items.stream()
				.filter((item) -> !"link".equals(query.get("type"))
						|| item.json().path("name").asText().startsWith("t3_"))
				.toList();
		}
		else if (path.startsWith("/user/") && path.endsWith("/overview")) {
			String user = path.substring("/user/".length(), path.length() - "/overview".length());
			listed = this.items.stream()
				.filter((item) -> item.json().path("author").asText().equalsIgnoreCase(user))
				.toList();
			if (listed.isEmpty()) {
				return new Answer(404, "application/json; charset=UTF-8",
						"{\"message\": \"Not Found\", \"error\": 404}");
			}
		}
		else if (path.startsWith("/r/") && path.endsWith("/new")) {
			String subreddit = path.substring(3, path.length() - 4);
			listed = this.items.stream()
				.filter((item) -> item.subreddit().equalsIgnoreCase(subreddit)
						&& item.json().path("name").asText().startsWith("t3_"))
				.toList();
		}
		else {
			return new Answer(404, "application/json", "{\"message\": \"Not Found\", \"error\": 404}");
		}
		int limit = Math.min(100, Math.max(1, Integer.parseInt(query.getOrDefault("limit", "25"))));
		List<Item> newestFirst = listed.stream().sorted(Comparator.comparingInt(Item::number).reversed()).toList();
		int start = 0;
		if (query.containsKey("after")) {
			start = newestFirst.size();
			for (int i = 0; i < newestFirst.size(); i++) {
				if (newestFirst.get(i).json().path("name").asText().equals(query.get("after"))) {
					start = i + 1;
				}
			}
		}
		List<Item> page = newestFirst.subList(Math.min(start, newestFirst.size()),
				Math.min(start + limit, newestFirst.size()));
		ObjectNode listing = JSON.createObjectNode();
		listing.put("kind", "Listing");
		ObjectNode data = listing.putObject("data");
		boolean last = start + limit >= newestFirst.size();
		if (page.isEmpty() || last) {
			data.putNull("after");
		}
		else {
			data.put("after", page.get(page.size() - 1).json().path("name").asText());
		}
		data.putNull("before");
		data.put("dist", page.size());
		ArrayNode children = data.putArray("children");
		for (Item item : page) {
			ObjectNode child = children.addObject();
			child.put("kind", item.json().path("name").asText().substring(0, 2));
			child.set("data", item.json());
		}
		return new Answer(200, "application/json; charset=UTF-8", listing.toString());
	}

	private Answer token(HttpExchange exchange, Optional<String> authorization) {
		if (!this.scriptedTokens.isEmpty()) {
			return this.scriptedTokens.poll();
		}
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		if (!"POST".equals(exchange.getRequestMethod()) || !authorization.filter(basic::equals).isPresent()) {
			return new Answer(401, "application/json; charset=UTF-8",
					"{\"message\": \"Unauthorized\", \"error\": 401}");
		}
		this.tokensIssued++;
		this.validToken = "token-" + this.tokensIssued;
		return new Answer(200, "application/json; charset=UTF-8", "{\"access_token\": \"" + this.validToken
				+ "\", \"token_type\": \"bearer\", \"expires_in\": 86400, \"scope\": \"*\"}");
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

	static ObjectNode post(int number, String subreddit) {
		String id = Integer.toString(number, 36);
		ObjectNode post = JSON.createObjectNode();
		post.put("id", id);
		post.put("name", "t3_" + id);
		post.put("title", "Post " + number + " about the T5 & <delays>");
		post.put("selftext", "Waited 20 min at Kingsbridge.");
		post.putNull("selftext_html");
		post.put("author", "rider_" + number);
		post.put("subreddit", subreddit);
		post.put("permalink", "/r/" + subreddit + "/comments/" + id + "/post_" + number + "/");
		post.put("url", "https://www.reddit.com/r/" + subreddit + "/comments/" + id + "/post_" + number + "/");
		post.put("created_utc", 1763630100.0 + number);
		post.put("score", 12);
		post.put("ups", 12);
		post.put("num_comments", 3);
		post.put("over_18", false);
		return post;
	}

	static ObjectNode comment(int number, String subreddit, int parent) {
		String id = Integer.toString(number, 36);
		ObjectNode comment = JSON.createObjectNode();
		comment.put("id", id);
		comment.put("name", "t1_" + id);
		comment.put("body", "Comment " + number);
		comment.put("author", "commenter");
		comment.put("subreddit", subreddit);
		comment.put("link_id", name(parent));
		comment.put("parent_id", name(parent));
		comment.put("permalink", "/r/" + subreddit + "/comments/" + Integer.toString(parent, 36) + "/x/" + id + "/");
		comment.put("created_utc", 1763630100.0 + number);
		comment.put("score", -4);
		return comment;
	}

	record Item(int number, String subreddit, ObjectNode json) {

	}

	record Answer(int status, String contentType, String body) {

	}

	/**
	 * One request the fake got.
	 *
	 * @param method the HTTP method
	 * @param path the decoded path
	 * @param query the decoded query parameters
	 * @param authorization the Authorization header, if sent
	 * @param userAgent the User-Agent header, if sent
	 * @param contentType the Content-Type header, if sent
	 * @param body the request body
	 */
	record RecordedRequest(String method, String path, Map<String, String> query, Optional<String> authorization,
			Optional<String> userAgent, Optional<String> contentType, String body) {

	}

}
