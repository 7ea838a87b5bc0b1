package io.grapevine.ingest.source.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.SourceTimes;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;

/**
 * Maps the body posted to a webhook, one mention-like JSON object or an array of them, to
 * mentions; never throws. A body is taken whole or not at all, so the sender can fix and
 * resend it.
 */
public final class WebhookPayloadMapper {

	private static final Pattern ID = Pattern.compile("[^\\s]{1,200}");

	private final ObjectMapper json = new ObjectMapper();

	private final String name;

	private final WebhookSettings.Defaults defaults;

	WebhookPayloadMapper(String name, WebhookSettings.Defaults defaults) {
		this.name = name;
		this.defaults = defaults;
	}

	/**
	 * Map a body.
	 * @param body the raw body
	 * @param now when it was received, the mentions' {@code ingestedAt}
	 * @return the mentions, or why the body cannot be used
	 */
	public Mapped map(byte[] body, Instant now) {
		try {
			return read(body, now);
		}
		catch (RuntimeException ex) {
			// Not expected; the promise is never to throw, so the body is refused
			// instead.
			return new Mapped.Refused(
					"the body could not be read (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")");
		}
	}

	private Mapped read(byte[] body, Instant now) {
		JsonNode root;
		try {
			root = this.json.readTree((body != null) ? body : new byte[0]);
		}
		catch (JsonProcessingException ex) {
			return new Mapped.Refused("the body is not JSON (" + firstLine(ex.getOriginalMessage()) + ")");
		}
		catch (IOException ex) {
			return new Mapped.Refused("the body could not be read (" + firstLine(ex.getMessage()) + ")");
		}
		if (root == null || root.isMissingNode()) {
			return new Mapped.Refused("the body is empty; send a JSON object or an array of them");
		}
		List<JsonNode> items = new ArrayList<>();
		if (root.isArray()) {
			root.forEach(items::add);
			if (items.isEmpty()) {
				return new Mapped.Refused("the body is an empty array; send at least one mention");
			}
		}
		else if (root.isObject()) {
			items.add(root);
		}
		else {
			return new Mapped.Refused("the body is JSON but neither an object nor an array of objects");
		}
		List<Mention> mentions = new ArrayList<>();
		for (int index = 0; index < items.size(); index++) {
			String where = root.isArray() ? "item " + index + ": " : "";
			try {
				mentions.add(mention(items.get(index), now));
			}
			catch (UnmappableItemException | InvalidMentionException ex) {
				return new Mapped.Refused(where + ex.getMessage());
			}
		}
		return new Mapped.Mentions(mentions);
	}

	private Mention mention(JsonNode item, Instant now) {
		if (!item.isObject()) {
			throw new UnmappableItemException("not a JSON object");
		}
		String id = text(item, "id").filter((value) -> ID.matcher(value).matches())
			.orElseThrow(() -> new UnmappableItemException(
					"'id' is missing or not a string or number of 1 to 200 characters without spaces"));
		String text = text(item, "text")
			.orElseThrow(() -> new UnmappableItemException("mention " + id + " has no 'text'"));
		return Mention.builder(WebhookEndpoint.SOURCE, this.name + ":" + id)
			.url(url(id, item))
			.text(text)
			.author(author(id, item.get("author")))
			.publishedAt(publishedAt(id, item))
			.ingestedAt(now)
			.language(text(item, "language").map((code) -> code.toLowerCase(Locale.ROOT))
				.orElse(this.defaults.language()))
			.engagement(engagement(id, item.get("engagement")))
			.inReplyTo(text(item, "inReplyTo").map((parent) -> this.name + ":" + parent).orElse(null))
			.matchedBy(WebhookEndpoint.SOURCE + ":" + this.name)
			.build();
	}

