package io.grapevine.ingest.source.mastodon;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for a Mastodon server's {@code GET /api/v1/timelines/tag/:hashtag}
 * that answers as the real one does: newest first, {@code limit} (default 20, at most
 * 40), {@code max_id} and {@code min_id} paging (with {@code min_id} the statuses
 * immediately newer than it), {@code Link} headers with {@code rel="next"} and
 * {@code rel="prev"} and rate-limit headers whose reset is an ISO-8601 time; and its
 * {@code GET /api/v2/search}, which needs a user's access token (401 otherwise) and
 * answers {@code {"accounts":[],"statuses":[...],"hashtags":[]}} with the statuses whose
 * text holds the query, newest first, {@code limit} and {@code offset} applied, and, as
 * Mastodon does, {@code min_id} and {@code max_id} read as times to the second (so the
 * status of {@code min_id} itself comes back), without a {@code Link} header. It can be
 * told to answer something else once, and records every request it got.
 */
final class FakeMastodon implements AutoCloseable {

	static final String TAG_PATH = "/api/v1/timelines/tag/";

	static final String SEARCH_PATH = "/api/v2/search";

	static final String TOKEN = "s3cret-token";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final DateTimeFormatter RESET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final HttpServer server;

	private final List<Status> statuses = new ArrayList<>();

	private final Deque<Answer> scripted = new ArrayDeque<>();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private int remaining = 300;

	private Instant reset = Instant.parse("2026-11-21T22:35:00.123456Z");

