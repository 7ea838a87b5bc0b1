package io.grapevine.digest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;

/**
 * A stand-in for the parts of search-service's API a board digest reads, on a local port:
 * {@code GET /api/analytics/share-of-voice}, {@code GET /api/analytics/summary} of a
 * department, and {@code GET /api/mentions?sort=reach}, answered with the contract's JSON
 * (docs/contracts.md) from figures the test sets per month (keyed by {@code from}).
 */
final class FakeBoardSearch implements AutoCloseable {

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Voices> voices = new ConcurrentHashMap<>();

	private final Map<String, Long> departments = new ConcurrentHashMap<>();

	private volatile List<Mention> widest = List.of();

	private FakeBoardSearch(HttpServer server) {
		this.server = server;
	}

	static FakeBoardSearch start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			FakeBoardSearch fake = new FakeBoardSearch(server);
			server.createContext("/", fake::handle);
			server.start();
			return fake;
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start the fake search-service", ex);
		}
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Answer the share of voice of the month starting at {@code from}: the organization's
	 * mentions (positive, negative, neutral) and each competitor's mentions.
	 */
	FakeBoardSearch month(String from, long organization, long positive, long negative, Map<String, Long> competitors) {
		this.voices.put(from, new Voices(organization, positive, negative, competitors));
		return this;
	}

	/** Answer a department's summary of the month starting at {@code from}. */
	FakeBoardSearch department(String id, String from, long total) {
		this.departments.put(id + "|" + from, total);
		return this;
	}

	/** Answer {@code /api/mentions?sort=reach} with these mentions. */
	FakeBoardSearch widest(List<Mention> mentions) {
		this.widest = List.copyOf(mentions);
		return this;
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	void reset() {
		this.requests.clear();
		this.voices.clear();
		this.departments.clear();
		this.widest = List.of();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			// As search-service, which knows digest-service as a member with HTTP Basic.
			if (!FakeSearchService.BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Grapevine\"");
				respond(exchange, 401, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Not "
						+ "signed in\",\"status\":401,\"detail\":\"The user name or password is wrong\"}");
				return;
			}
			Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
			this.requests.add(new Request(path, query));
			String body = switch (path) {
				case "/api/analytics/share-of-voice" -> shareOfVoice(query);
				case "/api/analytics/summary" -> summary(query);
				case "/api/mentions" -> mentions();
				default -> null;
			};
			if (body == null) {
				respond(exchange, 404, "application/problem+json",
						"{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such path\"}");
				return;
			}
			respond(exchange, 200, "application/json", body);
		}
	}

	private String shareOfVoice(Map<String, List<String>> query) throws JsonProcessingException {
		String from = first(query, "from");
		Voices month = this.voices.getOrDefault(from, new Voices(0, 0, 0, Map.of()));
		long total = month.organization() + month.competitors().values().stream().mapToLong(Long::longValue).sum();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("from", from);
		body.put("to", first(query, "to"));
		body.put("total", total);
		body.put("organization",
				voice(null, "Harbor City Transit", month.organization(), total, sentiment(month.positive(),
						month.negative(), month.organization() - month.positive() - month.negative())));
		List<Object> competitors = new ArrayList<>();
		month.competitors()
			.forEach((id, count) -> competitors.add(voice(id, id, count, total, sentiment(0, count, 0))));
		body.put("competitors", competitors);
		return MentionJson.mapper().writeValueAsString(body);
	}

	private String summary(Map<String, List<String>> query) throws JsonProcessingException {
		String department = first(query, "department");
		long total = this.departments.getOrDefault(department + "|" + first(query, "from"), 0L);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("from", first(query, "from"));
		body.put("to", first(query, "to"));
		body.put("zone", first(query, "zone"));
		body.put("total", total);
		body.put("volumeByDay", List.of());
		body.put("bySource", List.of());
		body.put("byTopic", List.of());
		body.put("byLanguage", List.of());
		body.put("topAuthors", List.of());
		body.put("topMentions", List.of());
		body.put("sentiment", sentiment(total / 2, total / 4, total - total / 2 - total / 4));
		return MentionJson.mapper().writeValueAsString(body);
	}

	private String mentions() throws JsonProcessingException {
		List<Object> found = new ArrayList<>();
		for (Mention mention : this.widest) {
			found.add(Map.of("mention", MentionJson.mapper().readTree(MentionJson.write(mention)), "highlights",
					List.of()));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("total", found.size());
		body.put("mentions", found);
		return MentionJson.mapper().writeValueAsString(body);
	}

	private static Map<String, Object> voice(String id, String name, long mentions, long total,
			Map<String, Object> sentiment) {
		Map<String, Object> voice = new LinkedHashMap<>();
		if (id != null) {
			voice.put("id", id);
		}
		voice.put("name", name);
		voice.put("mentions", mentions);
		voice.put("share", (total > 0) ? (double) mentions / total : 0.0);
		voice.put("sentiment", sentiment);
		return voice;
	}

	private static Map<String, Object> sentiment(long positive, long negative, long neutral) {
		Map<String, Object> split = new LinkedHashMap<>();
		split.put("positive", positive);
		split.put("negative", negative);
		split.put("neutral", neutral);
		if (positive + negative + neutral > 0) {
			split.put("averageScore", (positive - negative) / (double) (positive + negative + neutral));
		}
		return split;
	}

	private static String first(Map<String, List<String>> query, String name) {
		List<String> values = query.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, List<String>> query(String raw) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (raw == null) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			query.computeIfAbsent(key, (k) -> new ArrayList<>()).add(value);
		}
		return query;
	}

	record Request(String path, Map<String, List<String>> query) {
	}

	private record Voices(long organization, long positive, long negative, Map<String, Long> competitors) {
	}

}