	private URI url(String id, JsonNode item) {
		Optional<String> given = text(item, "url");
		if (given.isEmpty()) {
			if (this.defaults.urlTemplate() == null) {
				throw new UnmappableItemException("mention " + id + " has no 'url' and the webhook has no "
						+ "defaults.url-template to make one");
			}
			return URI.create(this.defaults.urlTemplate()
				.replace("{id}", URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")));
		}
		try {
			URI uri = new URI(given.get());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// Answered below.
		}
		throw new UnmappableItemException("mention " + id + " has a 'url' that is not an absolute http(s) URL");
	}

	private Author author(String id, JsonNode author) {
		if (author == null || author.isNull()) {
			if (this.defaults.authorHandle() == null) {
				throw new UnmappableItemException(
						"mention " + id + " has no 'author' and the webhook has no defaults.author-handle");
			}
			return Author.of(this.defaults.authorHandle());
		}
		if (!author.isObject()) {
			throw new UnmappableItemException("mention " + id + " has an 'author' that is not an object");
		}
		String handle = text(author, "handle").map((value) -> value.startsWith("@") ? value.substring(1) : value)
			.filter((value) -> !value.isBlank())
			.or(() -> Optional.ofNullable(this.defaults.authorHandle()))
			.orElseThrow(() -> new UnmappableItemException("mention " + id + " has no 'author.handle'"));
		JsonNode followers = author.get("followers");
		Optional<Long> followerCount = Optional.empty();
		if (followers != null && !followers.isNull()) {
			if (!followers.isIntegralNumber() || !followers.canConvertToLong() || followers.asLong() < 0) {
				throw new UnmappableItemException(
						"mention " + id + " has 'author.followers' that is not a count: " + followers);
			}
			followerCount = Optional.of(followers.asLong());
		}
		return new Author(handle, text(author, "displayName"), followerCount, Optional.empty());
	}

	private static Instant publishedAt(String id, JsonNode item) {
		String value = text(item, "publishedAt")
			.orElseThrow(() -> new UnmappableItemException("mention " + id + " has no 'publishedAt'"));
		return SourceTimes.parse(value)
			.orElseThrow(() -> new UnmappableItemException("mention " + id
					+ " has a 'publishedAt' that is not an ISO-8601 time such as 2026-11-21T09:30:00Z: " + value));
	}

	private static Engagement engagement(String id, JsonNode engagement) {
		if (engagement == null || engagement.isNull()) {
			return Engagement.NONE;
		}
		if (!engagement.isObject()) {
			throw new UnmappableItemException("mention " + id + " has an 'engagement' that is not an object");
		}
		return new Engagement(count(id, engagement, "likes"), count(id, engagement, "shares"),
				count(id, engagement, "replies"));
	}

	private static long count(String id, JsonNode engagement, String field) {
		JsonNode value = engagement.get(field);
		if (value == null || value.isNull()) {
			return 0;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
			throw new UnmappableItemException(
					"mention " + id + " has 'engagement." + field + "' that is not a count: " + value);
		}
		return value.asLong();
	}

	private static Optional<String> text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
			return Optional.empty();
		}
		String text = value.asText().strip();
		return text.isEmpty() ? Optional.empty() : Optional.of(text);
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "no detail";
		}
		int end = message.indexOf('\n');
		return (end >= 0) ? message.substring(0, end) : message;
	}

	/**
	 * What a body was.
	 */
	public sealed interface Mapped permits Mapped.Mentions, Mapped.Refused {

		/**
		 * Every mention of the body, mapped.
		 *
		 * @param mentions the mentions, in the order sent
		 */
		record Mentions(List<Mention> mentions) implements Mapped {

		}

		/**
		 * A body that cannot be used.
		 *
		 * @param reason what is wrong with it, for the sender
		 */
		record Refused(String reason) implements Mapped {

		}

	}

	/**
	 * An item that cannot become a mention; its message is the reason given to the
	 * sender.
	 */
	static final class UnmappableItemException extends RuntimeException {

		UnmappableItemException(String message) {
			super(message);
		}

	}

}
