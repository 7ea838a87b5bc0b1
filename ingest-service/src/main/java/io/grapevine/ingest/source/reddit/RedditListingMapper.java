package io.grapevine.ingest.source.reddit;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.SourceTimes;
import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;

/**
 * Maps the body of a Reddit listing ({@code /search}, {@code /r/:sub/new}) to mentions;
 * never throws: a child it cannot map becomes a dead letter, a body it cannot read
 * becomes a {@link Malformed} answer.
 *
 * <p>
 * Posts ({@code t3}) read as title, blank line, self text; comments ({@code t1}) as their
 * body, answering the post or comment whose fullname is their {@code parent_id} (mention
 * ids are {@code reddit:<fullname>} too). Items whose author was deleted are kept with
 * the handle {@code [deleted]} and no profile, since their text still speaks about the
 * organization; comments whose body was deleted or removed carry no text and become dead
 * letters.
 */
final class RedditListingMapper {

	static final String SOURCE = "reddit";

	static final String DELETED = "[deleted]";

	private static final Pattern FULLNAME = Pattern.compile("t[13]_[0-9a-z]{1,16}");

	private static final Set<String> REDDIT_MEDIA_HOSTS = Set.of("i.redd.it", "v.redd.it", "preview.redd.it");

	private static final Pattern AUTHOR = Pattern.compile("[A-Za-z0-9_-]{1,30}");

	// Reddit did not exist before 2005; anything earlier or far in the future is broken.
	private static final Instant EARLIEST = Instant.parse("2005-01-01T00:00:00Z");

	private final ObjectMapper json = new ObjectMapper();

	private final String instanceId;

	private final Clock clock;

	RedditListingMapper(String instanceId, Clock clock) {
		this.instanceId = instanceId;
		this.clock = clock;
	}

	/**
	 * Map one answer body, newest first, up to the first item already seen.
	 * @param body the raw body
	 * @param matchedBy the query or {@code r/<sub>} that found it
	 * @param seen the newest fullname read in an earlier round of this listing, if any
	 * @return the mapped page or why it could not be read
	 */
	Mapped map(String body, String matchedBy, Optional<String> seen) {
		try {
			return read(body, matchedBy, seen);
		}
		catch (RuntimeException ex) {
			// Not expected; the promise is never to throw, so the page is set aside
			// instead.
			return new Malformed("Grapevine could not read the Reddit listing (" + ex.getClass().getSimpleName() + ": "
					+ ex.getMessage() + "): " + SourcePayloads.abbreviate(body));
		}
	}

	private Mapped read(String body, String matchedBy, Optional<String> seen) {
		JsonNode root;
		try {
			root = this.json.readTree((body != null) ? body : "");
		}
		catch (JsonProcessingException ex) {
			return new Malformed("Reddit answered a body that is not JSON ("
					+ SourcePayloads.firstLine(ex.getOriginalMessage()) + "): " + SourcePayloads.abbreviate(body));
		}
		if (root == null || !root.isObject()) {
			return new Malformed(
					"Reddit answered a body that is not a JSON object: " + SourcePayloads.abbreviate(body));
		}
		if (!"Listing".equals(root.path("kind").asText(null)) || !root.path("data").isObject()
				|| !root.path("data").path("children").isArray()) {
			String error = root.hasNonNull("message") ? " (" + root.get("message").asText() + ")" : "";
			return new Malformed("Reddit answered a JSON object that is not a Listing" + error + ": "
					+ SourcePayloads.abbreviate(body));
		}
		JsonNode data = root.get("data");
		List<Mention> mentions = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>();
		Instant now = this.clock.instant();
		Optional<String> newest = Optional.empty();
		int read = 0;
		boolean reachedSeen = false;
		for (JsonNode child : data.get("children")) {
			Optional<String> name = fullname(child);
			if (name.isPresent() && seen.isPresent() && name.get().equals(seen.get())) {
				reachedSeen = true;
				break;
			}
			read++;
			if (newest.isEmpty()) {
				newest = name;
			}
			try {
				mentions.add(mention(child, matchedBy, now));
			}
			catch (UnmappableItemException | InvalidMentionException ex) {
				deadLetters
					.add(new DeadLetter(this.instanceId, ex.getMessage(), SourcePayloads.raw(child, "item"), now));
			}
			catch (RuntimeException ex) {
				deadLetters.add(new DeadLetter(this.instanceId,
						"item could not be mapped: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
						SourcePayloads.raw(child, "item"), now));
			}
		}
		Optional<String> after = SourcePayloads.text(data, "after")
			.filter((value) -> FULLNAME.matcher(value).matches());
		return new Mapped.Listing(mentions, deadLetters, read, newest, after, reachedSeen);
	}

