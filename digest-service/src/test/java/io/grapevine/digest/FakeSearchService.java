package io.grapevine.digest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Base64;
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
 * A stand-in for search-service's API on a local port, answering with the contract's JSON
 * (docs/contracts.md): {@code GET /api/analytics/summary} (every local day of the range
 * in {@code volumeByDay}), {@code GET /api/mentions} (widest reach first, one per cluster
 * with {@code copies} when {@code collapse=true}), {@code GET /api/analytics/new-voices},
 * {@code /rising-terms}, {@code /waiting}, and {@code GET /api/handling/summary} (404
 * until a test gives it a summary, as a search-service without mention handling answers).
 */
public final class FakeSearchService implements AutoCloseable {

	/** The Authorization header of the service user of {@link TestUsers}. */
	public static final String BASIC = "Basic " + Base64.getEncoder()
		.encodeToString((TestUsers.SEARCH_USERNAME + ":" + TestUsers.SEARCH_PASSWORD).getBytes(StandardCharsets.UTF_8));

	private final HttpServer server;

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private final Map<Instant, Long> totals = new ConcurrentHashMap<>();

	private final Map<String, Long> keyedTotals = new ConcurrentHashMap<>();

	private volatile List<Mention> topMentions = List.of();

	private volatile long defaultTotal;

	private volatile int failWithStatus;

	private final Map<String, List<Map<String, String>>> otherRequests = new ConcurrentHashMap<>();

	private final Map<String, List<String>> rawQueries = new ConcurrentHashMap<>();

	private final Map<LocalDate, long[]> days = new ConcurrentHashMap<>();

	private final Map<String, Long> copies = new ConcurrentHashMap<>();

	private volatile List<Map<String, Object>> newVoices = List.of();

	private volatile List<Map<String, Object>> risingTerms = List.of();

	private volatile Map<String, Object> said = Map.of("posts", 0L, "replies", 0L);

	private volatile List<Map<String, Object>> waiting = List.of();

	private volatile Map<String, Object> handling;

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

	/** The query parameters of each request to a path other than the summary's. */
	public List<Map<String, String>> requests(String path) {
		return List.copyOf(this.otherRequests.getOrDefault(path, List.of()));
	}

	/**
	 * The raw query strings of the requests to a path, repeated parameters and all, in
	 * order.
	 */
	public List<String> rawQueries(String path) {
		return List.copyOf(this.rawQueries.getOrDefault(path, List.of()));
	}

	/**
	 * Count {@code count} mentions, {@code negative} of them negative, on a local day.
	 */
	public FakeSearchService day(LocalDate date, long count, long negative) {
		this.days.put(date, new long[] { count, negative });
		return this;
	}

	/** Fold this many copies into a top mention when results are collapsed. */
	public FakeSearchService copies(String mentionId, long count) {
		this.copies.put(mentionId, count);
		return this;
	}

	/** Answer new voices with these authors, each with their widest-reaching mention. */
	public FakeSearchService newVoices(List<Mention> mentions) {
		List<Map<String, Object>> voices = new ArrayList<>();
		for (Mention mention : mentions) {
			Map<String, Object> voice = new LinkedHashMap<>();
			voice.put("handle", mention.author().handle());
			voice.put("source", mention.source());
			mention.author().displayName().ifPresent((name) -> voice.put("displayName", name));
			mention.author().followers().ifPresent((followers) -> voice.put("followers", followers));
			mention.reach().ifPresent((reach) -> voice.put("reach", reach));
			voice.put("mentions", 1);
			voice.put("mention", json(mention));
			voices.add(voice);
		}
		this.newVoices = List.copyOf(voices);
		return this;
	}

	/** Say in every summary that the organization's accounts posted this much. */
	public FakeSearchService said(long posts, long replies) {
		this.said = Map.of("posts", posts, "replies", replies);
		return this;
	}

