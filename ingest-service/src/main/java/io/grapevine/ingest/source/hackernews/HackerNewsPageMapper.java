package io.grapevine.ingest.source.hackernews;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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
 * Maps the body of a {@code GET /api/v1/search_by_date} answer to mentions; never throws:
 * a hit it cannot map becomes a dead letter, a body it cannot read becomes a
 * {@link Malformed} answer.
 */
final class HackerNewsPageMapper {

	static final String SOURCE = "hackernews";

	private static final String ITEM_URL = "https://news.ycombinator.com/item?id=";

	private static final String USER_URL = "https://news.ycombinator.com/user?id=";

	private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

	private final ObjectMapper json = new ObjectMapper();

	private final String instanceId;

	private final Clock clock;

	HackerNewsPageMapper(String instanceId, Clock clock) {
		this.instanceId = instanceId;
		this.clock = clock;
	}

	/**
	 * Map one answer body.
	 * @param body the raw body
	 * @param query the query that found it, recorded as {@code matchedBy}
	 * @return the mapped page or why it could not be read
	 */
	Mapped map(String body, String query) {
		try {
			return read(body, query);
		}
		catch (RuntimeException ex) {
			// Not expected; the promise is never to throw, so the page is set aside
			// instead.
			return new Malformed("Grapevine could not read the HN Search answer (" + ex.getClass().getSimpleName()
					+ ": " + ex.getMessage() + "): " + SourcePayloads.abbreviate(body));
		}
	}

	private Mapped read(String body, String query) {
		JsonNode root;
		try {
			root = this.json.readTree((body != null) ? body : "");
		}
		catch (JsonProcessingException ex) {
			return new Malformed("HN Search answered a body that is not JSON ("
					+ SourcePayloads.firstLine(ex.getOriginalMessage()) + "): " + SourcePayloads.abbreviate(body));
		}
		if (root == null || !root.isObject()) {
			return new Malformed(
					"HN Search answered a body that is not a JSON object: " + SourcePayloads.abbreviate(body));
		}
		JsonNode hits = root.get("hits");
		if (hits == null || !hits.isArray()) {
			String message = root.hasNonNull("message") ? " (" + root.get("message").asText() + ")" : "";
			return new Malformed("HN Search answered a JSON object without a 'hits' array" + message + ": "
					+ SourcePayloads.abbreviate(body));
		}
		OptionalLong nbHits = number(root, "nbHits");
		OptionalLong nbPages = number(root, "nbPages");
		if (nbHits.isEmpty() || nbPages.isEmpty()) {
			return new Malformed("HN Search answered a page without 'nbHits' or 'nbPages', so paging cannot go on: "
					+ SourcePayloads.abbreviate(body));
		}
		List<Mention> mentions = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>();
		Instant now = this.clock.instant();
		long latest = now.plus(MAX_CLOCK_SKEW).getEpochSecond();
		long newest = Long.MIN_VALUE;
		long oldest = Long.MAX_VALUE;
		for (JsonNode hit : hits) {
			OptionalLong createdAt = number(hit, "created_at_i");
			// A time far in the future would stop the cursor for good; such a hit is only
			// set aside.
			if (createdAt.isPresent() && createdAt.getAsLong() >= 0 && createdAt.getAsLong() <= latest) {
				newest = Math.max(newest, createdAt.getAsLong());
				oldest = Math.min(oldest, createdAt.getAsLong());
			}
			try {
				mentions.add(mention(hit, query, now));
			}
			catch (UnmappableHitException | InvalidMentionException ex) {
				deadLetters.add(new DeadLetter(this.instanceId, ex.getMessage(), SourcePayloads.raw(hit, "hit"), now));
			}
			catch (RuntimeException ex) {
				deadLetters.add(new DeadLetter(this.instanceId,
						"hit could not be mapped: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
						SourcePayloads.raw(hit, "hit"), now));
			}
		}
		return new Mapped.Hits(mentions, deadLetters, hits.size(),
				(newest != Long.MIN_VALUE) ? OptionalLong.of(newest) : OptionalLong.empty(),
				(oldest != Long.MAX_VALUE) ? OptionalLong.of(oldest) : OptionalLong.empty(), nbHits.getAsLong(),
				nbPages.getAsLong());
	}

