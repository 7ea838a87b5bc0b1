package io.grapevine.ingest.source.mastodon;

import java.net.URI;
import java.net.URISyntaxException;
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
import io.grapevine.listening.mention.Repost;

/**
 * Maps the body of a {@code GET /api/v1/timelines/tag/:hashtag} or
 * {@code GET /api/v2/search?type=statuses} answer to mentions; never throws: a status it
 * cannot map becomes a dead letter, a body it cannot read becomes a {@link Malformed}
 * answer.
 *
 * <p>
 * A boost ({@code reblog} set) is mapped as the boosted status, so that it shares the
 * mention id of the original and is indexed once; a quote (Mastodon 4.5) is a status of
 * its own tied to the status it quotes.
 */
final class MastodonPageMapper {

	static final String SOURCE = "mastodon";

	private static final Pattern STATUS_ID = Pattern.compile("[0-9A-Za-z]{1,64}");

	private final ObjectMapper json = new ObjectMapper();

	private final String instanceId;

	private final String host;

	private final Clock clock;

	MastodonPageMapper(String instanceId, String host, Clock clock) {
		this.instanceId = instanceId;
		this.host = host;
		this.clock = clock;
	}

	/**
	 * Map one answer body.
	 * @param body the raw body
	 * @param matchedBy the hashtag that found it, recorded as {@code matchedBy}
	 * @return the mapped page or why it could not be read
	 */
	Mapped map(String body, String matchedBy) {
		try {
			return read(body, matchedBy);
		}
		catch (RuntimeException ex) {
			// Not expected; the promise is never to throw, so the page is set aside
			// instead.
			return new Malformed("Grapevine could not read the Mastodon answer (" + ex.getClass().getSimpleName() + ": "
					+ ex.getMessage() + "): " + SourcePayloads.abbreviate(body));
		}
	}

	/**
	 * Map the body of a {@code GET /api/v2/search?type=statuses} answer, an object whose
	 * {@code statuses} array holds the statuses found.
	 * @param body the raw body
	 * @param matchedBy the query that found it, recorded as {@code matchedBy}
	 * @param readUpTo the newest status id already read: statuses up to it are counted as
	 * {@code alreadyRead} and neither mapped nor set aside again
	 * @return the mapped statuses or why the body could not be read
	 */
	Mapped mapSearch(String body, String matchedBy, Optional<String> readUpTo) {
		try {
			return readSearch(body, matchedBy, readUpTo);
		}
		catch (RuntimeException ex) {
			return new Malformed("Grapevine could not read the Mastodon search answer (" + ex.getClass().getSimpleName()
					+ ": " + ex.getMessage() + "): " + SourcePayloads.abbreviate(body));
		}
	}

	private Mapped read(String body, String matchedBy) {
		JsonNode root;
		try {
			root = this.json.readTree((body != null) ? body : "");
		}
		catch (JsonProcessingException ex) {
			return notJson(body, ex);
		}
		if (root == null || !root.isArray()) {
			return new Malformed("Mastodon answered a body that is not a JSON array of statuses" + error(root) + ": "
					+ SourcePayloads.abbreviate(body));
		}
		return statuses(root, matchedBy, Optional.empty());
	}

	private Mapped readSearch(String body, String matchedBy, Optional<String> readUpTo) {
		JsonNode root;
		try {
			root = this.json.readTree((body != null) ? body : "");
		}
		catch (JsonProcessingException ex) {
			return notJson(body, ex);
		}
		JsonNode statuses = (root != null && root.isObject()) ? root.get("statuses") : null;
		if (statuses == null || !statuses.isArray()) {
			return new Malformed("Mastodon answered a search body without a JSON array 'statuses'" + error(root) + ": "
					+ SourcePayloads.abbreviate(body));
		}
		return statuses(statuses, matchedBy, readUpTo);
	}

	private static Malformed notJson(String body, JsonProcessingException ex) {
		return new Malformed("Mastodon answered a body that is not JSON ("
				+ SourcePayloads.firstLine(ex.getOriginalMessage()) + "): " + SourcePayloads.abbreviate(body));
	}

