package io.grapevine.digest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;

/**
 * A stand-in for search-service's analytics API on a local port, answering
 * {@code GET /api/analytics/summary} with the contract's JSON (docs/contracts.md).
 */
public final class FakeSearchService implements AutoCloseable {

	private final HttpServer server;

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	private final Map<Instant, Long> totals = new ConcurrentHashMap<>();

	private final Map<String, Long> keyedTotals = new ConcurrentHashMap<>();

	private volatile List<Mention> topMentions = List.of();

	private volatile long defaultTotal;

	private volatile int failWithStatus;

	private FakeSearchService(HttpServer server) {
		this.server = server;
	}

	public static FakeSearchService start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			FakeSearchService fake = new FakeSearchService(server);
			server.createContext("/", fake::handle);
			server.start();
			return fake;
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start the fake search-service", ex);
		}
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Answer the day starting at {@code from} with {@code total} mentions. */
	public FakeSearchService total(Instant from, long total) {
		this.totals.put(from, total);
		return this;
	}

	/**
	 * Answer the period starting at {@code from} with {@code total} mentions when asked
	 * for exactly this department (null: none, the whole organization) and query
	 * {@code q} (null: none).
	 */
	public FakeSearchService total(String department, String q, Instant from, long total) {
		this.keyedTotals.put(key(department, q, from), total);
		return this;
	}

	private static String key(String department, String q, Instant from) {
		return department + "|" + q + "|" + from;
	}

	/** Answer days without their own total with this total. */
	public FakeSearchService defaultTotal(long total) {
		this.defaultTotal = total;
		return this;
	}

	public FakeSearchService topMentions(List<Mention> mentions) {
		this.topMentions = List.copyOf(mentions);
		return this;
	}

	/**
	 * Answer every request with this status and a problem detail; 0 to answer normally.
	 */
	public FakeSearchService failWith(int status) {
		this.failWithStatus = status;
		return this;
	}

	public List<Map<String, String>> requests() {
		return List.copyOf(this.requests);
	}

	public void reset() {
		this.requests.clear();
		this.totals.clear();
		this.keyedTotals.clear();
		this.topMentions = List.of();
		this.defaultTotal = 0;
		this.failWithStatus = 0;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!exchange.getRequestURI().getPath().equals("/api/analytics/summary")) {
				respond(exchange, 404, problem(404, "no such path"));
				return;
			}
			Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
			this.requests.add(query);
			if (this.failWithStatus != 0) {
				respond(exchange, this.failWithStatus, problem(this.failWithStatus, "the analytics are broken"));
				return;
			}
			respond(exchange, 200, summary(query));
		}
	}

	private String summary(Map<String, String> query) throws JsonProcessingException {
		Instant from = Instant.parse(query.get("from"));
		Long keyed = this.keyedTotals.get(key(query.get("department"), query.get("q"), from));
		long total = (keyed != null) ? keyed : this.totals.getOrDefault(from, this.defaultTotal);
		int top = Integer.parseInt(query.getOrDefault("top", "10"));
		List<Mention> mentions = (total > 0) ? this.topMentions.stream().limit(top).toList() : List.of();
		Map<String, Long> bySource = new LinkedHashMap<>();
		Map<String, Long> byTopic = new LinkedHashMap<>();
		if (total > 0) {
			bySource.put("x", total - total / 3);
			bySource.put("reddit", total / 3);
			byTopic.put("delays", total / 2);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("from", query.get("from"));
		body.put("to", query.get("to"));
		body.put("zone", query.getOrDefault("zone", "UTC"));
		body.put("total", total);
		body.put("volumeByDay", List.of(Map.of("date", query.get("from").substring(0, 10), "count", total)));
		body.put("bySource", buckets(bySource));
		body.put("byTopic", buckets(byTopic));
		body.put("byLanguage", List.of(Map.of("key", "en", "count", total)));
		body.put("topAuthors", List.of());
		List<Object> mentionJson = new ArrayList<>();
		for (Mention mention : mentions) {
			mentionJson.add(MentionJson.mapper().readTree(MentionJson.write(mention)));
		}
		body.put("topMentions", mentionJson);
		return MentionJson.mapper().writeValueAsString(body);
	}

	private static List<Map<String, Object>> buckets(Map<String, Long> counts) {
		return counts.entrySet()
			.stream()
			.map((e) -> Map.<String, Object>of("key", e.getKey(), "count", e.getValue()))
			.toList();
	}

	private static String problem(int status, String detail) {
		return "{\"type\":\"about:blank\",\"title\":\"Error\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.add("Content-Type", (status == 200) ? "application/json" : "application/problem+json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw == null) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			query.put(key, value);
		}
		return query;
	}

	/** A mention of the contract with the given text, for fixtures. */
	public static Mention mention(String nativeId, String text, long likes) {
		return Mention.builder("x", nativeId)
			.url(URI.create("https://x.com/rider_amy/status/" + nativeId))
			.text(text)
			.author(Author.of("rider_amy", "Amy Rider", 1234))
			.publishedAt(Instant.parse("2026-11-19T09:12:00Z"))
			.language("en")
			.engagement(new Engagement(likes, 3, 4))
			.build()
			.withTags(List.of("delays"), List.of("operations"));
	}

}