	private FakeMastodon() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeMastodon start() {
		try {
			return new FakeMastodon();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake Mastodon server", ex);
		}
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Publish statuses with consecutive ids under a hashtag.
	 * @param hashtag the hashtag they carry
	 * @param firstId the id of the first (oldest)
	 * @param count how many
	 */
	synchronized void post(String hashtag, long firstId, int count) {
		for (long id = firstId; id < firstId + count; id++) {
			this.statuses.add(new Status(id, hashtag, status(id, hashtag)));
		}
	}

	/**
	 * Publish statuses with consecutive ids, without a hashtag, whose text holds words a
	 * search can find.
	 * @param words the words in their text
	 * @param firstId the id of the first (oldest)
	 * @param count how many
	 */
	synchronized void postText(String words, long firstId, int count) {
		for (long id = firstId; id < firstId + count; id++) {
			ObjectNode json = status(id, "none");
			json.put("content", "<p>Status " + id + ": " + words.replace("&", "&amp;") + "</p>");
			json.putArray("tags");
			this.statuses.add(new Status(id, null, json));
		}
	}

	/**
	 * Publish a status given as JSON under a hashtag.
	 * @param hashtag the hashtag it carries
	 * @param status the status, as {@link #status} builds it
	 */
	synchronized void post(String hashtag, ObjectNode status) {
		this.statuses.add(new Status(Long.parseLong(status.get("id").asText()), hashtag, status));
	}

	/**
	 * Answer the next request with this instead of the timeline.
	 * @param status the HTTP status
	 * @param contentType the content type
	 * @param body the body
	 */
	synchronized void answerOnce(int status, String contentType, String body) {
		this.scripted.add(new Answer(status, contentType, body));
	}

	synchronized void rateLimit(int remaining, Instant reset) {
		this.remaining = remaining;
		this.reset = reset;
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
		this.requests.add(new RecordedRequest(exchange.getRequestMethod(), path, query,
				Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
		this.remaining = Math.max(0, this.remaining - 1);
		exchange.getResponseHeaders().set("X-RateLimit-Limit", "300");
		exchange.getResponseHeaders().set("X-RateLimit-Remaining", String.valueOf(this.remaining));
		exchange.getResponseHeaders().set("X-RateLimit-Reset", RESET.format(this.reset));
		if (!this.scripted.isEmpty()) {
			return this.scripted.poll();
		}
		if ("GET".equals(exchange.getRequestMethod()) && path.equals(SEARCH_PATH)) {
			return search(exchange, query);
		}
		if (!"GET".equals(exchange.getRequestMethod()) || !path.startsWith(TAG_PATH)) {
			return new Answer(404, "application/json", "{\"error\":\"Record not found\"}");
		}
		String hashtag = path.substring(TAG_PATH.length());
		List<Status> tagged = this.statuses.stream()
			.filter((status) -> hashtag.equalsIgnoreCase(status.hashtag()))
			.sorted(Comparator.comparingLong(Status::id))
			.toList();
		List<Status> page = page(tagged, query);
		ArrayNode body = JSON.createArrayNode();
		page.forEach((status) -> body.add(status.json()));
		if (!page.isEmpty()) {
			String self = baseUrl() + TAG_PATH + hashtag;
			exchange.getResponseHeaders()
				.set("Link", "<" + self + "?max_id=" + page.get(page.size() - 1).id() + ">; rel=\"next\", <" + self
						+ "?min_id=" + page.get(0).id() + ">; rel=\"prev\"");
		}
		return new Answer(200, "application/json; charset=utf-8", body.toString());
	}

	private Answer search(HttpExchange exchange, Map<String, String> query) {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization == null) {
			return new Answer(401, "application/json", "{\"error\":\"This API requires an authenticated user\"}");
		}
		if (!authorization.equals("Bearer " + TOKEN)) {
			return new Answer(401, "application/json", "{\"error\":\"The access token is invalid\"}");
		}
		String q = query.getOrDefault("q", "").strip();
		if (q.isEmpty()) {
			return new Answer(400, "application/json", "{\"error\":\"param is missing or the value is empty: q\"}");
		}
		String type = query.get("type");
		List<Status> found = List.of();
		if (type == null || "statuses".equals(type)) {
			// As Mastodon's StatusesSearchService: min_id and max_id become after: and
			// before: filters on the creation time of the id, to the second, and the
			// matches come newest id first, limit and offset applied.
			String needle = q.toLowerCase(Locale.ROOT);
			Optional<Instant> after = Optional.ofNullable(query.get("min_id"))
				.map((id) -> createdAt(Long.parseLong(id)).truncatedTo(ChronoUnit.SECONDS));
			Optional<Instant> before = Optional.ofNullable(query.get("max_id"))
				.map((id) -> createdAt(Long.parseLong(id)).truncatedTo(ChronoUnit.SECONDS));
			int limit = Math.min(40, Math.max(1, Integer.parseInt(query.getOrDefault("limit", "20"))));
			int offset = Math.max(0, Integer.parseInt(query.getOrDefault("offset", "0")));
			found = this.statuses.stream()
				.filter((status) -> status.json().get("content").asText().toLowerCase(Locale.ROOT).contains(needle))
				.filter((status) -> after.isEmpty() || createdAt(status).isAfter(after.get()))
				.filter((status) -> before.isEmpty() || createdAt(status).isBefore(before.get()))
				.sorted(Comparator.comparingLong(Status::id).reversed())
				.skip(offset)
				.limit(limit)
				.toList();
		}
		ObjectNode body = JSON.createObjectNode();
		body.putArray("accounts");
		ArrayNode statuses = body.putArray("statuses");
		found.forEach((status) -> statuses.add(status.json()));
		body.putArray("hashtags");
		return new Answer(200, "application/json; charset=utf-8", body.toString());
	}

	/**
	 * One page of statuses, newest first, as Mastodon pages with {@code limit},
	 * {@code min_id} and {@code max_id}.
	 * @param oldestFirst the statuses to page through, oldest first
	 * @param query the query parameters
	 * @return the page
	 */
	private static List<Status> page(List<Status> oldestFirst, Map<String, String> query) {
		int limit = Math.min(40, Math.max(1, Integer.parseInt(query.getOrDefault("limit", "20"))));
		if (query.containsKey("min_id")) {
			long minId = Long.parseLong(query.get("min_id"));
			// The statuses immediately newer than min_id, answered newest first.
			List<Status> page = new ArrayList<>(
					oldestFirst.stream().filter((status) -> status.id() > minId).limit(limit).toList());
			page.sort(Comparator.comparingLong(Status::id).reversed());
			return page;
		}
		long maxId = Long.parseLong(query.getOrDefault("max_id", String.valueOf(Long.MAX_VALUE)));
		return oldestFirst.stream()
			.filter((status) -> status.id() < maxId)
			.sorted(Comparator.comparingLong(Status::id).reversed())
			.limit(limit)
			.toList();
	}

	private static Instant createdAt(Status status) {
		return Instant.parse(status.json().get("created_at").asText());
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

	static ObjectNode status(long id, String hashtag) {
		ObjectNode status = JSON.createObjectNode();
		status.put("id", String.valueOf(id));
		status.put("created_at", createdAt(id).plusMillis(250).toString());
		status.putNull("in_reply_to_id");
		status.put("spoiler_text", "");
		status.put("language", "en");
		status.put("uri", "https://fake.example/users/rider/statuses/" + id);
		status.put("url", "https://fake.example/@rider/" + id);
		status.put("replies_count", 0);
		status.put("reblogs_count", 1);
		status.put("favourites_count", 2);
		status.put("content", "<p>Status " + id + " about the 14 &amp; the T5 <a href=\"https://fake.example/tags/"
				+ hashtag + "\" class=\"mention hashtag\" rel=\"tag\">#<span>" + hashtag + "</span></a></p>");
		status.putNull("reblog");
		ObjectNode account = status.putObject("account");
		account.put("id", "42");
		account.put("acct", "rider");
		account.put("display_name", "Rider");
		account.put("followers_count", 12);
		account.put("url", "https://fake.example/@rider");
		status.putArray("tags").addObject().put("name", hashtag);
		return status;
	}

	/**
	 * The time an id stands for, as Mastodon reads a time out of its snowflake ids; a
	 * status is created a quarter of a second after the time of its id.
	 */
	private static Instant createdAt(long id) {
		return Instant.parse("2026-11-21T12:00:00Z").plusSeconds(id % 100_000);
	}

	record Status(long id, String hashtag, ObjectNode json) {

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
	 */
	record RecordedRequest(String method, String path, Map<String, String> query, Optional<String> authorization) {

	}

}
