package io.grapevine.ingest.source.rss;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local web server that serves feed documents as publishers' servers do: each document
 * with an {@code ETag} and a {@code Last-Modified}, answering {@code 304 Not Modified}
 * when {@code If-None-Match} names the current ETag or, without it,
 * {@code If-Modified-Since} is not older than the document; unknown paths get a 404 HTML
 * page. It can be told to answer a path with something else, and records every request.
 */
final class FakeFeedServer implements AutoCloseable {

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private final HttpServer server;

	private final Map<String, Document> documents = new HashMap<>();

	private final Map<String, Deque<Answer>> scripted = new HashMap<>();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private int version;

	private FakeFeedServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeFeedServer start() {
		try {
			return new FakeFeedServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake feed server", ex);
		}
	}

	URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	/**
	 * Serve a document at a path, as changed now: a new ETag and Last-Modified.
	 * @param path the path
	 * @param contentType its content type
	 * @param body the document
	 * @param modified its Last-Modified time
	 */
	synchronized void publish(String path, String contentType, byte[] body, Instant modified) {
		this.version++;
		this.documents.put(path,
				new Document(contentType, body, "\"v" + this.version + "-" + body.length + "\"", modified, true));
	}

	/**
	 * Serve a document without validators, as servers that do not support conditional
	 * requests do.
	 * @param path the path
	 * @param contentType its content type
	 * @param body the document
	 */
	synchronized void publishWithoutValidators(String path, String contentType, byte[] body) {
		this.documents.put(path, new Document(contentType, body, null, null, false));
	}

	/**
	 * Answer the next request for a path with this instead of its document.
	 * @param path the path
	 * @param status the HTTP status
	 * @param contentType the content type
	 * @param body the body
	 */
	synchronized void answerOnce(String path, int status, String contentType, String body) {
		answerOnce(path, status, contentType, body, Map.of());
	}

	/**
	 * Answer the next request for a path with this instead of the document, with extra
	 * headers such as {@code Retry-After}.
	 * @param path the path
	 * @param status the HTTP status
	 * @param contentType the content type
	 * @param body the body
	 * @param headers the extra headers
	 */
	synchronized void answerOnce(String path, int status, String contentType, String body,
			Map<String, String> headers) {
		this.scripted.computeIfAbsent(path, (key) -> new ArrayDeque<>())
			.add(new Answer(status, contentType, body, headers));
	}

	synchronized List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	synchronized List<RecordedRequest> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Reply reply = reply(exchange);
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			boolean empty = reply.body().length == 0 || reply.status() == 304;
			exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
			if (!empty) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(reply.body());
				}
			}
		}
	}

	private synchronized Reply reply(HttpExchange exchange) {
		String path = exchange.getRequestURI().getPath();
		var headers = exchange.getRequestHeaders();
		this.requests.add(new RecordedRequest(exchange.getRequestMethod(), path,
				Optional.ofNullable(headers.getFirst("If-None-Match")),
				Optional.ofNullable(headers.getFirst("If-Modified-Since")),
				Optional.ofNullable(headers.getFirst("User-Agent")), Optional.ofNullable(headers.getFirst("Accept"))));
		Deque<Answer> script = this.scripted.get(path);
		if (script != null && !script.isEmpty()) {
			Answer answer = script.poll();
			Map<String, String> replyHeaders = new HashMap<>(answer.headers());
			replyHeaders.put("Content-Type", answer.contentType());
			return new Reply(answer.status(), replyHeaders,
					answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		Document document = this.documents.get(path);
		if (document == null || !"GET".equals(exchange.getRequestMethod())) {
			return new Reply(404, Map.of("Content-Type", "text/html; charset=utf-8"),
					"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>"
						.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		Map<String, String> validators = new HashMap<>();
		if (document.validators()) {
			validators.put("ETag", document.etag());
			validators.put("Last-Modified", HTTP_DATE.format(document.modified()));
		}
		if (document.validators()
				&& notModified(document, headers.getFirst("If-None-Match"), headers.getFirst("If-Modified-Since"))) {
			return new Reply(304, validators, new byte[0]);
		}
		Map<String, String> replyHeaders = new HashMap<>(validators);
		replyHeaders.put("Content-Type", document.contentType());
		return new Reply(200, replyHeaders, document.body());
	}

	// RFC 9110: If-None-Match wins over If-Modified-Since when both are sent.
	private static boolean notModified(Document document, String ifNoneMatch, String ifModifiedSince) {
		if (ifNoneMatch != null) {
			return List.of(ifNoneMatch.split("\\s*,\\s*")).contains(document.etag());
		}
		if (ifModifiedSince != null) {
			try {
				Instant since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				return !document.modified().isAfter(since);
			}
			catch (DateTimeParseException ex) {
				return false;
			}
		}
		return false;
	}

	record Document(String contentType, byte[] body, String etag, Instant modified, boolean validators) {

	}

	record Answer(int status, String contentType, String body, Map<String, String> headers) {

	}

	record Reply(int status, Map<String, String> headers, byte[] body) {

	}

	/**
	 * One request the server got.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param ifNoneMatch the If-None-Match header, if sent
	 * @param ifModifiedSince the If-Modified-Since header, if sent
	 * @param userAgent the User-Agent header, if sent
	 * @param accept the Accept header, if sent
	 */
	record RecordedRequest(String method, String path, Optional<String> ifNoneMatch, Optional<String> ifModifiedSince,
			Optional<String> userAgent, Optional<String> accept) {

	}

}
