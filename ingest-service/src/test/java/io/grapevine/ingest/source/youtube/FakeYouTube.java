package io.grapevine.ingest.source.youtube;

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
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the YouTube Data API's {@code GET /youtube/v3/commentThreads}: it
 * checks the API key, serves the threads of a channel or a video newest first with
 * {@code maxResults} and {@code pageToken} paging, keeps to the threads whose top-level
 * comment holds the {@code searchTerms} (every space-separated term, any one of
 * {@code a|b}, none of {@code -c}, ignoring case), answers Google's error bodies, can be
 * told to answer something else once, and records every request it got. It also serves
 * {@code GET /youtube/v3/videos?part=snippet&id=a,b} for the videos given a language, in
 * the shape of a {@code youtube#videoListResponse} (Google's {@code videos} resource
 * reference; recorded answers in public repositories carry tags such as
 * {@code "defaultAudioLanguage": "es-MX"} and {@code "defaultLanguage": "es-419"}, and
 * leave either out when the uploader set none); an id it does not know is left out of
 * {@code items}, as YouTube does for a deleted or private video.
 */
final class FakeYouTube implements AutoCloseable {

	static final String API_KEY = "AIzaSyFAKE-k3y_for_tests";

	static final String CHANNEL = "UCharborCityTransit000";

	static final String VIDEO = "dQw4w9WgXcQ";

	static final String OTHER_VIDEO = "9bZkp7q19f0";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;

	private final Map<String, List<ObjectNode>> threads = new LinkedHashMap<>();

	private final Deque<Answer> scripted = new ArrayDeque<>();

	private final List<RecordedRequest> requests = new ArrayList<>();

	private final Map<String, ObjectNode> videos = new LinkedHashMap<>();

	private final Deque<Answer> scriptedVideos = new ArrayDeque<>();

