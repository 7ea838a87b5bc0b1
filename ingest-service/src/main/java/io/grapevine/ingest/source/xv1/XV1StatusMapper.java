package io.grapevine.ingest.source.xv1;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

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
				mentions.add(mention(status, matchedBy, now));
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

	private Mention mention(Status outer, String matchedBy, Instant now) {
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
			// Twitter4J reads created_at in the offset X writes it with, always +0000.
			.publishedAt(status.getCreatedAt().toInstant(ZoneOffset.UTC))
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