	private static String error(JsonNode root) {
		return (root != null && root.isObject() && root.hasNonNull("error")) ? " (" + root.get("error").asText() + ")"
				: "";
	}

	private Mapped statuses(JsonNode root, String matchedBy, Optional<String> readUpTo) {
		List<Mention> mentions = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>();
		Instant now = this.clock.instant();
		Optional<String> newest = Optional.empty();
		int alreadyRead = 0;
		for (JsonNode status : root) {
			Optional<String> id = statusId(status);
			if (id.isPresent() && readUpTo.isPresent() && !newer(id.get(), readUpTo.get())) {
				alreadyRead++;
				continue;
			}
			if (id.isPresent() && (newest.isEmpty() || newer(id.get(), newest.get()))) {
				newest = id;
			}
			try {
				mentions.add(mention(status, matchedBy, now));
			}
			catch (UnmappableStatusException | InvalidMentionException ex) {
				deadLetters
					.add(new DeadLetter(this.instanceId, ex.getMessage(), SourcePayloads.raw(status, "status"), now));
			}
			catch (RuntimeException ex) {
				deadLetters.add(new DeadLetter(this.instanceId,
						"status could not be mapped: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
						SourcePayloads.raw(status, "status"), now));
			}
		}
		return new Mapped.Statuses(mentions, deadLetters, root.size(), newest, alreadyRead);
	}

	private Mention mention(JsonNode outer, String matchedBy, Instant now) {
		if (!outer.isObject()) {
			throw new UnmappableStatusException("status that is not a JSON object");
		}
		JsonNode reblog = outer.get("reblog");
		JsonNode status = (reblog != null && !reblog.isNull()) ? reblog : outer;
		if (!status.isObject()) {
			throw new UnmappableStatusException("boost whose 'reblog' is not a JSON object");
		}
		String id = statusId(status)
			.orElseThrow(() -> new UnmappableStatusException("status without a string 'id' of letters and digits"));
		URI url = link(status, "url").or(() -> link(status, "uri"))
			.orElseThrow(
					() -> new UnmappableStatusException("status " + id + " has neither an http(s) 'url' nor 'uri'"));
		String spoiler = SourcePayloads.scalar(status, "spoiler_text").map(HtmlText::plain).orElse("");
		String content = SourcePayloads.scalar(status, "content").map(HtmlText::plain).orElse("");
		String text = (spoiler.isBlank() || content.isBlank()) ? (spoiler + content).strip()
				: spoiler + "\n\n" + content;
		if (text.isBlank()) {
			throw new UnmappableStatusException("status " + id + " has no text (media only?)");
		}
		Instant publishedAt = publishedAt(id, status);
		// Quotes (Mastodon 4.5) pass a status on as boosts do: both are its shares.
		Engagement engagement = new Engagement(count(id, status, "favourites_count"),
				count(id, status, "reblogs_count") + count(id, status, "quotes_count"),
				count(id, status, "replies_count"));
		return Mention.builder(SOURCE, this.host + ":" + id)
			.url(url)
			.text(text)
			.author(author(id, status.get("account")))
			.publishedAt(publishedAt)
			.ingestedAt(now)
			.language(SourcePayloads.scalar(status, "language").orElse(null))
			.engagement(engagement)
			.inReplyTo(SourcePayloads.scalar(status, "in_reply_to_id")
				.map((parent) -> this.host + ":" + parent)
				.orElse(null))
			.repostOf(quoted(status).filter((quoted) -> !quoted.equals(id))
				.map((quoted) -> SOURCE + ":" + this.host + ":" + quoted)
				.orElse(null), Repost.Kind.QUOTE)
			.matchedBy(matchedBy)
			.build();
	}

	// Mastodon 4.5's quote: a Quote (the quoted status whole) or a ShallowQuote (its id),
	// of which only an accepted one shows the quoted status.
	private static Optional<String> quoted(JsonNode status) {
		JsonNode quote = status.path("quote");
		if (!quote.isObject() || !"accepted".equals(quote.path("state").asText())) {
			return Optional.empty();
		}
		JsonNode quotedStatus = quote.path("quoted_status");
		Optional<String> id = quotedStatus.isObject() ? SourcePayloads.scalar(quotedStatus, "id")
				: SourcePayloads.scalar(quote, "quoted_status_id");
		return id.filter((value) -> STATUS_ID.matcher(value).matches());
	}

