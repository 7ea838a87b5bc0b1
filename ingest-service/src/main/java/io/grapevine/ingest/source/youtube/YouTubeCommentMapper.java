package io.grapevine.ingest.source.youtube;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.SourceTimes;
import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.ingest.source.HtmlText;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;

/**
 * Maps the body of a {@code commentThreads.list} answer to mentions, one per top-level
 * comment and one per reply it includes; never throws: a thread or comment it cannot map
 * becomes a dead letter, a body it cannot read becomes a {@link Malformed} answer.
 */
final class YouTubeCommentMapper {

	static final String SOURCE = "youtube";

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

	private static final Pattern PAGE_TOKEN = Pattern.compile("[A-Za-z0-9_=-]{1,1000}");

	// YouTube did not exist before 2005; anything earlier or far in the future is broken.
	private static final Instant EARLIEST = Instant.parse("2005-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

	private final ObjectMapper json = new ObjectMapper();

	private final String instanceId;

	private final Clock clock;

	YouTubeCommentMapper(String instanceId, Clock clock) {
		this.instanceId = instanceId;
		this.clock = clock;
	}

	/**
	 * Map one answer body, newest thread first, up to the first thread already seen.
	 * @param body the raw body
	 * @param matchedBy the listing that found it ({@code channel:<id>} or
	 * {@code video:<id>})
	 * @param seen the newest thread read in an earlier round of this listing, if any
	 * @return the mapped page or why it could not be read
	 */
	Mapped map(String body, String matchedBy, Optional<Seen> seen) {
		try {
			return read(body, matchedBy, seen);
		}
		catch (RuntimeException ex) {
			// Not expected; the promise is never to throw, so the page is set aside
			// instead.
			return new Malformed("Grapevine could not read the YouTube comment threads ("
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + "): " + SourcePayloads.abbreviate(body));
		}
	}

	private Mapped read(String body, String matchedBy, Optional<Seen> seen) {
		JsonNode root;
		try {
			root = this.json.readTree((body != null) ? body : "");
		}
		catch (JsonProcessingException ex) {
			return new Malformed("YouTube answered a body that is not JSON ("
					+ SourcePayloads.firstLine(ex.getOriginalMessage()) + "): " + SourcePayloads.abbreviate(body));
		}
		if (root == null || !root.isObject()) {
			return new Malformed(
					"YouTube answered a body that is not a JSON object: " + SourcePayloads.abbreviate(body));
		}
		if (!root.path("items").isArray()) {
			String error = root.path("error").hasNonNull("message")
					? " (" + root.path("error").get("message").asText() + ")" : "";
			return new Malformed("YouTube answered a JSON object without 'items', not a commentThreadListResponse"
					+ error + ": " + SourcePayloads.abbreviate(body));
		}
		List<Mention> mentions = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>();
		Instant now = this.clock.instant();
		Optional<Seen> newest = Optional.empty();
		int read = 0;
		boolean reachedSeen = false;
		for (JsonNode thread : root.get("items")) {
			Optional<Seen> marker = marker(thread);
			if (seen.isPresent() && marker.isPresent() && (marker.get().threadId().equals(seen.get().threadId())
					|| marker.get().publishedAt().isBefore(seen.get().publishedAt()))) {
				reachedSeen = true;
				break;
			}
			read++;
			if (newest.isEmpty()) {
				newest = marker;
			}
			thread(thread, matchedBy, now, mentions, deadLetters);
		}
		Optional<String> nextPageToken = SourcePayloads.text(root, "nextPageToken")
			.filter((token) -> PAGE_TOKEN.matcher(token).matches());
		return new Mapped.Threads(mentions, deadLetters, read, newest, nextPageToken, reachedSeen);
	}

	private void thread(JsonNode thread, String matchedBy, Instant now, List<Mention> mentions,
			List<DeadLetter> deadLetters) {
		JsonNode snippet = thread.path("snippet");
		JsonNode topLevel = snippet.path("topLevelComment");
		if (!thread.isObject() || !topLevel.isObject()) {
			deadLetters.add(new DeadLetter(this.instanceId, "comment thread without a snippet.topLevelComment object",
					SourcePayloads.raw(thread, "item"), now));
			return;
		}
		Optional<String> videoId = SourcePayloads.text(snippet, "videoId");
		long totalReplies = 0;
		JsonNode total = snippet.get("totalReplyCount");
		if (total != null && total.isIntegralNumber() && total.canConvertToLong() && total.asLong() > 0) {
			totalReplies = total.asLong();
		}
		add(topLevel, videoId, totalReplies, false, matchedBy, now, mentions, deadLetters);
		JsonNode replies = thread.path("replies").path("comments");
		if (replies.isArray()) {
			for (JsonNode reply : replies) {
				add(reply, videoId, 0, true, matchedBy, now, mentions, deadLetters);
			}
		}
	}

	private void add(JsonNode comment, Optional<String> videoId, long replies, boolean reply, String matchedBy,
			Instant now, List<Mention> mentions, List<DeadLetter> deadLetters) {
		try {
			mentions.add(mention(comment, videoId, replies, reply, matchedBy, now));
		}
		catch (UnmappableCommentException | InvalidMentionException ex) {
			deadLetters.add(new DeadLetter(this.instanceId, ex.getMessage(), SourcePayloads.raw(comment, "item"), now));
		}
		catch (RuntimeException ex) {
			deadLetters.add(new DeadLetter(this.instanceId,
					"comment could not be mapped: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					SourcePayloads.raw(comment, "item"), now));
		}
	}

	private Mention mention(JsonNode comment, Optional<String> threadVideoId, long replies, boolean reply,
			String matchedBy, Instant now) {
		if (!comment.isObject()) {
			throw new UnmappableCommentException("comment that is not a JSON object");
		}
		String id = SourcePayloads.text(comment, "id")
			.filter((value) -> ID.matcher(value).matches())
			.orElseThrow(
					() -> new UnmappableCommentException("comment without an 'id' of letters, digits, _, - and ."));
		JsonNode snippet = comment.get("snippet");
		if (snippet == null || !snippet.isObject()) {
			throw new UnmappableCommentException("comment " + id + " has no 'snippet' object");
		}
		String videoId = threadVideoId.or(() -> SourcePayloads.text(snippet, "videoId"))
			.filter((value) -> ID.matcher(value).matches())
			.orElseThrow(() -> new UnmappableCommentException(
					"comment " + id + " has no 'videoId' (channel discussion comments are not read)"));
		String text = SourcePayloads.text(snippet, "textOriginal")
			.map(String::strip)
			.filter((value) -> !value.isEmpty())
			.or(() -> SourcePayloads.text(snippet, "textDisplay")
				.map(HtmlText::plain)
				.filter((value) -> !value.isEmpty()))
			.orElseThrow(() -> new UnmappableCommentException(
					"comment " + id + " has neither 'textOriginal' nor 'textDisplay'"));
		Author author = author(id, snippet);
		Instant publishedAt = SourcePayloads.text(snippet, "publishedAt")
			.flatMap(YouTubeCommentMapper::instant)
			.orElseThrow(() -> new UnmappableCommentException(
					"comment " + id + " has no 'publishedAt' time between 2005 and 2100"));
		JsonNode likes = snippet.get("likeCount");
		long likeCount = 0;
		if (likes != null && !likes.isNull()) {
			if (!likes.isIntegralNumber() || !likes.canConvertToLong() || likes.asLong() < 0) {
				throw new UnmappableCommentException(
						"comment " + id + " has a 'likeCount' that is not a count: " + likes);
			}
			likeCount = likes.asLong();
		}
		// A reply's id is <top-level comment id>.<reply id>, and YouTube threads are one
		// level deep: every reply answers the top-level comment, which parentId names.
		Optional<String> parentId = reply
				? SourcePayloads.text(snippet, "parentId")
					.filter((value) -> ID.matcher(value).matches())
					.or(() -> (id.indexOf('.') > 0) ? Optional.of(id.substring(0, id.indexOf('.'))) : Optional.empty())
				: Optional.empty();
		return Mention.builder(SOURCE, id)
			.url(URI.create("https://www.youtube.com/watch?v=" + videoId + "&lc=" + id))
			.text(text)
			.author(author)
			.publishedAt(publishedAt)
			.ingestedAt(now)
			.engagement(new Engagement(likeCount, 0, replies))
			.inReplyTo(parentId.orElse(null))
			.matchedBy(matchedBy)
			.build();
	}

	/**
	 * The video a mapped comment is on, read back from the URL this mapper gave it.
	 * @param mention a mention this mapper made
	 * @return the video id
	 */
	static Optional<String> videoId(Mention mention) {
		String query = mention.url().getRawQuery();
		if (query == null) {
			return Optional.empty();
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("v=") && ID.matcher(pair.substring(2)).matches()) {
				return Optional.of(pair.substring(2));
			}
		}
		return Optional.empty();
	}

	/**
	 * The author of a comment: the handle YouTube shows ({@code authorDisplayName}, an
	 * {@code @handle} since channels have handles, or else the handle of
	 * {@code authorChannelUrl}, or else the channel id when the name has spaces), and as
	 * profile the channel's permanent URL {@code /channel/<authorChannelId>}, which stays
	 * when the handle changes and by which a channel declared by its id is known; the
	 * {@code authorChannelUrl} YouTube gives when it has no channel id.
	 */
	private static Author author(String id, JsonNode snippet) {
		String displayName = SourcePayloads.text(snippet, "authorDisplayName").map(String::strip).orElse("");
		Optional<URI> channelUrl = SourcePayloads.text(snippet, "authorChannelUrl")
			.flatMap(YouTubeCommentMapper::httpUrl);
		Optional<String> urlHandle = channelUrl.map((url) -> (url.getPath() != null) ? url.getPath() : "")
			.map((path) -> path.replaceFirst("^/+", ""))
			.filter((path) -> path.startsWith("@") && path.length() > 1 && path.indexOf('/') < 0)
			.map((path) -> path.substring(1));
		Optional<String> channelId = SourcePayloads.text(snippet.path("authorChannelId"), "value")
			.filter((channel) -> ID.matcher(channel).matches());
		String handle;
		Optional<String> name = Optional.empty();
		if (displayName.startsWith("@")) {
			handle = displayName.substring(1).strip();
		}
		else if (urlHandle.isPresent()) {
			handle = urlHandle.get();
			name = Optional.of(displayName);
		}
		else if (channelId.isPresent()
				&& (displayName.isEmpty() || displayName.chars().anyMatch(Character::isWhitespace))) {
			// A channel without a handle is known by its id; its name is no handle.
			handle = channelId.get();
			name = Optional.of(displayName).filter((value) -> !value.isEmpty());
		}
		else {
			handle = displayName;
		}
		if (handle.isEmpty()) {
			throw new UnmappableCommentException("comment " + id + " has no 'authorDisplayName'");
		}
		Optional<URI> profile = channelId.map((channel) -> URI.create("https://www.youtube.com/channel/" + channel))
			.or(() -> channelUrl);
		return new Author(handle, name, Optional.empty(), profile);
	}

	/**
	 * The id and time of a thread, by which a later round knows where to stop.
	 * @param thread one item of the answer
	 * @return its marker, when it has both
	 */
	static Optional<Seen> marker(JsonNode thread) {
		if (thread == null || !thread.isObject()) {
			return Optional.empty();
		}
		Optional<String> id = SourcePayloads.text(thread, "id").filter((value) -> ID.matcher(value).matches());
		Optional<Instant> publishedAt = SourcePayloads
			.text(thread.path("snippet").path("topLevelComment").path("snippet"), "publishedAt")
			.flatMap(YouTubeCommentMapper::instant);
		return (id.isPresent() && publishedAt.isPresent()) ? Optional.of(new Seen(id.get(), publishedAt.get()))
				: Optional.empty();
	}

	private static Optional<Instant> instant(String value) {
		return SourceTimes.parse(value).filter((instant) -> !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST));
	}

	private static Optional<URI> httpUrl(String value) {
		try {
			URI uri = new URI(value.strip());
			return (uri.isAbsolute() && uri.getHost() != null
					&& ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) ? Optional.of(uri)
							: Optional.empty();
		}
		catch (java.net.URISyntaxException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The newest thread of a listing read in a round.
	 *
	 * @param threadId the thread's id
	 * @param publishedAt when its top-level comment was published
	 */
	record Seen(String threadId, Instant publishedAt) {

	}

	/**
	 * What one answer body was.
	 */
	sealed interface Mapped permits Mapped.Threads, Malformed {

		/**
		 * Comment threads, mapped up to the first one already seen.
		 *
		 * @param mentions the comments that could be mapped
		 * @param deadLetters the ones that could not, with their JSON
		 * @param threadCount how many threads were read before the first one already seen
		 * @param newest the first (newest) thread read, if any
		 * @param nextPageToken the token of the next page, absent on the last page
		 * @param reachedSeen whether the page reached a thread seen in an earlier round
		 */
		record Threads(List<Mention> mentions, List<DeadLetter> deadLetters, int threadCount, Optional<Seen> newest,
				Optional<String> nextPageToken, boolean reachedSeen) implements Mapped {

		}

	}

	/**
	 * A body that is not a list of comment threads.
	 *
	 * @param reason why, with the start of the body
	 */
	record Malformed(String reason) implements Mapped {

	}

	/**
	 * A comment that cannot become a mention; its message is the dead letter's reason.
	 */
	static final class UnmappableCommentException extends RuntimeException {

		UnmappableCommentException(String message) {
			super(message, null, false, false);
		}

	}

}
