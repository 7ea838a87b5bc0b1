package io.grapevine.digest.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for a chat incoming webhook, answering as Slack's does
 * ({@code 200 ok}, or an error such as {@code 404 no_service}, {@code 429} with
 * {@code Retry-After}) or as a Teams workflow webhook does ({@code 202}); it records
 * every request and can be told to fail the next few.
 */
public final class FakeChatWebhook implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;

	private final int okStatus;

	private final String okBody;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Deque<Answer> script = new ArrayDeque<>();

	private FakeChatWebhook(int okStatus, String okBody) {
		this.okStatus = okStatus;
		this.okBody = okBody;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Answer answer;
			synchronized (this.script) {
				answer = this.script.isEmpty() ? new Answer(this.okStatus, this.okBody, null) : this.script.poll();
			}
			this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Content-Type"), body, answer.status()));
			if (answer.retryAfter() != null) {
				exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
			}
			exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), (bytes.length == 0) ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * A Slack incoming webhook: {@code 200 ok}.
	 * @return the started fake
	 */
	public static FakeChatWebhook slack() {
		return new FakeChatWebhook(200, "ok");
	}

	/**
	 * A Teams workflow webhook: {@code 202} with no body.
	 * @return the started fake
	 */
	public static FakeChatWebhook teams() {
		return new FakeChatWebhook(202, "");
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/services/T000/B000/XXXX");
	}

	public FakeChatWebhook thenAnswer(int status, String body, String retryAfter) {
		synchronized (this.script) {
			this.script.add(new Answer(status, body, retryAfter));
		}
		return this;
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public List<JsonNode> delivered() {
		return this.requests.stream().filter((request) -> request.status() < 300).map(Request::json).toList();
	}

	public void reset() {
		this.requests.clear();
		synchronized (this.script) {
			this.script.clear();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * Stop answering, as a webhook that cannot be reached.
	 */
	public void stop() {
		this.server.stop(0);
	}

	public record Request(String method, String path, String contentType, String body, int status) {

		public JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private record Answer(int status, String body, String retryAfter) {
	}

}
