package io.grapevine.ingest.source.bluesky;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;

/**
 * Maps the body of an {@code app.bsky.feed.searchPosts} answer (newest first) to
 * mentions, down to the newest post an earlier round read; never throws: a post it cannot
 * map becomes a dead letter, a body it cannot read a {@link Malformed} answer.
 *
 * <p>
 * A post is published at its record's {@code createdAt} (see
 * {@link BlueskyPosts#publishedAt}); the rounds are remembered by the earlier of
 * {@code createdAt} and {@code indexedAt}, which is how the search orders
 * {@code sort=latest}.
 */
final class BlueskySearchMapper {

	private final ObjectMapper json = new ObjectMapper();

	private final String instanceId;

	private final Clock clock;

	BlueskySearchMapper(String instanceId, Clock clock) {
		this.instanceId = instanceId;
		this.clock = clock;
	}

	/**
	 * Map one answer body.
	 * @param body the raw body
	 * @param matchedBy the query that found it, recorded as {@code matchedBy}
	 * @param seen the newest post an earlier round read for that query, if any
	 * @return the mapped page or why it could not be read
	 */
	Mapped map(String body, String matchedBy, Optional<Seen> seen) {
		try {
			return read(body, matchedBy, seen);
		}
		catch (RuntimeException ex) {
			return new Malformed("Grapevine could not read the Bluesky search answer (" + ex.getClass().getSimpleName()
					+ ": " + ex.getMessage() + "): " + SourcePayloads.abbreviate(body));
		}
	}

	private Mapped read(String body, String matchedBy, Optional<Seen> seen) {
		JsonNode root;
		try {
			root = this.json.readTree((body != null) ? body : "");
		}
		catch (JsonProcessingException ex) {
			return new Malformed("Bluesky answered a body that is not JSON ("
					+ SourcePayloads.firstLine(ex.getOriginalMessage()) + "): " + SourcePayloads.abbreviate(body));
		}
		JsonNode posts = (root != null && root.isObject()) ? root.get("posts") : null;
		if (posts == null || !posts.isArray()) {
			String error = (root != null && root.isObject()) ? XrpcError.of(root).map((e) -> " (" + e + ")").orElse("")
					: "";
			return new Malformed("Bluesky answered a search body without a 'posts' array" + error + ": "
					+ SourcePayloads.abbreviate(body));
		}
		Optional<String> cursor = SourcePayloads.scalar(root, "cursor");
		List<Mention> mentions = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>();
		Instant now = this.clock.instant();
		Optional<Seen> newest = Optional.empty();
		boolean reachedSeen = false;
		int read = 0;
		for (JsonNode post : posts) {
			Optional<Seen> position = position(post);
			if (seen.isPresent() && position.isPresent() && seen.get().coversOrFollows(position.get())) {
				reachedSeen = true;
				break;
			}
			read++;
			if (position.isPresent() && (newest.isEmpty() || position.get().time().isAfter(newest.get().time()))) {
				newest = position;
			}
			try {
				mentions.add(mention(post, matchedBy, now));
			}
			catch (UnmappablePostException | InvalidMentionException ex) {
				deadLetters
					.add(new DeadLetter(this.instanceId, ex.getMessage(), SourcePayloads.raw(post, "post"), now));
			}
			catch (RuntimeException ex) {
				deadLetters.add(new DeadLetter(this.instanceId,
						"post could not be mapped: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
						SourcePayloads.raw(post, "post"), now));
			}
		}
		return new Mapped.Posts(mentions, deadLetters, read, newest, cursor, reachedSeen);
	}

	/**
	 * Where a post of the answer stands in the search's order.
	 * @param post a post view
	 * @return its URI and time, when both can be read
	 */
	static Optional<Seen> position(JsonNode post) {
		if (post == null || !post.isObject()) {
			return Optional.empty();
		}
		Optional<String> uri = SourcePayloads.text(post, "uri")
			.filter((value) -> BlueskyPosts.parse(value).isPresent());
		Optional<Instant> time = sortTime(post);
		return (uri.isPresent() && time.isPresent()) ? Optional.of(new Seen(uri.get(), time.get())) : Optional.empty();
	}

	private static Optional<Instant> sortTime(JsonNode post) {
		JsonNode record = post.get("record");
		Optional<Instant> created = (record != null && record.isObject()) ? BlueskyPosts.time(record, "createdAt")
				: Optional.empty();
		Optional<Instant> indexed = BlueskyPosts.time(post, "indexedAt");
		if (created.isPresent() && indexed.isPresent()) {
			return Optional.of(created.get().isBefore(indexed.get()) ? created.get() : indexed.get());
		}
		return created.or(() -> indexed);
	}