	/** Answer rising terms with these words: term, count, before (over four periods). */
	public FakeSearchService risingTerm(String term, long count, long before) {
		List<Map<String, Object>> terms = new ArrayList<>(this.risingTerms);
		terms.add(Map.of("term", term, "count", count, "before", before, "expected", before / 4.0, "score", 1.5));
		this.risingTerms = List.copyOf(terms);
		return this;
	}

	/** Answer the mentions waiting for an answer with this one. */
	public FakeSearchService waiting(Mention mention, boolean question, boolean negative, long copies) {
		List<Map<String, Object>> items = new ArrayList<>(this.waiting);
		items.add(Map.of("mention", json(mention), "question", question, "negative", negative, "copies", copies));
		this.waiting = List.copyOf(items);
		return this;
	}

	/** Answer the handling summary: open, longest wait, answered by each actor. */
	public FakeSearchService handling(long open, long longestWaitSeconds, Map<String, Long> answeredBy) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("open", open);
		summary.put("longestWaitSeconds", longestWaitSeconds);
		summary.put("medianWaitSeconds", longestWaitSeconds / 2);
		summary.put("answered", answeredBy.values().stream().mapToLong(Long::longValue).sum());
		summary.put("dismissed", 0);
		summary.put("escalated", 0);
		// Most first, then by name, as the contract orders them.
		summary.put("answeredBy", answeredBy.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.map((entry) -> Map.of("actor", entry.getKey(), "count", entry.getValue()))
			.toList());
		this.handling = summary;
		return this;
	}

	/**
	 * The Authorization headers of the calls, in order (empty for a call without one).
	 */
	public List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	public void reset() {
		this.requests.clear();
		this.authorizations.clear();
		this.totals.clear();
		this.keyedTotals.clear();
		this.topMentions = List.of();
		this.defaultTotal = 0;
		this.failWithStatus = 0;
		this.otherRequests.clear();
		this.rawQueries.clear();
		this.days.clear();
		this.copies.clear();
		this.newVoices = List.of();
		this.risingTerms = List.of();
		this.said = Map.of("posts", 0L, "replies", 0L);
		this.waiting = List.of();
		this.handling = null;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.authorizations.add((authorization != null) ? authorization : "");
			// As search-service, which knows digest-service as a member with HTTP Basic.
			if (!BASIC.equals(authorization)) {
				exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Grapevine\"");
				respond(exchange, 401, problem(401, "The user name or password is wrong"));
				return;
			}
			Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
			this.rawQueries.computeIfAbsent(path, (key) -> new CopyOnWriteArrayList<>())
				.add((exchange.getRequestURI().getRawQuery() != null) ? exchange.getRequestURI().getRawQuery() : "");
			if (path.equals("/api/analytics/summary")) {
				this.requests.add(query);
			}
			else {
				this.otherRequests.computeIfAbsent(path, (key) -> new CopyOnWriteArrayList<>()).add(query);
			}
			if (this.failWithStatus != 0) {
				respond(exchange, this.failWithStatus, problem(this.failWithStatus, "the analytics are broken"));
				return;
			}
			switch (path) {
				case "/api/analytics/summary" -> respond(exchange, 200, summary(query));
				case "/api/mentions" -> respond(exchange, 200, mentions(query));
				case "/api/analytics/new-voices" -> respond(exchange, 200,
						write(Map.of("from", query.get("from"), "to", query.get("to"), "voices", this.newVoices)));
				case "/api/analytics/rising-terms" -> respond(exchange, 200, write(Map.of("from", query.get("from"),
						"to", query.get("to"), "comparedFrom", query.get("from"), "terms", this.risingTerms)));
				case "/api/analytics/waiting" -> respond(exchange, 200,
						write(Map.of("from", query.get("from"), "to", query.get("to"), "total",
								this.waiting.stream().mapToLong((item) -> (Long) item.get("copies")).sum(), "mentions",
								this.waiting)));
				case "/api/handling/summary" -> {
					Map<String, Object> summary = this.handling;
					if (summary == null) {
						respond(exchange, 404, problem(404, "No static resource api/handling/summary."));
					}
					else {
						Map<String, Object> body = new LinkedHashMap<>();
						if (query.containsKey("department")) {
							body.put("department", query.get("department"));
						}
						body.putAll(summary);
						respond(exchange, 200, write(body));
					}
				}
				default -> respond(exchange, 404, problem(404, "no such path"));
			}
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
		body.put("volumeByDay", volumeByDay(query, total));
		body.put("bySource", buckets(bySource));
		body.put("byTopic", buckets(byTopic));
		body.put("byLanguage", List.of(Map.of("key", "en", "count", total)));
		body.put("topAuthors", List.of());
		List<Object> mentionJson = new ArrayList<>();
		for (Mention mention : mentions) {
			mentionJson.add(MentionJson.mapper().readTree(MentionJson.write(mention)));
		}
		body.put("topMentions", mentionJson);
		body.put("said", this.said);
		return MentionJson.mapper().writeValueAsString(body);
	}

	// Every local day of the range, as search-service counts them: a day a test counted
	// with day(...), else what a summary of that day alone would say.
	private List<Map<String, Object>> volumeByDay(Map<String, String> query, long total) {
		ZoneId zone = ZoneId.of(query.getOrDefault("zone", "UTC"));
		LocalDate first = Instant.parse(query.get("from")).atZone(zone).toLocalDate();
		LocalDate last = Instant.parse(query.get("to")).minusMillis(1).atZone(zone).toLocalDate();
		if (first.equals(last)) {
			return List.of(Map.of("date", first.toString(), "count", total));
		}
		String q = query.get("q");
		boolean negative = "sentiment:negative".equals(q);
		List<Map<String, Object>> days = new ArrayList<>();
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			long[] counted = this.days.get(day);
			Instant start = day.atStartOfDay(zone).toInstant();
			Long keyed = this.keyedTotals.get(key(query.get("department"), q, start));
			long count;
			if (counted != null) {
				count = counted[negative ? 1 : 0];
			}
			else if (keyed != null) {
				count = keyed;
			}
			else {
				count = (q == null) ? this.totals.getOrDefault(start, this.defaultTotal) : 0;
			}
			// As search-service counts each day's negative mentions beside its volume.
			Long keyedNegative = this.keyedTotals.get(key(query.get("department"), "sentiment:negative", start));
			long negatives = (counted != null) ? counted[1] : (keyedNegative != null) ? keyedNegative : 0;
			days.add(Map.of("date", day.toString(), "count", count, "negative", (q == null) ? negatives : 0L));
		}
		return days;
	}

	private String mentions(Map<String, String> query) {
		boolean collapse = "true".equals(query.get("collapse"));
		List<Mention> sorted = new ArrayList<>(this.topMentions);
		if ("reach".equals(query.get("sort"))) {
			sorted.sort(Comparator.comparing((Mention mention) -> mention.reach().orElse(0.0)).reversed());
		}
		int size = Integer.parseInt(query.getOrDefault("size", "20"));
		List<Map<String, Object>> page = new ArrayList<>();
		for (Mention mention : sorted.stream().limit(size).toList()) {
			Map<String, Object> found = new LinkedHashMap<>();
			found.put("mention", json(mention));
			found.put("highlights", List.of());
			if (collapse) {
				found.put("copies", this.copies.getOrDefault(mention.id(), 1L));
			}
			page.add(found);
		}
		long total = collapse ? sorted.stream().mapToLong((m) -> this.copies.getOrDefault(m.id(), 1L)).sum()
				: sorted.size();
		return write(Map.of("total", total, "mentions", page));
	}

	private static Object json(Mention mention) {
		try {
			return MentionJson.mapper().readTree(MentionJson.write(mention));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String write(Object body) {
		try {
			return MentionJson.mapper().writeValueAsString(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
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
