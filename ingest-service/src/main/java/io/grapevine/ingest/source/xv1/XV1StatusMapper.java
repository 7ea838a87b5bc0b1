package io.grapevine.ingest.source.xv1;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.ingest.source.SourceTimes;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;
import twitter4j.v1.Status;
import twitter4j.v1.URLEntity;
import twitter4j.v1.User;

/**
 * Maps the statuses Twitter4J read from a v1.1 answer to mentions; never throws: a status
 * it cannot map becomes a dead letter with its JSON.
 *
 * <p>
 * A retweet is mapped as the retweeted status, so that it shares the mention id of the
 * original; mentions carry the source {@code x}, so a tweet read through v1.1 and through
 * v2 is one mention.
 */
final class XV1StatusMapper {

	static final String SOURCE = "x";

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String instanceId;

	private final Clock clock;

	XV1StatusMapper(String instanceId, Clock clock) {
		this.instanceId = instanceId;
		this.clock = clock;
	}

	/**
	 * Map the statuses of one answer.
	 * @param statuses the statuses, as Twitter4J read them
	 * @param matchedBy the search or timeline that found them
	 * @param rawJson the JSON of a status, for dead letters
	 * @return the mentions and the dead letters
	 */
	Mapped map(List<Status> statuses, String matchedBy, Function<Status, String> rawJson) {
		List<Mention> mentions = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>();
		Instant now = this.clock.instant();
		for (Status status : (statuses != null) ? statuses : List.<Status>of()) {
			try {
				mentions.add(mention(status, matchedBy, now, json(status, rawJson)));
			}
			catch (UnmappableStatusException | InvalidMentionException ex) {
				deadLetters.add(new DeadLetter(this.instanceId, ex.getMessage(), raw(status, rawJson), now));
			}
			catch (RuntimeException ex) {
				deadLetters.add(new DeadLetter(this.instanceId,
						"status could not be mapped: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
						raw(status, rawJson), now));
			}
		}
		return new Mapped(mentions, deadLetters);
	}

	private Mention mention(Status outer, String matchedBy, Instant now, Optional<JsonNode> outerJson) {
		if (outer == null) {
			throw new UnmappableStatusException("an empty status");
		}
		Status status = (outer.getRetweetedStatus() != null) ? outer.getRetweetedStatus() : outer;
		long id = status.getId();
		if (id <= 0) {
			throw new UnmappableStatusException("status without 'id'");
		}
		String text = status.getText();
		if (text == null || text.isBlank()) {
			throw new UnmappableStatusException("status " + id + " has no 'full_text' nor 'text'");
		}
		if (status.getCreatedAt() == null) {
			throw new UnmappableStatusException("status " + id + " has no 'created_at'");
		}
		Optional<JsonNode> statusJson = (status != outer)
				? outerJson.map((json) -> json.get("retweeted_status")).filter(JsonNode::isObject) : outerJson;
		Instant publishedAt = publishedAt(status, statusJson);
		User user = status.getUser();
		if (user == null || user.getScreenName() == null || user.getScreenName().isBlank()) {
			throw new UnmappableStatusException("status " + id + " has no 'user' with a 'screen_name'");
		}
		String screenName = user.getScreenName();
		Author author = new Author(screenName, Optional.ofNullable(user.getName()),
				(user.getFollowersCount() >= 0) ? Optional.of((long) user.getFollowersCount()) : Optional.empty(),
				Optional.of(URI.create("https://x.com/" + screenName)));
		return Mention.builder(SOURCE, Long.toString(id))
			.url(URI.create("https://x.com/" + screenName + "/status/" + id))
			.text(expandLinks(text, status))
			.publishedAt(publishedAt)
			.ingestedAt(now)
			.author(author)
			.language(Optional.ofNullable(status.getLang())
				.filter((lang) -> LANGUAGE.matcher(lang).matches())
				.orElse(null))
			.engagement(
					new Engagement(Math.max(0, status.getFavoriteCount()), Math.max(0, status.getRetweetCount()), 0))
			.inReplyTo((status.getInReplyToStatusId() > 0) ? Long.toString(status.getInReplyToStatusId()) : null)
			.matchedBy(matchedBy)
			.build();
	}

	// Twitter4J reads created_at into a LocalDateTime in the default zone of the moment
	// its parser was loaded, losing the offset X wrote; the status's own JSON keeps it.
	// Without that JSON the time is read back in today's default zone, which is the
	// parser's unless the default changed since.
	private static Instant publishedAt(Status status, Optional<JsonNode> json) {
		Optional<String> createdAt = json.flatMap((node) -> SourcePayloads.text(node, "created_at"));
		if (createdAt.isPresent()) {
			return SourceTimes.parse(createdAt.get())
				.orElseThrow(() -> new UnmappableStatusException("status " + status.getId()
						+ " has a 'created_at' that is not a time: '" + createdAt.get() + "'"));
		}
		return status.getCreatedAt().atZone(ZoneId.systemDefault()).toInstant();
	}

	private static Optional<JsonNode> json(Status status, Function<Status, String> rawJson) {
		try {
			String json = (status != null) ? rawJson.apply(status) : null;
			return (json != null) ? Optional.of(JSON.readTree(json)).filter(JsonNode::isObject) : Optional.empty();
		}
		catch (JsonProcessingException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	// The text carries t.co links; readers and topic matching want where they lead.
	private static String expandLinks(String text, Status status) {
		String expanded = text;
		List<URLEntity> entities = new ArrayList<>();
		if (status.getURLEntities() != null) {
			entities.addAll(List.of(status.getURLEntities()));
		}
		if (status.getMediaEntities() != null) {
			entities.addAll(List.of(status.getMediaEntities()));
		}
		for (URLEntity entity : entities) {
			if (entity != null && entity.getURL() != null && !entity.getURL().isBlank()
					&& entity.getExpandedURL() != null && !entity.getExpandedURL().isBlank()) {
				expanded = expanded.replace(entity.getURL(), entity.getExpandedURL());
			}
		}
		return expanded.strip();
	}

	private static String raw(Status status, Function<Status, String> rawJson) {
		try {
			String json = (status != null) ? rawJson.apply(status) : null;
			return (json != null) ? json : "(the status JSON was not kept: " + status + ")";
		}
		catch (RuntimeException ex) {
			return "(the status JSON could not be read back: " + ex.getMessage() + ")";
		}
	}

	/**
	 * The statuses of one answer, mapped.
	 *
	 * @param mentions the statuses that could be mapped
	 * @param deadLetters the ones that could not, with their JSON
	 */
	record Mapped(List<Mention> mentions, List<DeadLetter> deadLetters) {
	}

	private static final class UnmappableStatusException extends RuntimeException {

		UnmappableStatusException(String message) {
			super(message, null, false, false);
		}

	}

}