	private Mention mention(JsonNode post, String matchedBy, Instant now) {
		if (!post.isObject()) {
			throw new UnmappablePostException("post that is not a JSON object");
		}
		String uri = SourcePayloads.text(post, "uri")
			.orElseThrow(() -> new UnmappablePostException("post without a string 'uri'"));
		BlueskyPosts.PostUri parsed = BlueskyPosts.parse(uri)
			.orElseThrow(() -> new UnmappablePostException(
					"post whose 'uri' is not at://<did>/app.bsky.feed.post/<rkey>: " + SourcePayloads.abbreviate(uri)));
		JsonNode record = post.get("record");
		if (record == null || !record.isObject()) {
			throw new UnmappablePostException("post " + uri + " has no 'record' object");
		}
		String text = BlueskyPosts.text(record)
			.map(String::strip)
			.orElseThrow(() -> new UnmappablePostException("post " + uri + " has no text (media only?)"));
		Instant publishedAt = BlueskyPosts
			.publishedAt(BlueskyPosts.time(record, "createdAt"), BlueskyPosts.time(post, "indexedAt"), now)
			.orElseThrow(() -> new UnmappablePostException(
					"post " + uri + " has neither a readable createdAt nor indexedAt"));
		JsonNode author = post.get("author");
		if (author == null || !author.isObject()) {
			throw new UnmappablePostException("post " + uri + " has no 'author'");
		}
		Optional<String> handle = BlueskyPosts.handle(SourcePayloads.text(author, "handle").orElse(null));
		String actor = handle.orElse(parsed.did());
		Optional<Long> followers = count(author, "followersCount", false);
		Author writer = new Author(actor, SourcePayloads.scalar(author, "displayName").map(String::strip), followers,
				Optional.of(BlueskyPosts.profile(actor)));
		Engagement engagement = new Engagement(count(post, "likeCount", true).orElse(0L),
				count(post, "repostCount", true).orElse(0L) + count(post, "quoteCount", true).orElse(0L),
				count(post, "replyCount", true).orElse(0L));
		return Mention.builder(BlueskyPosts.SOURCE, uri)
			.url(BlueskyPosts.permalink(actor, parsed.rkey()))
			.text(text)
			.author(writer)
			.publishedAt(publishedAt)
			.ingestedAt(now)
			.language(BlueskyPosts.language(record).orElse(null))
			.engagement(engagement)
			.inReplyTo(BlueskyPosts.replyParent(record).orElse(null))
			.repostOf(BlueskyPosts.quoted(record)
				.filter((quoted) -> !quoted.equals(uri))
				.map((quoted) -> BlueskyPosts.SOURCE + ":" + quoted)
				.orElse(null), Repost.Kind.QUOTE)
			.matchedBy(matchedBy)
			.build();
	}

	private static Optional<Long> count(JsonNode node, String field, boolean strict) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return Optional.empty();
		}
		if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0
				&& value.asLong() < Long.MAX_VALUE / 4) {
			return Optional.of(value.asLong());
		}
		if (strict) {
			throw new UnmappablePostException("post has a '" + field + "' that is not a count: " + value);
		}
		return Optional.empty();
	}

	/**
	 * The newest post of a query read in a finished round.
	 *
	 * @param uri its AT URI
	 * @param time its time in the search's order
	 */
	record Seen(String uri, Instant time) {

		/**
		 * Whether a post of a later answer is this one or older, so the round can stop.
		 * @param other the post
		 * @return true when it is the same post or sorts before it
		 */
		boolean coversOrFollows(Seen other) {
			return this.uri.equals(other.uri) || other.time.isBefore(this.time);
		}

	}

	/**
	 * What one answer body was.
	 */
	sealed interface Mapped permits Mapped.Posts, Malformed {

		/**
		 * A page of posts, mapped down to the first post already seen.
		 *
		 * @param mentions the posts that could be mapped
		 * @param deadLetters the ones that could not, with their JSON
		 * @param postCount how many posts were read (those before the one already seen)
		 * @param newest the newest of them, when one could be placed
		 * @param cursor the cursor of the next page, absent on the last page
		 * @param reachedSeen whether the page reached a post an earlier round read
		 */
		record Posts(List<Mention> mentions, List<DeadLetter> deadLetters, int postCount, Optional<Seen> newest,
				Optional<String> cursor, boolean reachedSeen) implements Mapped {

		}

	}

	/**
	 * A body that is not a page of posts.
	 *
	 * @param reason why, with the start of the body
	 */
	record Malformed(String reason) implements Mapped {

	}

	/**
	 * A post that cannot become a mention; its message is the dead letter's reason.
	 */
	static final class UnmappablePostException extends RuntimeException {

		UnmappablePostException(String message) {
			super(message);
		}

	}

}
