package io.grapevine.ingest.source.hackernews;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Algolia's HN Search {@code search_by_date} endpoint that answers
 * as the real one does: newest first, {@code numericFilters} on {@code created_at_i},
 * {@code page} and {@code hitsPerPage} paging, the 1,000-hit cap (pages beyond it are
 * empty while {@code nbHits} tells the whole count) and Algolia's error bodies; it can be
 * told to answer something else once, and records every request it got.
 *
 * <p>
 * Unless told to {@link #evaluateQueries() evaluate queries}, every posted item matches
 * whatever the query; when it does, it reads them roughly as Algolia does, without typo
 * tolerance or prefixes: every word required, any one of {@code optionalWords} enough,
 * and with {@code advancedSyntax=true} {@code "phrases"} kept whole and {@code -word}
 * excluded.
 */
final class FakeHackerNewsSearch implements AutoCloseable {

	static final String SEARCH_PATH = "/api/v1/search_by_date";

	private static final int PAGINATION_LIMIT = 1000;

	private static final Pattern NUMERIC_FILTER = Pattern.compile("([a-z_]+)(<=|>=|<|>|=)(-?[0-9]+)");

	private static final Pattern TERM = Pattern.compile("(-?)(\"[^\"]*\"|[^\\s\"]+)");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.000Z'")
		.withZone(ZoneOffset.UTC);

	private final HttpServer server;

	private final List<Item> items = new ArrayList<>();

	private final Deque<Answer> scripted = new ArrayDeque<>();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private boolean evaluateQueries;

	private FakeHackerNewsSearch() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeHackerNewsSearch start() {
		try {
			return new FakeHackerNewsSearch();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake HN Search API", ex);
		}
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	synchronized FakeHackerNewsSearch post(Item... posted) {
		this.items.addAll(List.of(posted));
		return this;
	}

	synchronized FakeHackerNewsSearch post(List<Item> posted) {
		this.items.addAll(posted);
		return this;
	}

	synchronized FakeHackerNewsSearch evaluateQueries() {
		this.evaluateQueries = true;
		return this;
	}

	synchronized void answerOnce(int status, String contentType, String body, Map<String, String> headers) {
		this.scripted.add(new Answer(status, contentType, body, headers));
	}

	synchronized List<RecordedRequest> searches() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	static Item story(long id, long createdAt, String author, String title) {
		return new Item(id, createdAt, author, "story", title, Optional.of("https://example.com/" + id),
				Optional.empty(), Optional.empty(), Optional.empty(), 1, 0);
	}

	static Item comment(long id, long createdAt, String author, String html, long storyId, long parentId) {
		return new Item(id, createdAt, author, "comment", null, Optional.empty(), Optional.empty(), Optional.of(html),
				Optional.of(new long[] { storyId, parentId }), 0, 0);
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
		this.requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query,
				exchange.getRequestHeaders().containsKey("Authorization")));
		if (!SEARCH_PATH.equals(exchange.getRequestURI().getPath()) || !"GET".equals(exchange.getRequestMethod())) {
			return error(404, "Not Found");
		}
		if (!this.scripted.isEmpty()) {
			return this.scripted.poll();
		}
		int hitsPerPage;
		int page;
		try {
			hitsPerPage = Integer.parseInt(query.getOrDefault("hitsPerPage", "20"));
			page = Integer.parseInt(query.getOrDefault("page", "0"));
		}
		catch (NumberFormatException ex) {
			return error(400, "Invalid value for hitsPerPage or page");
		}
		if (hitsPerPage < 1 || hitsPerPage > PAGINATION_LIMIT) {
			return error(400, "Invalid value for parameter hitsPerPage: must be between 1 and 1000");
		}
		LongPredicate filter;
		try {
			filter = numericFilters(query.getOrDefault("numericFilters", ""));
		}
		catch (IllegalArgumentException ex) {
			return error(400, ex.getMessage());
		}
		List<String> tags = tags(query.getOrDefault("tags", ""));
		List<Item> matching = this.items.stream()
			.filter((item) -> filter.test(item.createdAt()))
			.filter((item) -> tags.isEmpty() || tags.contains(item.type()))
			.filter((item) -> !this.evaluateQueries || matches(item, query))
			.sorted(Comparator.comparingLong(Item::createdAt).thenComparingLong(Item::id).reversed())
			.toList();
		ObjectNode root = JSON.createObjectNode();
		ArrayNode hits = root.putArray("hits");
		int from = page * hitsPerPage;
		int to = Math.min(Math.min(from + hitsPerPage, matching.size()), PAGINATION_LIMIT);
		if (from >= PAGINATION_LIMIT) {
			root.put("nbHits", 0);
			root.put("page", page);
			root.put("nbPages", 0);
			root.put("hitsPerPage", hitsPerPage);
			root.put("message", "you can only fetch the 1000 hits for this query. You can extend the number of hits "
					+ "returned via the paginationLimitedTo index parameter or use the browse method.");
			return new Answer(200, "application/json; charset=utf-8", root.toString(), Map.of());
		}
		for (int i = from; i < to; i++) {
			hits.add(matching.get(i).json());
		}
		int reachable = Math.min(matching.size(), PAGINATION_LIMIT);
		root.put("nbHits", matching.size());
		root.put("page", page);
		root.put("nbPages", (reachable + hitsPerPage - 1) / hitsPerPage);
		root.put("hitsPerPage", hitsPerPage);
		root.put("exhaustiveNbHits", true);
		root.put("query", query.getOrDefault("query", ""));
		root.put("params", exchange.getRequestURI().getRawQuery());
		root.put("processingTimeMS", 1);
		return new Answer(200, "application/json; charset=utf-8", root.toString(), Map.of());
	}

	private static boolean matches(Item item, Map<String, String> query) {
		String text = (Objects.toString(item.title(), "") + " " + item.storyText().orElse("") + " "
				+ item.commentText().orElse(""))
			.toLowerCase(Locale.ROOT);
		boolean advanced = "true".equals(query.get("advancedSyntax"));
		if (query.containsKey("optionalWords")) {
			return List.of(query.get("optionalWords").split(","))
				.stream()
				.anyMatch((word) -> text.contains(word.strip().toLowerCase(Locale.ROOT)));
		}
		Matcher terms = TERM.matcher(query.getOrDefault("query", "").toLowerCase(Locale.ROOT));
		while (terms.find()) {
			boolean excluded = advanced && !terms.group(1).isEmpty();
			String term = terms.group(2).replace("\"", "");
			if (!advanced) {
				for (String word : term.split("\\s+")) {
					if (!word.isEmpty() && !text.contains(word)) {
						return false;
					}
				}
			}
			else if (text.contains(term) == excluded) {
				return false;
			}
		}
		return true;
	}

	private static LongPredicate numericFilters(String filters) {
		LongPredicate all = (value) -> true;
		if (filters.isBlank()) {
			return all;
		}
		for (String filter : filters.split(",")) {
			Matcher parts = NUMERIC_FILTER.matcher(filter.strip());
			if (!parts.matches() || !"created_at_i".equals(parts.group(1))) {
				throw new IllegalArgumentException("invalid numeric attribute(" + filter + "), attribute not "
						+ "specified in numericAttributesForFiltering setting");
			}
			long bound = Long.parseLong(parts.group(3));
			LongPredicate one = switch (parts.group(2)) {
				case ">" -> (value) -> value > bound;
				case ">=" -> (value) -> value >= bound;
				case "<" -> (value) -> value < bound;
				case "<=" -> (value) -> value <= bound;
				case "=" -> (value) -> value == bound;
				default -> throw new IllegalArgumentException("Invalid numeric filter " + filter);
			};
			all = all.and(one);
		}
		return all;
	}

	private static List<String> tags(String tags) {
		String stripped = tags.strip();
		if (stripped.startsWith("(") && stripped.endsWith(")")) {
			stripped = stripped.substring(1, stripped.length() - 1);
		}
		return stripped.isEmpty() ? List.of() : List.of(stripped.split(","));
	}

	private static Answer error(int status, String message) {
		return new Answer(status, "application/json; charset=utf-8",
				JSON.createObjectNode().put("message", message).put("status", status).toString(), Map.of());
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
	 * An item as the fake serves it.
	 *
	 * @param id the item id
	 * @param createdAt when it was posted, epoch seconds
	 * @param author who posted it
	 * @param type {@code story} or {@code comment}
	 * @param title the story title
	 * @param url the story link
	 * @param storyText the text of an Ask HN story, HTML
	 * @param commentText the comment, HTML
	 * @param storyAndParent a comment's story id and parent id
	 * @param points points
	 * @param numComments comment count of a story
	 */
	record Item(long id, long createdAt, String author, String type, String title, Optional<String> url,
			Optional<String> storyText, Optional<String> commentText, Optional<long[]> storyAndParent, long points,
			long numComments) {

		Item withStoryText(String html) {
			return new Item(this.id, this.createdAt, this.author, this.type, this.title, Optional.empty(),
					Optional.of(html), this.commentText, this.storyAndParent, this.points, this.numComments);
		}

		Item withEngagement(long points, long numComments) {
			return new Item(this.id, this.createdAt, this.author, this.type, this.title, this.url, this.storyText,
					this.commentText, this.storyAndParent, points, numComments);
		}

		ObjectNode json() {
			ObjectNode hit = JSON.createObjectNode();
			hit.put("created_at", CREATED_AT.format(Instant.ofEpochSecond(this.createdAt)));
			hit.put("created_at_i", this.createdAt);
			hit.put("author", this.author);
			hit.put("objectID", String.valueOf(this.id));
			ArrayNode tags = hit.putArray("_tags").add(this.type).add("author_" + this.author);
			if ("story".equals(this.type)) {
				tags.add("story_" + this.id);
				hit.put("title", this.title);
				this.url.ifPresentOrElse((link) -> hit.put("url", link), () -> hit.putNull("url"));
				this.storyText.ifPresentOrElse((text) -> hit.put("story_text", text), () -> hit.putNull("story_text"));
				hit.put("points", this.points);
				hit.put("num_comments", this.numComments);
				hit.put("story_id", this.id);
				hit.putArray("children");
			}
			else {
				long[] ids = this.storyAndParent.orElse(new long[] { 0, 0 });
				tags.add("story_" + ids[0]);
				hit.put("comment_text", this.commentText.orElse(""));
				hit.put("story_id", ids[0]);
				hit.put("parent_id", ids[1]);
				hit.put("story_title", "Harbor City opens a new tram line");
				hit.put("story_url", "https://example.com/" + ids[0]);
				hit.putNull("points");
			}
			hit.put("updated_at", CREATED_AT.format(Instant.ofEpochSecond(this.createdAt + 60)));
			hit.putObject("_highlightResult");
			return hit;
		}

	}

	/**
	 * One request the fake received.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param query the decoded query parameters
	 * @param authorized whether an Authorization header came with it
	 */
	record RecordedRequest(String method, String path, Map<String, String> query, boolean authorized) {
	}

	private record Answer(int status, String contentType, String body, Map<String, String> headers) {
	}

}