	private Mention mention(JsonNode child, String matchedBy, Instant now) {
		if (!child.isObject()) {
			throw new UnmappableItemException("listing child that is not a JSON object");
		}
		String kind = child.path("kind").asText("");
		JsonNode item = child.get("data");
		if (!"t3".equals(kind) && !"t1".equals(kind)) {
			throw new UnmappableItemException(
					"listing child of kind '" + kind + "', neither a post (t3) nor a comment (t1)");
		}
		if (item == null || !item.isObject()) {
			throw new UnmappableItemException("listing child without a 'data' object");
		}
		String name = fullname(child).orElseThrow(
				() -> new UnmappableItemException(kind + " item without a 'name' such as " + kind + "_abc123"));
		// Shared permalinks carry ?ref=share&ref_source=link or utm_ parameters; a
		// permalink names its post by its path alone.
		String permalink = SourcePayloads.text(item, "permalink")
			.filter((value) -> value.startsWith("/"))
			.map((value) -> value.replaceFirst("[?#].*$", ""))
			.orElseThrow(() -> new UnmappableItemException(name + " has no 'permalink' starting with /"));
		URI url;
		try {
			url = URI.create("https://www.reddit.com" + permalink);
		}
		catch (IllegalArgumentException ex) {
			throw new UnmappableItemException(name + " has a 'permalink' that is not a path: " + permalink);
		}
		String text;
		Optional<String> inReplyTo = Optional.empty();
		Optional<String> crosspostOf = Optional.empty();
		if ("t3".equals(kind)) {
			String title = SourcePayloads.text(item, "title")
				.map(String::strip)
				.orElseThrow(() -> new UnmappableItemException(name + " is a post without a 'title'"));
			String selftext = SourcePayloads.text(item, "selftext").map(String::strip).orElse("");
			// A cross-post has a title of its own and no body: the body is its
			// original's, in crosspost_parent_list.
			crosspostOf = SourcePayloads.text(item, "crosspost_parent")
				.filter((parent) -> FULLNAME.matcher(parent).matches() && parent.startsWith("t3_")
						&& !parent.equals(name));
			if (crosspostOf.isPresent() && selftext.isEmpty()) {
				selftext = originalOf(item, crosspostOf.get())
					.flatMap((original) -> SourcePayloads.text(original, "selftext"))
					.map(String::strip)
					.orElse("");
			}
			text = selftext.isEmpty() ? title : title + "\n\n" + selftext;
			Optional<String> link = linked(item, url);
			if (link.isPresent() && !text.contains(link.get())) {
				text = text + "\n\n" + link.get();
			}
		}
		else {
			String body = SourcePayloads.text(item, "body")
				.map(String::strip)
				.orElseThrow(() -> new UnmappableItemException(name + " is a comment without a 'body'"));
			if ("[deleted]".equals(body) || "[removed]".equals(body)) {
				throw new UnmappableItemException(name + " is a comment whose body was " + body);
			}
			text = body;
			inReplyTo = SourcePayloads.text(item, "parent_id");
		}
		JsonNode score = item.get("score");
		// A comment in a user's listing carries its post's num_comments, not its own
		// replies.
		JsonNode comments = "t3".equals(kind) ? item.get("num_comments") : null;
		// A post's cross-posts are its shares.
		JsonNode crossposts = "t3".equals(kind) ? item.get("num_crossposts") : null;
		Engagement engagement = new Engagement(Math.max(0, count(name, "score", score)),
				Math.max(0, count(name, "num_crossposts", crossposts)),
				Math.max(0, count(name, "num_comments", comments)));
		return Mention.builder(SOURCE, name)
			.url(url)
			.text(text)
			.author(author(name, item))
			.publishedAt(createdAt(name, item))
			.ingestedAt(now)
			.engagement(engagement)
			.inReplyTo(inReplyTo.orElse(null))
			.repostOf(crosspostOf.map((parent) -> SOURCE + ":" + parent).orElse(null), Repost.Kind.CROSSPOST)
			.matchedBy(matchedBy)
			.build();
	}

