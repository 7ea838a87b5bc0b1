package io.grapevine.ingest.source.x;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * Maps the body of a {@code GET /2/tweets/search/recent} answer to mentions; never
 * throws: a tweet it cannot map becomes a dead letter, a body it cannot read becomes a
 * {@link Malformed} answer.
 */
final class XPageMapper {

	static final String SOURCE = "x";

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

	private final ObjectMapper json = new ObjectMapper();

	private final String instanceId;

	private final Clock clock;

	XPageMapper(String instanceId, Clock clock) {
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
		JsonNode root;
		try {
			root = this.json.readTree((body != null) ? body : "");
		}
		catch (JsonProcessingException ex) {
			return new Malformed("X answered a body that is not JSON ("
					+ SourcePayloads.firstLine(ex.getOriginalMessage()) + "): " + SourcePayloads.abbreviate(body));
		}
		if (root == null || !root.isObject()) {
			return new Malformed("X answered a body that is not a JSON object: " + SourcePayloads.abbreviate(body));
		}
		JsonNode meta = root.path("meta");
		JsonNode data = root.path("data");
		if (!meta.isObject()) {
			return new Malformed(
					"X answered a JSON object without 'meta'" + errors(root) + ": " + SourcePayloads.abbreviate(body));
		}
		if (!data.isMissingNode() && !data.isArray()) {
			return new Malformed("X answered 'data' that is not an array: " + SourcePayloads.abbreviate(body));
		}
		Map<String, JsonNode> users = new HashMap<>();
		for (JsonNode user : root.path("includes").path("users")) {
			if (user.hasNonNull("id")) {
				users.put(user.get("id").asText(), user);
			}
		}
		Map<String, JsonNode> referenced = new HashMap<>();
		for (JsonNode included : root.path("includes").path("tweets")) {
			if (included.hasNonNull("id")) {
				referenced.put(included.get("id").asText(), included);
			}
		}
		List<Mention> mentions = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>();
		Set<String> mapped = new HashSet<>();
		Instant now = this.clock.instant();
		for (JsonNode tweet : data) {
			try {
				Mention mention = mention(original(tweet, referenced), users, query, now);
				// Retweets of one post are that post once.
				if (mapped.add(mention.id())) {
					mentions.add(mention);
				}
			}
			catch (UnmappableTweetException | InvalidMentionException ex) {
				deadLetters.add(new DeadLetter(this.instanceId, ex.getMessage(), tweet.toString(), now));
			}
		}
		return new Mapped.Tweets(mentions, deadLetters, SourcePayloads.scalar(meta, "newest_id"),
				SourcePayloads.scalar(meta, "next_token"));
	}

	// A retweet is its original: X gives a retweet the original's counts and a text cut
	// to "RT @author: ...", and the original (in includes.tweets) has the whole text and
	// its author, so a retweet is mapped as its original and shares its mention id, as
	// X v1.1's retweeted_status is.
	private static JsonNode original(JsonNode tweet, Map<String, JsonNode> referenced) {
		for (JsonNode reference : tweet.path("referenced_tweets")) {
			if ("retweeted".equals(reference.path("type").asText()) && reference.hasNonNull("id")) {
				String id = reference.get("id").asText();
				JsonNode original = referenced.get(id);
				if (original == null) {
					throw new UnmappableTweetException("retweet " + tweet.path("id").asText() + " of tweet " + id
							+ " whose original is missing from includes.tweets (deleted or withheld?)");
				}
				return original;
			}
		}
		return tweet;
	}