	private Author author(String id, JsonNode account) {
		if (account == null || !account.isObject()) {
			throw new UnmappableStatusException("status " + id + " has no 'account'");
		}
		String acct = SourcePayloads.scalar(account, "acct")
			.map((value) -> value.startsWith("@") ? value.substring(1) : value)
			.filter((value) -> !value.isBlank() && value.chars().noneMatch(Character::isWhitespace))
			.orElseThrow(() -> new UnmappableStatusException("status " + id + " has an account without 'acct'"));
		// Local accounts are answered without their server; the handle names it so that
		// it means the same everywhere.
		String handle = acct.contains("@") ? acct : acct + "@" + this.host;
		JsonNode followers = account.get("followers_count");
		Optional<Long> followerCount = (followers != null && followers.isIntegralNumber()
				&& followers.canConvertToLong() && followers.asLong() >= 0) ? Optional.of(followers.asLong())
						: Optional.empty();
		return new Author(handle, SourcePayloads.scalar(account, "display_name"), followerCount, link(account, "url"));
	}

	private static Instant publishedAt(String id, JsonNode status) {
		String createdAt = SourcePayloads.scalar(status, "created_at")
			.orElseThrow(() -> new UnmappableStatusException("status " + id + " has no 'created_at'"));
		return SourceTimes.parse(createdAt)
			.orElseThrow(() -> new UnmappableStatusException(
					"status " + id + " has a 'created_at' that is not a time: " + createdAt));
	}

	private static long count(String id, JsonNode status, String field) {
		JsonNode value = status.get(field);
		if (value == null || value.isNull()) {
			return 0;
		}
		if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
			throw new UnmappableStatusException(
					"status " + id + " has a '" + field + "' that is not a count: " + value);
		}
		return value.asLong();
	}

	private static Optional<String> statusId(JsonNode status) {
		JsonNode id = (status != null) ? status.get("id") : null;
		if (id == null || !id.isTextual() || !STATUS_ID.matcher(id.asText()).matches()) {
			return Optional.empty();
		}
		return Optional.of(id.asText());
	}

	/**
	 * Whether one Mastodon id is newer than another: ids are numbers of growing length,
	 * written as strings.
	 * @param id an id
	 * @param other another id
	 * @return true when {@code id} sorts after {@code other}
	 */
	static boolean newer(String id, String other) {
		if (id.length() != other.length()) {
			return id.length() > other.length();
		}
		return id.compareTo(other) > 0;
	}

	private static Optional<URI> link(JsonNode node, String field) {
		Optional<String> value = SourcePayloads.scalar(node, field);
		if (value.isEmpty()) {
			return Optional.empty();
		}
		try {
			URI uri = new URI(value.get().strip());
			boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
			return (web && uri.getHost() != null) ? Optional.of(uri) : Optional.empty();
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

	/**
	 * What one answer body was.
	 */
	sealed interface Mapped permits Mapped.Statuses, Malformed {

		/**
		 * A JSON array of statuses, mapped.
		 *
		 * @param mentions the statuses that could be mapped
		 * @param deadLetters the ones that could not, with their JSON
		 * @param statusCount how many statuses the page held
		 * @param newestId the newest status id of the page not already read, if any could
		 * be read
		 * @param alreadyRead how many statuses of the page were read before, left out
		 */
		record Statuses(List<Mention> mentions, List<DeadLetter> deadLetters, int statusCount,
				Optional<String> newestId, int alreadyRead) implements Mapped {

		}

	}

	/**
	 * A body that is not a page of statuses.
	 *
	 * @param reason why, with the start of the body
	 */
	record Malformed(String reason) implements Mapped {

	}

	/**
	 * A status that cannot become a mention; its message is the dead letter's reason.
	 */
	static final class UnmappableStatusException extends RuntimeException {

		UnmappableStatusException(String message) {
			super(message);
		}

	}

}