	private Mention mention(JsonNode hit, String query, Instant now) {
		if (!hit.isObject()) {
			throw new UnmappableHitException("hit that is not a JSON object");
		}
		String id = SourcePayloads.scalar(hit, "objectID")
			.filter((value) -> value.chars().allMatch(Character::isDigit))
			.orElseThrow(() -> new UnmappableHitException("hit without a numeric 'objectID'"));
		String author = SourcePayloads.scalar(hit, "author")
			.filter((value) -> value.chars().noneMatch(Character::isWhitespace))
			.orElseThrow(() -> new UnmappableHitException("item " + id + " has no 'author' (deleted?)"));
		Instant publishedAt = publishedAt(id, hit, now);
		boolean comment = isComment(hit);
		String text;
		if (comment) {
			text = SourcePayloads.scalar(hit, "comment_text")
				.map(HtmlText::plain)
				.filter((plain) -> !plain.isBlank())
				.orElseThrow(() -> new UnmappableHitException("comment " + id + " has no 'comment_text'"));
			// Hacker News shows a comment with the story it is on ("on: <title>"); the
			// comment alone often does not say what it is about.
			Optional<String> story = SourcePayloads.scalar(hit, "story_title")
				.map(HtmlText::plain)
				.filter((plain) -> !plain.isBlank());
			if (story.isPresent()) {
				text = text + "\n\non: " + story.get();
			}
		}
		else {
			String title = SourcePayloads.scalar(hit, "title")
				.map(HtmlText::plain)
				.filter((plain) -> !plain.isBlank())
				.orElseThrow(() -> new UnmappableHitException("story " + id + " has no 'title'"));
			// A link story is its title and where it links, as the front page shows it.
			String head = webAddress(hit, "url").map((url) -> title + "\n\n" + url).orElse(title);
			text = SourcePayloads.scalar(hit, "story_text")
				.map(HtmlText::plain)
				.filter((plain) -> !plain.isBlank())
				.map((storyText) -> head + "\n\n" + storyText)
				.orElse(head);
		}
		Engagement engagement = new Engagement(count(id, hit, "points"), 0, count(id, hit, "num_comments"));
		Optional<String> inReplyTo = comment ? SourcePayloads.scalar(hit, "parent_id") : Optional.empty();
		return Mention.builder(SOURCE, id)
			.url(URI.create(ITEM_URL + id))
			.text(text)
			.author(new Author(author, Optional.empty(), Optional.empty(),
					Optional.of(URI.create(USER_URL + URLEncoder.encode(author, StandardCharsets.UTF_8)))))
			.publishedAt(publishedAt)
			.ingestedAt(now)
			.engagement(engagement)
			.inReplyTo(inReplyTo.orElse(null))
			.matchedBy(query)
			.build();
	}

	private static Optional<String> webAddress(JsonNode hit, String field) {
		return SourcePayloads.scalar(hit, field).map(String::strip).filter((value) -> {
			try {
				URI uri = new URI(value);
				return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
						&& uri.getHost() != null;
			}
			catch (URISyntaxException ex) {
				return false;
			}
		});
	}

	private static boolean isComment(JsonNode hit) {
		for (JsonNode tag : hit.path("_tags")) {
			if ("comment".equals(tag.asText())) {
				return true;
			}
			if ("story".equals(tag.asText())) {
				return false;
			}
		}
		return !hit.hasNonNull("title") && hit.hasNonNull("comment_text");
	}

	private static Instant publishedAt(String id, JsonNode hit, Instant now) {
		OptionalLong seconds = number(hit, "created_at_i");
		if (seconds.isPresent()) {
			if (seconds.getAsLong() < 0 || seconds.getAsLong() > now.plus(MAX_CLOCK_SKEW).getEpochSecond()) {
				throw new UnmappableHitException(
						"item " + id + " has a 'created_at_i' that is not a time: " + seconds.getAsLong());
			}
			return Instant.ofEpochSecond(seconds.getAsLong());
		}
		String createdAt = SourcePayloads.scalar(hit, "created_at")
			.orElseThrow(
					() -> new UnmappableHitException("item " + id + " has neither 'created_at_i' nor 'created_at'"));
		return SourceTimes.parse(createdAt)
			.orElseThrow(() -> new UnmappableHitException(
					"item " + id + " has a 'created_at' that is not a time: " + createdAt));
	}

	private static long count(String id, JsonNode hit, String field) {
		JsonNode value = hit.get(field);
		if (value == null || value.isNull()) {
			return 0;
		}
		if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
			throw new UnmappableHitException("item " + id + " has a '" + field + "' that is not a count: " + value);
		}
		return value.asLong();
	}

	private static OptionalLong number(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(value.asLong());
	}

	/**
	 * What an answer body turned out to be.
	 */
	sealed interface Mapped permits Mapped.Hits, Malformed {

		/**
		 * A readable page of hits.
		 *
		 * @param mentions mapped hits
		 * @param deadLetters hits that could not be mapped
		 * @param hitCount how many hits the page held, mapped or not
		 * @param newest the largest {@code created_at_i} of the page's hits
		 * @param oldest the smallest {@code created_at_i} of the page's hits
		 * @param nbHits how many hits the query matches in all, beyond Algolia's cap too
		 * @param nbPages how many pages can be fetched
		 */
		record Hits(List<Mention> mentions, List<DeadLetter> deadLetters, int hitCount, OptionalLong newest,
				OptionalLong oldest, long nbHits, long nbPages) implements Mapped {
		}

	}

	/**
	 * A body that is not a search answer.
	 *
	 * @param reason what is wrong with it
	 */
	record Malformed(String reason) implements Mapped {
	}

	private static final class UnmappableHitException extends RuntimeException {

		UnmappableHitException(String message) {
			super(message, null, false, false);
		}

	}

}