	private Mention mention(JsonNode tweet, Map<String, JsonNode> users, String query, Instant now) {
		String id = SourcePayloads.scalar(tweet, "id")
			.orElseThrow(() -> new UnmappableTweetException("tweet without 'id'"));
		String text = SourcePayloads.scalar(tweet, "text")
			.orElseThrow(() -> new UnmappableTweetException("tweet " + id + " has no 'text'"));
		Instant createdAt = SourcePayloads.scalar(tweet, "created_at")
			.map((value) -> instant(id, value))
			.orElseThrow(() -> new UnmappableTweetException("tweet " + id + " has no 'created_at'"));
		String authorId = SourcePayloads.scalar(tweet, "author_id")
			.orElseThrow(() -> new UnmappableTweetException("tweet " + id + " has no 'author_id'"));
		JsonNode user = users.get(authorId);
		if (user == null) {
			throw new UnmappableTweetException(
					"tweet " + id + " has author " + authorId + " who is missing from includes.users");
		}
		String username = SourcePayloads.scalar(user, "username")
			.orElseThrow(
					() -> new UnmappableTweetException("tweet " + id + ": user " + authorId + " has no 'username'"));
		Optional<Long> followers = Optional.ofNullable(user.path("public_metrics").get("followers_count"))
			.filter(JsonNode::canConvertToLong)
			.map(JsonNode::asLong);
		Author author = new Author(username, SourcePayloads.scalar(user, "name"), followers,
				Optional.of(URI.create("https://x.com/" + username)));
		JsonNode metrics = tweet.path("public_metrics");
		Engagement engagement = new Engagement(metrics.path("like_count").asLong(0),
				metrics.path("retweet_count").asLong(0) + metrics.path("quote_count").asLong(0),
				metrics.path("reply_count").asLong(0));
		Optional<String> inReplyTo = Optional.empty();
		Optional<String> quoted = Optional.empty();
		for (JsonNode reference : tweet.path("referenced_tweets")) {
			if ("replied_to".equals(reference.path("type").asText()) && reference.hasNonNull("id")) {
				inReplyTo = Optional.of(reference.get("id").asText());
			}
			if ("quoted".equals(reference.path("type").asText()) && reference.hasNonNull("id")) {
				quoted = Optional.of(reference.get("id").asText());
			}
		}
		// A quote is a post of its own tied to the one it quotes, whose quote_count
		// already counts it.
		Mention.Builder builder = Mention.builder(SOURCE, id);
		quoted.filter((original) -> !original.equals(id))
			.ifPresent((original) -> builder.repostOf(SOURCE + ":" + original, Repost.Kind.QUOTE));
		return builder.url(URI.create("https://x.com/" + username + "/status/" + id))
			.text(expandLinks(decodeEntities(text), tweet))
			.author(author)
			.publishedAt(createdAt)
			.ingestedAt(now)
			.language(SourcePayloads.scalar(tweet, "lang")
				.filter((lang) -> LANGUAGE.matcher(lang).matches())
				.orElse(null))
			.engagement(engagement)
			.inReplyTo(inReplyTo.orElse(null))
			.matchedBy(query)
			.build();
	}

	// X shortens every link in the text to t.co; entities.urls has where each leads,
	// which readers and topic matching want.
	private static String expandLinks(String text, JsonNode tweet) {
		String expanded = text;
		for (JsonNode link : tweet.path("entities").path("urls")) {
			Optional<String> shortened = SourcePayloads.text(link, "url");
			Optional<String> target = SourcePayloads.text(link, "expanded_url");
			if (shortened.isPresent() && target.isPresent()) {
				expanded = expanded.replace(shortened.get(), target.get());
			}
		}
		return expanded.strip();
	}

	// X escapes these three in tweet text, and only these.
	static String decodeEntities(String text) {
		return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
	}

	private static Instant instant(String id, String value) {
		return SourceTimes.parse(value)
			.orElseThrow(() -> new UnmappableTweetException(
					"tweet " + id + " has a 'created_at' that is not a time: " + value));
	}

	private static String errors(JsonNode root) {
		JsonNode errors = root.path("errors");
		if (errors.isArray() && !errors.isEmpty()) {
			return " (errors: " + errors.get(0).path("detail").asText(errors.get(0).path("message").asText()) + ")";
		}
		return root.hasNonNull("title") ? " (" + root.get("title").asText() + ")" : "";
	}

	/**
	 * What an answer body turned out to be.
	 */
	sealed interface Mapped permits Mapped.Tweets, Malformed {

		/**
		 * A readable page of tweets.
		 *
		 * @param mentions mapped tweets
		 * @param deadLetters tweets that could not be mapped
		 * @param newestId {@code meta.newest_id}, absent when the page is empty
		 * @param nextToken {@code meta.next_token}, absent on the last page of a round
		 */
		record Tweets(List<Mention> mentions, List<DeadLetter> deadLetters, Optional<String> newestId,
				Optional<String> nextToken) implements Mapped {
		}

	}

	/**
	 * A body that is not a recent-search answer.
	 *
	 * @param reason what is wrong with it
	 */
	record Malformed(String reason) implements Mapped {
	}

	private static final class UnmappableTweetException extends RuntimeException {

		UnmappableTweetException(String message) {
			super(message, null, false, false);
		}

	}

}
