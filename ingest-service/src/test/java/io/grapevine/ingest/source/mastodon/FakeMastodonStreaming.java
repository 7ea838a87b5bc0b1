package io.grapevine.ingest.source.mastodon;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for a Mastodon server's streaming API,
 * {@code GET /api/v1/streaming/hashtag?tag=<name>}, answering as the real one does: a
 * chunked {@code text/event-stream} that opens with the {@code :)} comment, carries
 * {@code event: update} with a status as {@code data:} and {@code event: delete} with a
 * status id, and sends {@code :thump} heartbeats while the connection stays open; 401
 * with a JSON {@code error} when a token is required and missing or wrong. It can be told
 * to answer something else once and records every request it got.
 */
final class FakeMastodonStreaming implements AutoCloseable {

	static final String PATH = "/api/v1/streaming/hashtag";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, List<String>> events = new LinkedHashMap<>();

	private final Deque<Answer> scripted = new ArrayDeque<>();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private volatile String requiredToken;

	private volatile long holdMillis = 10_000;

	private FakeMastodonStreaming() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeMastodonStreaming start() {
		try {
			return new FakeMastodonStreaming();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake Mastodon streaming server", ex);
		}
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Require a bearer token, as servers may for public streams.
	 * @param token the token
	 */
	void requireToken(String token) {
		this.requiredToken = token;
	}

	/**
	 * Close each stream after a while, as a server restarting does.
	 * @param millis how long a stream stays open after its events
	 */
	void holdStreamsFor(long millis) {
		this.holdMillis = millis;
	}

	/**
	 * Stream a status on a hashtag's stream to every connection made from now on.
	 * @param hashtag the stream
	 * @param id the status id
	 * @param text the status text
	 */
	void update(String hashtag, long id, String text) {
		updateRaw(hashtag, status(id, hashtag, text).toString());
	}

	/**
	 * Stream an update event with any data.
	 * @param hashtag the stream
	 * @param data the event's data
	 */
	synchronized void updateRaw(String hashtag, String data) {
		stream(hashtag).add("event: update\ndata: " + data + "\n\n");
	}

	/**
	 * Stream a delete event.
	 * @param hashtag the stream
	 * @param id the deleted status id
	 */
	synchronized void delete(String hashtag, long id) {
		stream(hashtag).add("event: delete\ndata: " + id + "\n\n");
	}

	/**
	 * Answer the next request with something else.
	 * @param status the HTTP status
	 * @param contentType the content type
	 * @param body the body
	 */
	synchronized void answerOnce(int status, String contentType, String body) {
		this.scripted.add(new Answer(status, contentType, body));
	}

	synchronized List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	private List<String> stream(String hashtag) {
		return this.events.computeIfAbsent(hashtag.toLowerCase(java.util.Locale.ROOT), (key) -> new ArrayList<>());
	}

	private void handle(HttpExchange exchange) throws IOException {
		URI uri = exchange.getRequestURI();
		Map<String, String> query = query(uri.getRawQuery());
		Optional<String> authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
		List<String> toSend;
		Answer answer;
		synchronized (this) {
			this.requests.add(new RecordedRequest(exchange.getRequestMethod(), uri.getPath(), query, authorization,
					Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept"))));
			answer = this.scripted.poll();
			toSend = List.copyOf(stream(query.getOrDefault("tag", "")));
		}
		if (answer != null) {
			send(exchange, answer);
			return;
		}
		if (!PATH.equals(uri.getPath()) || !"GET".equals(exchange.getRequestMethod())) {
			send(exchange, new Answer(404, "application/json", "{\"error\":\"Not Found\"}"));
			return;
		}
		String token = this.requiredToken;
		if (token != null && !authorization.equals(Optional.of("Bearer " + token))) {
			send(exchange, new Answer(401, "application/json", "{\"error\":\"The access token is invalid\"}"));
			return;
		}
		if (!query.containsKey("tag") || query.get("tag").isBlank()) {
			send(exchange, new Answer(400, "application/json", "{\"error\":\"No tag for stream provided\"}"));
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.getResponseHeaders().set("Cache-Control", "private, no-store");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			write(out, ":)\n");
			for (String event : toSend) {
				write(out, event);
				write(out, ":thump\n");
			}
			long until = System.currentTimeMillis() + this.holdMillis;
			while (System.currentTimeMillis() < until) {
				Thread.sleep(50);
				write(out, ":thump\n");
			}
		}
		catch (IOException ex) {
			// The client hung up, as it does after each fetch.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void send(HttpExchange exchange, Answer answer) throws IOException {
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		exchange.sendResponseHeaders(answer.status(), (body.length > 0) ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw == null) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String key = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			query.put(key, value);
		}
		return query;
	}

	/**
	 * A status as the streaming API sends it in an update event's data.
	 * @param id the id
	 * @param hashtag the hashtag it carries
	 * @param text the text, HTML-escaped into a paragraph
	 * @return the status
	 */
	static ObjectNode status(long id, String hashtag, String text) {
		ObjectNode status = JSON.createObjectNode();
		status.put("id", String.valueOf(id));
		status.put("created_at", "2026-11-21T21:" + String.format("%02d", id % 60) + ":00.000Z");
		status.putNull("in_reply_to_id");
		status.putNull("in_reply_to_account_id");
		status.put("sensitive", false);
		status.put("spoiler_text", "");
		status.put("visibility", "public");
		status.put("language", "en");
		status.put("uri", "https://mastodon.social/users/rider_amy/statuses/" + id);
		status.put("url", "https://mastodon.social/@rider_amy/" + id);
		status.put("replies_count", 1);
		status.put("reblogs_count", 2);
		status.put("favourites_count", 3);
		status.put("content",
				"<p>" + text.replace("&", "&amp;").replace("<", "&lt;") + " <a href=\"https://mastodon"
						+ ".social/tags/" + hashtag + "\" class=\"mention hashtag\" rel=\"tag\">#<span>" + hashtag
						+ "</span></a></p>");
		status.putNull("reblog");
		ObjectNode account = status.putObject("account");
		account.put("id", "109302");
		account.put("username", "rider_amy");
		account.put("acct", "rider_amy");
		account.put("display_name", "Amy Rider");
		account.put("url", "https://mastodon.social/@rider_amy");
		account.put("followers_count", 321);
		status.putArray("media_attachments");
		status.putArray("tags").addObject().put("name", hashtag);
		return status;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	record Answer(int status, String contentType, String body) {
	}

	record RecordedRequest(String method, String path, Map<String, String> query, Optional<String> authorization,
			Optional<String> accept) {
	}

}
