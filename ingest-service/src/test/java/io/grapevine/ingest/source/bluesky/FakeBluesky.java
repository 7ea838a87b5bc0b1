package io.grapevine.ingest.source.bluesky;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for a Bluesky PDS and AppView that answers as the real ones do:
 * {@code com.atproto.server.createSession} (JSON identifier and password),
 * {@code com.atproto.server.refreshSession} (the refresh token as bearer), and
 * {@code app.bsky.feed.searchPosts} (bearer access token required, {@code sort=latest}
 * newest first, {@code limit} 1 to 100 with default 25, an opaque offset {@code cursor}
 * left out on the last page), XRPC error bodies ({@code ExpiredToken} as HTTP 400), and
 * the {@code ratelimit-*} headers with the reset in epoch seconds; it can be told to
 * answer something else once, and records every request it got.
 */
final class FakeBluesky implements AutoCloseable {

	static final String DID = "did:plc:fakeaccount0000000000000";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;

	private final String identifier;

	private final String password;

	private final List<ObjectNode> posts = new ArrayList<>();

	private final Deque<Answer> scripted = new ArrayDeque<>();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private int sessions;

	private String accessJwt;

	private String refreshJwt;

	private boolean accessExpired;

	private boolean refreshExpired;

	private int remaining = 3000;

	private long reset = 1_795_300_000L;