	private FakeYouTube() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeYouTube start() {
		try {
			return new FakeYouTube();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake YouTube", ex);
		}
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Publish comment threads on a video, numbered consecutively, a minute apart, the
	 * newest last; each has one reply.
	 * @param listing {@code channel:<id>} or {@code video:<id>}
	 * @param first the number of the first (oldest)
	 * @param count how many
	 */
	synchronized void publish(String listing, int first, int count) {
		List<ObjectNode> list = this.threads.computeIfAbsent(listing, (key) -> new ArrayList<>());
		for (int number = first; number < first + count; number++) {
			list.add(0, thread(number));
		}
	}

	/**
	 * Publish one comment thread with the given text, newer than those published before.
	 * @param listing {@code channel:<id>} or {@code video:<id>}
	 * @param number its number
	 * @param text the text of its top-level comment
	 */
	synchronized void publish(String listing, int number, String text) {
		this.threads.computeIfAbsent(listing, (key) -> new ArrayList<>()).add(0, thread(number, text));
	}

	static String threadId(int number) {
		return "UgxThread" + number + "AaABAg";
	}

	static String replyId(int number) {
		return threadId(number) + ".9reply" + number;
	}

	static Instant publishedAt(int number) {
		return Instant.parse("2026-11-20T00:00:00Z").plusSeconds(60L * number);
	}

	static ObjectNode thread(int number) {
		return thread(number, "Comment " + number + " about the 42 bus");
	}

	static ObjectNode thread(int number, String text) {
		ObjectNode thread = JSON.createObjectNode();
		thread.put("kind", "youtube#commentThread");
		thread.put("etag", "etag" + number);
		thread.put("id", threadId(number));
		ObjectNode snippet = thread.putObject("snippet");
		snippet.put("channelId", CHANNEL);
		snippet.put("videoId", VIDEO);
		snippet.set("topLevelComment", comment(threadId(number), text, "@rider" + number, number, null));
		snippet.put("canReply", true);
		snippet.put("totalReplyCount", 1);
		snippet.put("isPublic", true);
		ArrayNode replies = thread.putObject("replies").putArray("comments");
		replies.add(comment(replyId(number), "Reply to " + number, "@driver" + number, number, threadId(number)));
		return thread;
	}

	static ObjectNode comment(String id, String text, String author, int number, String parentId) {
		ObjectNode comment = JSON.createObjectNode();
		comment.put("kind", "youtube#comment");
		comment.put("etag", "e" + id);
		comment.put("id", id);
		ObjectNode snippet = comment.putObject("snippet");
		snippet.put("channelId", CHANNEL);
		snippet.put("videoId", VIDEO);
		snippet.put("textDisplay", text.replace("&", "&amp;"));
		snippet.put("textOriginal", text);
		if (parentId != null) {
			snippet.put("parentId", parentId);
		}
		snippet.put("authorDisplayName", author);
		snippet.put("authorProfileImageUrl", "https://yt3.ggpht.com/" + number);
		snippet.put("authorChannelUrl", "http://www.youtube.com/" + author);
		snippet.putObject("authorChannelId").put("value", channelId(number));
		snippet.put("canRate", true);
		snippet.put("viewerRating", "none");
		snippet.put("likeCount", number % 7);
		String published = publishedAt(number).toString();
		snippet.put("publishedAt", published);
		snippet.put("updatedAt", published);
		return comment;
	}

	/**
	 * The channel id of the author of a comment, 24 characters as YouTube's are.
	 * @param number the comment's number
	 * @return {@code UC} and 22 letters and digits
	 */
	static String channelId(int number) {
		return "UC" + String.format("%-22s", "author" + number).replace(' ', 'x');
	}

	/**
	 * Publish a comment thread given as JSON, newer than those published before.
	 * @param listing {@code channel:<id>} or {@code video:<id>}
	 * @param thread the thread, as {@link #thread} builds it
	 */
	synchronized void publish(String listing, ObjectNode thread) {
		this.threads.computeIfAbsent(listing, (key) -> new ArrayList<>()).add(0, thread);
	}

	/**
	 * Answer the next {@code videos} request with something else.
	 * @param status the status
	 * @param body the JSON body
	 */
	synchronized void answerVideosOnce(int status, String body) {
		this.scriptedVideos.add(new Answer(status, "application/json; charset=UTF-8", body));
	}

	synchronized void answerOnce(int status, String contentType, String body) {
		this.scripted.add(new Answer(status, contentType, body));
	}

	static String error(int code, String message, String domain, String reason) {
		return "{\n  \"error\": {\n    \"code\": " + code + ",\n    \"message\": \"" + message
				+ "\",\n    \"errors\": [\n      {\n        \"message\": \"" + message + "\",\n        \"domain\": \""
				+ domain + "\",\n        \"reason\": \"" + reason + "\"\n      }\n    ]\n  }\n}\n";
	}

	static String quotaExceeded() {
		return error(403,
				"The request cannot be completed because you have exceeded your "
						+ "<a href=\\\"/youtube/v3/getting-started#quota\\\">quota</a>.",
				"youtube.quota", "quotaExceeded");
	}

	static String keyInvalid() {
		return error(400, "API key not valid. Please pass a valid API key.", "usageLimits", "keyInvalid");
	}

	static String videoNotFound() {
		return error(404,
				"The video identified by the <code><a href=\\\"/youtube/v3/docs/commentThreads/list#videoId\\\">"
						+ "videoId</a></code> parameter could not be found.",
				"youtube.commentThread", "videoNotFound");
	}

	/**
	 * Publish a video with its languages, as {@code videos.list} answers it.
	 * @param id the video id
	 * @param defaultAudioLanguage the language spoken, or {@code null} for none
	 * @param defaultLanguage the language of its title and description, or {@code null}
	 */
	synchronized void video(String id, String defaultAudioLanguage, String defaultLanguage) {
		ObjectNode video = JSON.createObjectNode();
		video.put("kind", "youtube#video");
		video.put("etag", "videoEtag" + id);
		video.put("id", id);
		ObjectNode snippet = video.putObject("snippet");
		snippet.put("publishedAt", "2026-11-19T17:00:00Z");
		snippet.put("channelId", CHANNEL);
		snippet.put("title", "Harbor City Transit: the new night buses");
		snippet.put("description", "");
		snippet.putObject("thumbnails")
			.putObject("default")
			.put("url", "https://i.ytimg.com/vi/" + id + "/default.jpg")
			.put("width", 120)
			.put("height", 90);
		snippet.put("channelTitle", "Harbor City Transit");
		snippet.put("categoryId", "2");
		snippet.put("liveBroadcastContent", "none");
		if (defaultLanguage != null) {
			snippet.put("defaultLanguage", defaultLanguage);
		}
		snippet.putObject("localized").put("title", "Harbor City Transit: the new night buses").put("description", "");
		if (defaultAudioLanguage != null) {
			snippet.put("defaultAudioLanguage", defaultAudioLanguage);
		}
		this.videos.put(id, video);
	}

	/**
	 * The {@code commentThreads} requests it got, in order.
	 * @return the requests
	 */
	synchronized List<RecordedRequest> threadRequests() {
		return this.requests.stream().filter((request) -> request.path().endsWith("/commentThreads")).toList();
	}

	/**
	 * The {@code videos} requests it got, in order.
	 * @return the requests
	 */
	synchronized List<RecordedRequest> videoRequests() {
		return this.requests.stream().filter((request) -> request.path().endsWith("/videos")).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		Answer answer;
		synchronized (this) {
			Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
			this.requests
				.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query));
			boolean videos = exchange.getRequestURI().getPath().endsWith("/videos");
			answer = (this.scripted.isEmpty() || videos) ? answer(exchange.getRequestURI().getPath(), query)
					: this.scripted.poll();
		}
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", answer.contentType());
		exchange.sendResponseHeaders(answer.status(), (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private Answer answer(String path, Map<String, String> query) {
		if ("/youtube/v3/videos".equals(path)) {
			return this.scriptedVideos.isEmpty() ? videos(query) : this.scriptedVideos.poll();
		}
		if (!"/youtube/v3/commentThreads".equals(path)) {
			return new Answer(404, "text/html; charset=UTF-8", "<html><body>Not Found</body></html>");
		}
		if (!API_KEY.equals(query.get("key"))) {
			return new Answer(400, "application/json; charset=UTF-8", keyInvalid());
		}
		String listing = query.containsKey("videoId") ? "video:" + query.get("videoId")
				: "channel:" + query.get("allThreadsRelatedToChannelId");
		List<ObjectNode> all = this.threads.get(listing);
		if (all == null) {
			return new Answer(404, "application/json; charset=UTF-8", videoNotFound());
		}
		String searchTerms = query.getOrDefault("searchTerms", "");
		List<ObjectNode> list = all.stream().filter((thread) -> holds(thread, searchTerms)).toList();
		int size = Integer.parseInt(query.getOrDefault("maxResults", "20"));
		int offset = 0;
		if (query.containsKey("pageToken")) {
			offset = Integer
				.parseInt(new String(Base64.getUrlDecoder().decode(query.get("pageToken")), StandardCharsets.UTF_8)
					.substring("next:".length()));
		}
		ObjectNode root = JSON.createObjectNode();
		root.put("kind", "youtube#commentThreadListResponse");
		root.put("etag", "listEtag");
		int end = Math.min(list.size(), offset + size);
		if (end < list.size()) {
			root.put("nextPageToken",
					Base64.getUrlEncoder()
						.withoutPadding()
						.encodeToString(("next:" + end).getBytes(StandardCharsets.UTF_8)));
		}
		root.putObject("pageInfo").put("totalResults", end - offset).put("resultsPerPage", size);
		ArrayNode items = root.putArray("items");
		list.subList(Math.min(offset, list.size()), end).forEach(items::add);
		return new Answer(200, "application/json; charset=UTF-8", root.toString());
	}

	private Answer videos(Map<String, String> query) {
		if (!API_KEY.equals(query.get("key"))) {
			return new Answer(400, "application/json; charset=UTF-8", keyInvalid());
		}
		if (!"snippet".equals(query.get("part")) || query.getOrDefault("id", "").isEmpty()) {
			return new Answer(400, "application/json; charset=UTF-8",
					error(400, "No filter selected. Expected one of: myRated, chart, id", "youtube.parameter",
							"missingRequiredParameter"));
		}
		String[] ids = query.get("id").split(",");
		ObjectNode root = JSON.createObjectNode();
		root.put("kind", "youtube#videoListResponse");
		root.put("etag", "videoListEtag");
		ArrayNode items = root.putArray("items");
		for (String id : ids) {
			ObjectNode video = this.videos.get(id);
			if (video != null) {
				items.add(video);
			}
		}
		root.putObject("pageInfo").put("totalResults", items.size()).put("resultsPerPage", items.size());
		return new Answer(200, "application/json; charset=UTF-8", root.toString());
	}

	private static boolean holds(ObjectNode thread, String searchTerms) {
		String text = thread.path("snippet")
			.path("topLevelComment")
			.path("snippet")
			.path("textOriginal")
			.asText()
			.toLowerCase(Locale.ROOT);
		for (String term : searchTerms.toLowerCase(Locale.ROOT).split("\\s+")) {
			if (term.startsWith("-") && term.length() > 1) {
				if (text.contains(term.substring(1))) {
					return false;
				}
			}
			else if (!term.isEmpty() && Stream.of(term.split("\\|")).noneMatch(text::contains)) {
				return false;
			}
		}
		return true;
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			query.put(name, value);
		}
		return query;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record RecordedRequest(String method, String path, Map<String, String> query) {

	}

	private record Answer(int status, String contentType, String body) {

	}

}
