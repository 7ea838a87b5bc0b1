package io.grapevine.ingest.source.bluesky;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.grapevine.ingest.source.SourceTimes;
import io.grapevine.ingest.source.HtmlText;
import io.grapevine.ingest.source.SourcePayloads;

/**
 * What the two Bluesky sources read alike from a post: its AT URI, its record (text,
 * languages, creation time, the post it answers) and its permalink.
 */
final class BlueskyPosts {

	/**
	 * Both sources publish under this source name, so a post found by both is one
	 * mention.
	 */
	static final String SOURCE = "bluesky";

	static final String POST_COLLECTION = "app.bsky.feed.post";

	static final String REPOST_COLLECTION = "app.bsky.feed.repost";

	private static final Pattern DID = Pattern.compile("did:[a-z]+:[A-Za-z0-9._:%-]{1,2048}");

	private static final Pattern RKEY = Pattern.compile("[A-Za-z0-9._:~-]{1,512}");

	private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9.-]{1,253}");

	private static final Pattern POST_URI = Pattern
		.compile("at://([^/]+)/" + Pattern.quote(POST_COLLECTION) + "/([^/?#]+)");

	private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}");

	private static final String LINK_FACET = "app.bsky.richtext.facet#link";

	/**
	 * How far past when the network saw a post its {@code createdAt} may lie and still be
	 * taken as the author's time.
	 */
	static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

	private BlueskyPosts() {
	}

	/**
	 * The AT URI of a post.
	 * @param did the author's DID
	 * @param rkey the record key
	 * @return {@code at://<did>/app.bsky.feed.post/<rkey>}
	 */
	static String uri(String did, String rkey) {
		return "at://" + did + "/" + POST_COLLECTION + "/" + rkey;
	}

	/**
	 * Read a post's AT URI.
	 * @param uri the URI, or {@code null}
	 * @return its DID and record key, when it is the URI of a post
	 */
	static Optional<PostUri> parse(String uri) {
		if (uri == null) {
			return Optional.empty();
		}
		Matcher matcher = POST_URI.matcher(uri);
		if (!matcher.matches() || !validDid(matcher.group(1)) || !validRkey(matcher.group(2))) {
			return Optional.empty();
		}
		return Optional.of(new PostUri(matcher.group(1), matcher.group(2)));
	}

	static boolean validDid(String did) {
		return did != null && DID.matcher(did).matches();
	}

	static boolean validRkey(String rkey) {
		return rkey != null && RKEY.matcher(rkey).matches() && !".".equals(rkey) && !"..".equals(rkey);
	}

	/**
	 * A handle that can stand in a permalink, lower-cased; {@code handle.invalid} (what
	 * the AppView answers for a handle it could not verify) is not one.
	 * @param handle the handle, or {@code null}
	 * @return the handle
	 */
	static Optional<String> handle(String handle) {
		if (handle == null || !HANDLE.matcher(handle).matches() || !handle.contains(".")
				|| "handle.invalid".equalsIgnoreCase(handle)) {
			return Optional.empty();
		}
		return Optional.of(handle.toLowerCase(Locale.ROOT));
	}

	/**
	 * The post's page on the Bluesky web app.
	 * @param actor the author's handle or DID
	 * @param rkey the record key
	 * @return the permalink
	 */
	static URI permalink(String actor, String rkey) {
		return URI.create("https://bsky.app/profile/" + actor + "/post/" + rkey);
	}

	/**
	 * The author's page on the Bluesky web app.
	 * @param actor the author's handle or DID
	 * @return the profile link
	 */
	static URI profile(String actor) {
		return URI.create("https://bsky.app/profile/" + actor);
	}

	/**
	 * The post a post record quotes: the AT URI of an {@code app.bsky.embed.record}
	 * embed, or of the record of an {@code app.bsky.embed.recordWithMedia} one, when it
	 * is a post (an embedded feed, list or starter pack is no quote).
	 * @param record the post record
	 * @return the quoted post's AT URI
	 */
	static Optional<String> quoted(JsonNode record) {
		JsonNode embed = record.path("embed");
		String type = embed.path("$type").asText("");
		JsonNode reference = switch (type) {
			case "app.bsky.embed.record" -> embed.path("record");
			case "app.bsky.embed.recordWithMedia" -> embed.path("record").path("record");
			default -> null;
		};
		if (reference == null || !reference.path("uri").isTextual()) {
			return Optional.empty();
		}
		String uri = reference.path("uri").asText();
		return parse(uri).map((post) -> uri(post.did(), post.rkey()));
	}

	/**
	 * The language hint of a post record: the primary subtag of its first {@code langs}
	 * entry, lower-cased ({@code en-US} gives {@code en}).
	 * @param record the post record
	 * @return the language, when the record names a readable one
	 */
	static Optional<String> language(JsonNode record) {
		JsonNode langs = record.get("langs");
		if (langs == null || !langs.isArray() || langs.isEmpty() || !langs.get(0).isTextual()) {
			return Optional.empty();
		}
		String primary = langs.get(0).asText().strip().split("[-_]", 2)[0];
		return LANGUAGE.matcher(primary).matches() ? Optional.of(primary.toLowerCase(Locale.ROOT)) : Optional.empty();
	}

	/**
	 * The text of a post record with the links its facets mark given their full address:
	 * the Bluesky app writes a long link shortened
	 * ({@code transit.example/reports/ni...}) and keeps the address in a
	 * {@code app.bsky.richtext.facet#link} feature whose index counts UTF-8 bytes.
	 * @param record the post record
	 * @return the text, when the record has one
	 */
	static Optional<String> text(JsonNode record) {
		Optional<String> text = SourcePayloads.text(record, "text");
		JsonNode facets = record.get("facets");
		if (text.isEmpty() || facets == null || !facets.isArray() || facets.isEmpty()) {
			return text;
		}
		byte[] bytes = text.get().getBytes(StandardCharsets.UTF_8);
		TreeMap<Integer, int[]> spans = new TreeMap<>();
		Map<Integer, String> addresses = new HashMap<>();
		for (JsonNode facet : facets) {
			JsonNode index = facet.path("index");
			int start = index.path("byteStart").asInt(-1);
			int end = index.path("byteEnd").asInt(-1);
			if (start < 0 || end <= start || end > bytes.length) {
				continue;
			}
			for (JsonNode feature : facet.path("features")) {
				Optional<String> uri = SourcePayloads.text(feature, "uri");
				if (LINK_FACET.equals(feature.path("$type").asText()) && uri.isPresent()) {
					spans.put(start, new int[] { start, end });
					addresses.put(start, uri.get().strip());
				}
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 64);
		int at = 0;
		for (int[] span : spans.values()) {
			if (span[0] < at) {
				continue;
			}
			String shown = new String(bytes, span[0], span[1] - span[0], StandardCharsets.UTF_8);
			Optional<String> full = HtmlText.fullAddress(shown, addresses.get(span[0]));
			if (full.isEmpty()) {
				continue;
			}
			out.write(bytes, at, span[0] - at);
			out.writeBytes(full.get().getBytes(StandardCharsets.UTF_8));
			at = span[1];
		}
		out.write(bytes, at, bytes.length - at);
		return Optional.of(out.toString(StandardCharsets.UTF_8));
	}

	/**
	 * The post a record answers, as the native id of that post.
	 * @param record the post record
	 * @return the parent's AT URI, when the record is a reply with a readable parent
	 */
	static Optional<String> replyParent(JsonNode record) {
		JsonNode reply = record.get("reply");
		JsonNode parent = (reply != null && reply.isObject()) ? reply.get("parent") : null;
		return SourcePayloads.text(parent, "uri").filter((uri) -> parse(uri).isPresent());
	}

	/**
	 * A time as the AT Protocol writes it (RFC 3339 with an offset).
	 * @param node the object
	 * @param field the field
	 * @return the time, when the field holds a readable one
	 */
	static Optional<Instant> time(JsonNode node, String field) {
		return SourcePayloads.text(node, field).flatMap(SourceTimes::parse);
	}

	/**
	 * When a post was published: the author's {@code createdAt}, as the Bluesky app shows
	 * on a post's page (an old post imported today keeps its date), unless it is missing,
	 * unreadable, or later than when the network first saw the post by more than
	 * {@link #FUTURE_TOLERANCE} (a device clock set wrong); then when it was seen. The
	 * AppView's own sort time ({@code sortAt}, the earlier of the two) guards the same
	 * way against posts dated in the future, but also moves every post back by its
	 * indexing delay, which a published time must not.
	 * @param created the record's {@code createdAt}
	 * @param seen when the network saw it ({@code indexedAt}, or Jetstream's
	 * {@code time_us})
	 * @param now the time of the read, standing in for {@code seen} when there is none
	 * @return the time, empty when neither is readable
	 */
	static Optional<Instant> publishedAt(Optional<Instant> created, Optional<Instant> seen, Instant now) {
		Instant latest = seen.orElse(now).plus(FUTURE_TOLERANCE);
		return created.filter((time) -> !time.isAfter(latest)).or(() -> seen);
	}

	/**
	 * The DID and record key of a post.
	 *
	 * @param did the author's DID
	 * @param rkey the record key
	 */
	record PostUri(String did, String rkey) {

		String uri() {
			return BlueskyPosts.uri(this.did, this.rkey);
		}

	}

}