	private FakeBluesky(String identifier, String password) throws IOException {
		this.identifier = identifier;
		this.password = password;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeBluesky start(String identifier, String password) {
		try {
			return new FakeBluesky(identifier, password);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake Bluesky server", ex);
		}
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Index a post for the search.
	 * @param post a post view, as {@link #post} builds it
	 */
	synchronized void index(ObjectNode post) {
		this.posts.add(post);
	}

	/**
	 * Index posts with the given text at one-minute steps from a time.
	 * @param text the text, with the number of each post appended
	 * @param first the time of the first (oldest)
	 * @param count how many
	 * @param firstNumber the number of the first post, also its record key's suffix
	 */
	synchronized void index(String text, Instant first, int count, int firstNumber) {
		for (int i = 0; i < count; i++) {
			int number = firstNumber + i;
			index(post("3lbpost" + number, "rider.bsky.social", text + " " + number, first.plusSeconds(60L * i)));
		}
	}

	synchronized void answerOnce(int status, String contentType, String body) {
		this.scripted.add(new Answer(status, contentType, body));
	}

	synchronized void rateLimit(int remaining, long resetEpochSeconds) {
		this.remaining = remaining;
		this.reset = resetEpochSeconds;
	}

	/** The access token the fake handed out expires, as after two hours. */
	synchronized void expireAccessToken() {
		this.accessExpired = true;
	}

	/** The refresh token expires too, as after two months. */
	synchronized void expireRefreshToken() {
		this.refreshExpired = true;
	}

	synchronized int sessionsCreated() {
		return this.sessions;
	}

	synchronized List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	synchronized List<RecordedRequest> searches() {
		return this.requests.stream().filter((request) -> request.path().endsWith("searchPosts")).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	static ObjectNode post(String rkey, String handle, String text, Instant at) {
		ObjectNode post = JSON.createObjectNode();
		String did = "did:plc:" + handle.replaceAll("[^a-z0-9]", "").substring(0, Math.min(8, handle.length()))
				+ "author0000000";
		post.put("uri", "at://" + did + "/app.bsky.feed.post/" + rkey);
		post.put("cid", "bafyreih" + rkey.toLowerCase(Locale.ROOT) + "cid");
		ObjectNode author = post.putObject("author");
		author.put("did", did);
		author.put("handle", handle);
		author.put("displayName", "Rider");
		author.put("avatar", "https://cdn.bsky.app/img/avatar/plain/" + did + "/bafkrei@jpeg");
		author.putObject("viewer").put("muted", false).put("blockedBy", false);
		author.putArray("labels");
		author.put("createdAt", "2023-05-01T10:00:00.000Z");
		ObjectNode record = post.putObject("record");
		record.put("$type", "app.bsky.feed.post");
		record.put("createdAt", at.toString());
		record.putArray("langs").add("en");
		record.put("text", text);
		post.put("replyCount", 1);
		post.put("repostCount", 2);
		post.put("likeCount", 3);
		post.put("quoteCount", 4);
		post.put("indexedAt", at.plusMillis(350).toString());
		post.putObject("viewer").put("threadMuted", false).put("embeddingDisabled", false);
		post.putArray("labels");
		return post;
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
		this.requests.add(new RecordedRequest(exchange.getRequestMethod(), path, query,
				Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")),
				Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")), requestBody));
		this.remaining = Math.max(0, this.remaining - 1);
		exchange.getResponseHeaders().set("ratelimit-limit", "3000");
		exchange.getResponseHeaders().set("ratelimit-remaining", String.valueOf(this.remaining));
		exchange.getResponseHeaders().set("ratelimit-reset", String.valueOf(this.reset));
		exchange.getResponseHeaders().set("ratelimit-policy", "3000;w=300");
		if (!this.scripted.isEmpty()) {
			return this.scripted.poll();
		}
		String bearer = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
			.filter((value) -> value.startsWith("Bearer "))
			.map((value) -> value.substring("Bearer ".length()))
			.orElse(null);
		return switch (path) {
			case "/xrpc/com.atproto.server.createSession" -> createSession(exchange, requestBody);
			case "/xrpc/com.atproto.server.refreshSession" -> refreshSession(exchange, bearer);
			case "/xrpc/app.bsky.feed.searchPosts" -> searchPosts(exchange, query, bearer);
			default -> error(404, "XRPCNotSupported", "XRPCNotSupported");
		};
	}

	private Answer createSession(HttpExchange exchange, String body) {
		if (!"POST".equals(exchange.getRequestMethod())) {
			return error(405, "InvalidRequest", "Method Not Allowed");
		}
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (contentType == null || !contentType.startsWith("application/json")) {
			return error(400, "InvalidRequest", "Wrong request encoding (Content-Type): " + contentType);
		}
		JsonNode credentials;
		try {
			credentials = JSON.readTree(body);
		}
		catch (IOException ex) {
			return error(400, "InvalidRequest", "Request body is not valid JSON");
		}
		if (!credentials.path("identifier").isTextual() || !credentials.path("password").isTextual()) {
			return error(400, "InvalidRequest", "Input must have the property \"identifier\"");
		}
		if (!this.identifier.equals(credentials.get("identifier").asText())
				|| !this.password.equals(credentials.get("password").asText())) {
			return error(401, "AuthenticationRequired", "Invalid identifier or password");
		}
		return session();
	}

	private Answer refreshSession(HttpExchange exchange, String bearer) {
		if (!"POST".equals(exchange.getRequestMethod())) {
			return error(405, "InvalidRequest", "Method Not Allowed");
		}
		if (bearer == null) {
			return error(401, "AuthenticationRequired", "Authentication Required");
		}
		if (!bearer.equals(this.refreshJwt)) {
			return error(400, "InvalidToken", "Token could not be verified");
		}
		if (this.refreshExpired) {
			return error(400, "ExpiredToken", "Token has expired");
		}
		return session();
	}

	private Answer session() {
		this.sessions++;
		this.accessJwt = "eyJ0eXAiOiJhdCtqd3QifQ.access" + this.sessions + ".sig";
		this.refreshJwt = "eyJ0eXAiOiJyZWZyZXNoK2p3dCJ9.refresh" + this.sessions + ".sig";
		this.accessExpired = false;
		this.refreshExpired = false;
		ObjectNode session = JSON.createObjectNode();
		session.put("did", DID);
		session.put("handle", this.identifier);
		session.put("email", "listening@example.org");
		session.put("emailConfirmed", true);
		session.put("accessJwt", this.accessJwt);
		session.put("refreshJwt", this.refreshJwt);
		session.put("active", true);
		return new Answer(200, "application/json; charset=utf-8", session.toString());
	}

	private Answer searchPosts(HttpExchange exchange, Map<String, String> query, String bearer) {
		if (!"GET".equals(exchange.getRequestMethod())) {
			return error(405, "InvalidRequest", "Method Not Allowed");
		}
		if (bearer == null) {
			return error(401, "AuthenticationRequired", "Authentication Required");
		}
		if (!bearer.equals(this.accessJwt)) {
			return error(401, "InvalidToken", "Token could not be verified");
		}
		if (this.accessExpired) {
			return error(400, "ExpiredToken", "Token has expired");
		}
		String q = query.get("q");
		if (q == null || q.isBlank()) {
			return error(400, "InvalidRequest", "Error: Params must have the property \"q\"");
		}
		int limit;
		try {
			limit = Integer.parseInt(query.getOrDefault("limit", "25"));
		}
		catch (NumberFormatException ex) {
			return error(400, "InvalidRequest", "Error: limit must be an integer");
		}
		if (limit < 1 || limit > 100) {
			return error(400, "InvalidRequest", "Error: limit can not be greater than 100");
		}
		int offset;
		try {
			offset = Integer.parseInt(query.getOrDefault("cursor", "0"));
		}
		catch (NumberFormatException ex) {
			return error(400, "InvalidRequest", "Error: malformed cursor");
		}
		String needle = q.replace("\"", "").toLowerCase(Locale.ROOT);
		// from:<handle> finds the posts of that author, as Bluesky's search does.
		Predicate<ObjectNode> matches = needle.startsWith("from:")
				? (post) -> post.path("author").path("handle").asText().equalsIgnoreCase(needle.substring(5))
				: (post) -> post.path("record").path("text").asText().toLowerCase(Locale.ROOT).contains(needle);
		List<ObjectNode> hits = this.posts.stream()
			.filter(matches)
			.sorted(Comparator.comparing((ObjectNode post) -> post.path("record").path("createdAt").asText())
				.reversed())
			.toList();
		List<ObjectNode> page = hits.subList(Math.min(offset, hits.size()), Math.min(offset + limit, hits.size()));
		ObjectNode body = JSON.createObjectNode();
		if (offset + limit < hits.size()) {
			body.put("cursor", String.valueOf(offset + limit));
		}
		body.put("hitsTotal", hits.size());
		page.forEach((post) -> body.withArray("posts").add(post));
		body.withArray("posts");
		return new Answer(200, "application/json; charset=utf-8", body.toString());
	}

	private static Answer error(int status, String error, String message) {
		return new Answer(status, "application/json; charset=utf-8",
				JSON.createObjectNode().put("error", error).put("message", message).toString());
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

	record Answer(int status, String contentType, String body) {

	}

	/**
	 * One request the fake got.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param query the decoded query parameters
	 * @param authorization the Authorization header, if sent
	 * @param contentType the Content-Type header, if sent
	 * @param body the request body
	 */
	record RecordedRequest(String method, String path, Map<String, String> query, Optional<String> authorization,
			Optional<String> contentType, String body) {

	}

}
