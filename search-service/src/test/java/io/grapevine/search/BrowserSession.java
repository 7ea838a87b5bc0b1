package io.grapevine.search;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page in Debian's headless Chromium, driven over the DevTools protocol: script is
 * evaluated in the page as a person's clicks and typing would be, and the test waits for
 * what the page shows.
 */
final class BrowserSession implements AutoCloseable {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	private final Process process;

	private final Path profile;

	private final WebSocket socket;

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	private volatile java.util.function.Consumer<String> paused = (requestId) -> {
	};

	// What the page asked the network for and has had no answer to yet, and what failed:
	// told when a wait is in vain, to say whether the page, the browser or the service
	// stalled.
	private final Map<String, String> inFlight = new ConcurrentHashMap<>();

	private final List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();

	private BrowserSession(Process process, Path profile, WebSocket socket) {
		this.process = process;
		this.profile = profile;
		this.socket = socket;
	}

	/**
	 * Start Chromium on a page.
	 * @param chromium the browser
	 * @param url the page
	 * @return the session
	 * @throws Exception when the browser does not start or offers no page
	 */
	static BrowserSession open(Path chromium, String url) throws Exception {
		Path profile = Files.createTempDirectory("grapevine-chromium");
		List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
				"--user-data-dir=" + profile, "--remote-debugging-port=0"));
		if (System.getProperty("chromium.netlog") != null) {
			command.add("--log-net-log=" + log(profile) + ".netlog.json");
			command.add("--net-log-capture-mode=Everything");
		}
		command.add(url);
		Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
			// Its own complaints, kept for a page test that waited in vain.
			.redirectError(log(profile).toFile())
			.start();
		try {
			long deadline = System.nanoTime() + DEADLINE.toNanos();
			int port = port(profile.resolve("DevToolsActivePort"), process, deadline);
			HttpClient http = HttpClient.newHttpClient();
			String page = pageSocket(http, port, deadline);
			BrowserSession[] session = new BrowserSession[1];
			WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener((message) -> {
				if (session[0] != null) {
					session[0].receive(message);
				}
			})).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
			session[0] = new BrowserSession(process, profile, socket);
			session[0].send("Network.enable", MAPPER.createObjectNode());
			return session[0];
		}
		catch (Exception ex) {
			process.destroyForcibly();
			delete(profile);
			throw ex;
		}
	}

	private static Path log(Path profile) throws IOException {
		Path folder = Files.createDirectories(Path.of("target", "chromium").toAbsolutePath());
		return folder.resolve(profile.getFileName() + ".log");
	}

	// Chromium writes the port it chose into the profile once it listens.
	private static int port(Path file, Process process, long deadline) throws Exception {
		while (System.nanoTime() < deadline) {
			if (Files.exists(file)) {
				List<String> lines = Files.readAllLines(file);
				if (!lines.isEmpty() && !lines.get(0).isBlank()) {
					return Integer.parseInt(lines.get(0).strip());
				}
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("Chromium stopped with " + process.exitValue() + " before it listened");
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("Chromium did not open its DevTools port within " + DEADLINE);
	}

	private static String pageSocket(HttpClient http, int port, long deadline) throws Exception {
		HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build();
		while (System.nanoTime() < deadline) {
			JsonNode targets = MAPPER.readTree(http.send(list, HttpResponse.BodyHandlers.ofString()).body());
			for (JsonNode target : targets) {
				if ("page".equals(target.path("type").asText())) {
					return target.path("webSocketDebuggerUrl").asText();
				}
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("Chromium offered no page within " + DEADLINE);
	}

	/**
	 * Evaluate script in the page, awaiting a promise it returns.
	 * @param expression the script
	 * @return its value as JSON
	 * @throws Exception when the script throws or the browser does not answer
	 */
	JsonNode evaluate(String expression) throws Exception {
		ObjectNode params = MAPPER.createObjectNode()
			.put("expression", expression)
			.put("returnByValue", true)
			.put("awaitPromise", true);
		JsonNode result = send("Runtime.evaluate", params);
		if (result.has("exceptionDetails")) {
			throw new AssertionError("The page threw evaluating " + expression + ": " + result.get("exceptionDetails"));
		}
		return result.path("result").path("value");
	}

	/**
	 * Wait until script evaluates to true in the page, checking every 100 ms for up to a
	 * minute.
	 * @param condition the script
	 * @param what what is awaited, for the failure message
	 * @throws Exception when it never does
	 */
	void await(String condition, String what) throws Exception {
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (evaluate("Boolean(" + condition + ")").asBoolean()) {
					return;
				}
			}
			catch (AssertionError ex) {
				// The page is between two documents (a redirect, a form sent); ask again.
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The page did not show " + what + " within " + DEADLINE + "; it shows: "
				+ evaluate("document.querySelector('main').innerText").asText() + "\nIt has had these answers: "
				+ evaluate("performance.getEntriesByType('resource').map((entry) => entry.name + ' '"
						+ " + Math.round(entry.startTime) + '+' + Math.round(entry.duration) + ' ms').join('\\n')")
					.asText()
				+ "\nAsked and not yet answered:\n" + String.join("\n", this.inFlight.values()) + "\nFailed:\n"
				+ String.join("\n", this.failed) + "\nThe service's threads that are busy or stuck:\n"
				+ ServiceThreads.busyOrStuck() + "\nChromium's own log: " + log(this.profile));
	}

	/**
	 * Open another page in this session, as typing its address would, and wait until it
	 * has loaded.
	 * @param url the page
	 * @throws Exception when it does not load within a minute
	 */
	void navigate(String url) throws Exception {
		// The document being left is marked, so the wait is for the one being opened.
		evaluate("window.grapevineLeaving = true");
		send("Page.navigate", MAPPER.createObjectNode().put("url", url));
		await("!window.grapevineLeaving && document.readyState === 'complete'", url);
	}

	/**
	 * Save a PNG screenshot of the page.
	 * @param file where to save it
	 * @throws Exception when the browser does not answer
	 */
	void screenshot(Path file) throws Exception {
		JsonNode result = send("Page.captureScreenshot", MAPPER.createObjectNode().put("format", "png"));
		Files.write(file, java.util.Base64.getDecoder().decode(result.path("data").asText()));
	}

	/**
	 * A string as a JavaScript string literal.
	 * @param value the string
	 * @return the literal, quoted and escaped
	 */
	static String literal(String value) {
		try {
			return MAPPER.writeValueAsString(value);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode send(String method, ObjectNode params) throws Exception {
		long id = this.ids.incrementAndGet();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.pending.put(id, answer);
		ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
		message.set("params", params);
		this.socket.sendText(MAPPER.writeValueAsString(message), true).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
		JsonNode response = answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
		if (response.has("error")) {
			throw new AssertionError(method + " failed: " + response.get("error"));
		}
		return response.path("result");
	}

	/**
	 * Show the page as a screen of another size would, a phone's for instance.
	 * @param width the width in CSS pixels
	 * @param height the height in CSS pixels
	 * @param mobile whether the screen is a phone's or a tablet's
	 * @throws Exception when the browser does not answer
	 */
	void resize(int width, int height, boolean mobile) throws Exception {
		send("Emulation.setDeviceMetricsOverride",
				MAPPER.createObjectNode()
					.put("width", width)
					.put("height", height)
					.put("deviceScaleFactor", 1)
					.put("mobile", mobile));
	}

	/**
	 * Save what the page downloads into a folder.
	 * @param folder the folder
	 * @throws Exception when the browser does not answer
	 */
	void downloadTo(Path folder) throws Exception {
		send("Page.setDownloadBehavior",
				MAPPER.createObjectNode().put("behavior", "allow").put("downloadPath", folder.toString()));
	}

	/**
	 * Print the page to PDF, as a person does with the browser's print dialog.
	 * @param file where to save the PDF
	 * @throws Exception when the browser does not answer
	 */
	void printToPdf(Path file) throws Exception {
		JsonNode result = send("Page.printToPDF", MAPPER.createObjectNode().put("printBackground", false));
		Files.write(file, java.util.Base64.getDecoder().decode(result.path("data").asText()));
	}

	/**
	 * Forget every cookie, as a browser does when the session it signed in with ends.
	 * @throws Exception when the browser does not answer
	 */
	void forgetCookies() throws Exception {
		send("Network.clearBrowserCookies", MAPPER.createObjectNode());
	}

	/**
	 * From now on, leave the first request whose address matches unanswered, as a service
	 * that lost it would, and let every later one through.
	 * @param urlPattern the addresses, with {@code *} for any characters
	 * @return how many matching requests the page has made so far, the held one included
	 * @throws Exception when the browser does not answer
	 */
	AtomicLong holdFirstRequest(String urlPattern) throws Exception {
		ObjectNode params = MAPPER.createObjectNode();
		params.putArray("patterns").addObject().put("urlPattern", urlPattern).put("requestStage", "Request");
		AtomicLong seen = new AtomicLong();
		this.paused = (requestId) -> {
			if (seen.incrementAndGet() > 1) {
				ObjectNode go = MAPPER.createObjectNode()
					.put("id", this.ids.incrementAndGet())
					.put("method", "Fetch.continueRequest");
				go.putObject("params").put("requestId", requestId);
				this.socket.sendText(go.toString(), true);
			}
		};
		send("Fetch.enable", params);
		return seen;
	}

	private void receive(String message) {
		try {
			JsonNode json = MAPPER.readTree(message);
			String method = json.path("method").asText();
			JsonNode params = json.path("params");
			if ("Fetch.requestPaused".equals(method)) {
				this.paused.accept(params.path("requestId").asText());
			}
			else if ("Network.requestWillBeSent".equals(method)) {
				this.inFlight.put(params.path("requestId").asText(),
						java.time.LocalTime.now() + " " + params.path("request").path("method").asText() + " "
								+ params.path("request").path("url").asText());
			}
			else if ("Network.loadingFinished".equals(method)) {
				this.inFlight.remove(params.path("requestId").asText());
			}
			else if ("Network.loadingFailed".equals(method)) {
				String request = this.inFlight.remove(params.path("requestId").asText());
				this.failed.add(java.time.LocalTime.now() + " " + request + ": " + params.path("errorText").asText()
						+ (params.path("canceled").asBoolean() ? " (canceled)" : ""));
			}
			if (json.has("id")) {
				CompletableFuture<JsonNode> answer = this.pending.remove(json.get("id").asLong());
				if (answer != null) {
					answer.complete(json);
				}
			}
		}
		catch (IOException ex) {
			this.pending.values().forEach((answer) -> answer.completeExceptionally(ex));
		}
	}

	@Override
	public void close() throws Exception {
		this.socket.abort();
		// Chromium's helper processes (network, renderer) write to the profile too: they
		// go before it is deleted, or a file of theirs vanishes under the walk.
		List<ProcessHandle> helpers = this.process.descendants().toList();
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
		for (ProcessHandle helper : helpers) {
			helper.destroy();
			try {
				helper.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.TimeoutException ex) {
				helper.destroyForcibly();
			}
		}
		delete(this.profile);
	}

	private static void delete(Path directory) throws IOException {
		try (var paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (java.io.UncheckedIOException ex) {
			if (!(ex.getCause() instanceof java.nio.file.NoSuchFileException)) {
				throw ex;
			}
			// A file went while the profile was walked: walk what is left.
			delete(directory);
		}
	}

	/**
	 * Gathers the frames of each message from the browser.
	 */
	private static final class Listener implements WebSocket.Listener {

		private final java.util.function.Consumer<String> messages;

		private final List<CharSequence> parts = new ArrayList<>();

		Listener(java.util.function.Consumer<String> messages) {
			this.messages = messages;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.parts.add(data.toString());
			if (last) {
				String message = String.join("", this.parts);
				this.parts.clear();
				this.messages.accept(message);
			}
			webSocket.request(1);
			return null;
		}

	}

}