	private static Optional<JsonNode> originalOf(JsonNode item, String parent) {
		for (JsonNode original : item.path("crosspost_parent_list")) {
			if (parent.equals(original.path("name").asText()) && original.isObject()) {
				return Optional.of(original);
			}
		}
		return Optional.empty();
	}

	// A link post's url (url_overridden_by_dest when Reddit rewrote it) is what the post
	// is about; a self post's url is its own page, and an image post's is on Reddit's
	// media host, which says nothing a reader needs.
	private static Optional<String> linked(JsonNode item, URI permalink) {
		JsonNode isSelf = item.get("is_self");
		if (isSelf != null && isSelf.asBoolean(false)) {
			return Optional.empty();
		}
		return SourcePayloads.text(item, "url_overridden_by_dest")
			.or(() -> SourcePayloads.text(item, "url"))
			.map(String::strip)
			.filter((value) -> value.startsWith("https://") || value.startsWith("http://"))
			.filter((value) -> {
				try {
					URI uri = URI.create(value);
					String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
					String path = (uri.getPath() != null) ? uri.getPath() : "";
					boolean onReddit = path.equals(permalink.getPath()) || path.startsWith("/gallery/");
					return !host.isEmpty() && !onReddit && !REDDIT_MEDIA_HOSTS.contains(host);
				}
				catch (IllegalArgumentException ex) {
					return false;
				}
			});
	}

	private static Author author(String name, JsonNode item) {
		String author = SourcePayloads.text(item, "author")
			.map(String::strip)
			.orElseThrow(() -> new UnmappableItemException(name + " has no 'author'"));
		if (DELETED.equals(author)) {
			return new Author(DELETED, Optional.empty(), Optional.empty(), Optional.empty());
		}
		if (!AUTHOR.matcher(author).matches()) {
			throw new UnmappableItemException(name + " has an 'author' that is not a Reddit user name: " + author);
		}
		return new Author(author, Optional.empty(), Optional.empty(),
				Optional.of(URI.create("https://www.reddit.com/user/" + author)));
	}

	private static Instant createdAt(String name, JsonNode item) {
		JsonNode created = item.get("created_utc");
		if (created == null || !created.isNumber() || !Double.isFinite(created.asDouble())) {
			throw new UnmappableItemException(name + " has no numeric 'created_utc'");
		}
		double seconds = created.asDouble();
		if (seconds < EARLIEST.getEpochSecond() || seconds > 4_102_444_800d) {
			throw new UnmappableItemException(name + " has a 'created_utc' out of range: " + created);
		}
		return SourceTimes.ofEpochSeconds(seconds);
	}

	private static long count(String name, String field, JsonNode value) {
		if (value == null || value.isNull()) {
			return 0;
		}
		if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
			throw new UnmappableItemException(name + " has a '" + field + "' that is not a count: " + value);
		}
		return value.asLong();
	}

	static Optional<String> fullname(JsonNode child) {
		if (child == null || !child.isObject()) {
			return Optional.empty();
		}
		JsonNode data = child.get("data");
		if (data == null || !data.isObject()) {
			return Optional.empty();
		}
		return SourcePayloads.text(data, "name").filter((value) -> FULLNAME.matcher(value).matches());
	}

	/**
	 * What one answer body was.
	 */
	sealed interface Mapped permits Mapped.Listing, Malformed {

		/**
		 * A listing, mapped up to the first item already seen.
		 *
		 * @param mentions the items that could be mapped
		 * @param deadLetters the ones that could not, with their JSON
		 * @param itemCount how many items were read before the first one already seen
		 * @param newestName the fullname of the first (newest) item read, if any
		 * @param after the fullname to page on from, absent on the last page
		 * @param reachedSeen whether the page reached an item seen in an earlier round
		 */
		record Listing(List<Mention> mentions, List<DeadLetter> deadLetters, int itemCount, Optional<String> newestName,
				Optional<String> after, boolean reachedSeen) implements Mapped {

		}

	}

	/**
	 * A body that is not a listing.
	 *
	 * @param reason why, with the start of the body
	 */
	record Malformed(String reason) implements Mapped {

	}

	/**
	 * An item that cannot become a mention; its message is the dead letter's reason.
	 */
	static final class UnmappableItemException extends RuntimeException {

		UnmappableItemException(String message) {
			super(message, null, false, false);
		}

	}

}
