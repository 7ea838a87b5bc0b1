package io.grapevine.ingest.source.bluesky;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.SourcePayloads;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;
import io.grapevine.listening.organization.AccountOwner;
import io.grapevine.listening.organization.Accounts;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.TopicMatcher;
import io.grapevine.listening.query.MatchContext;

/**
 * Maps the events of a Jetstream read to the mentions among them: posts created
 * ({@code kind} {@code commit}, {@code operation} {@code create}, collection
 * {@code app.bsky.feed.post}) that match a topic of the organization, or that one of its
 * own accounts wrote (its replies seldom repeat a topic's words, yet they answer the
 * mentions they reply to). Never throws: identity and account events, other collections,
 * updates, deletes and posts without text are skipped; an event that is not JSON, and a
 * post that matches a topic but cannot be mapped, become dead letters.
 *
 * <p>
 * A repost ({@code app.bsky.feed.repost} created, whose {@code subject.uri} names a post)
 * holds no words, so it is published as its original, as X retweets and Mastodon reblogs
 * are: when this instance published the original ({@link JetstreamOriginals}), the
 * original again with one more share; else it is skipped, as the original cannot be
 * matched to a topic without its text (its share count comes with it when a search reads
 * it, Bluesky's {@code repostCount}). Undoing a repost (a delete) takes nothing off.
 *
 * <p>
 * Jetstream names authors only by DID, so the handle and permalink use the DID; the
 * post's time is its {@code createdAt} unless that lies in the future of the event's
 * {@code time_us} (see {@link BlueskyPosts#publishedAt}).
 */
final class JetstreamEventMapper {

	static final String MATCHED_BY = "jetstream";

	private final ObjectMapper json = new ObjectMapper();

	private final String instanceId;

	private final TopicMatcher matcher;

	private final Accounts accounts;

	private final Clock clock;

	private final JetstreamOriginals originals = new JetstreamOriginals();

	JetstreamEventMapper(String instanceId, Organization organization, Clock clock) {
		this.instanceId = instanceId;
		this.matcher = new TopicMatcher(organization);
		this.accounts = organization.accounts();
		this.clock = clock;
	}

	/**
	 * Map the events of one read.
	 * @param events the raw events, in the order they came
	 * @param resume where the previous read ended, when the events replay from exactly
	 * there: the events up to it were read before and are passed over
	 * @return the mentions, dead letters and where this read ended
	 */
	Mapped map(List<String> events, Optional<Resume> resume) {
		Map<String, Mention> mentions = new LinkedHashMap<>();
		List<DeadLetter> deadLetters = new ArrayList<>();
		Instant now = this.clock.instant();
		Optional<Long> lastTimeUs = Optional.empty();
		int readAtLast = 0;
		int skipped = 0;
		int alreadyRead = 0;
		int atResume = 0;
		for (String event : events) {
			Outcome outcome;
			try {
				outcome = event(event, now);
			}
			catch (RuntimeException ex) {
				outcome = Outcome.deadLetter(Optional.empty(),
						new DeadLetter(this.instanceId, "Jetstream event could not be mapped: "
								+ ex.getClass().getSimpleName() + ": " + ex.getMessage(), event, now));
			}
			if (outcome.timeUs().isPresent()) {
				long timeUs = outcome.timeUs().get();
				boolean before = resume.isPresent() && (timeUs < resume.get().timeUs()
						|| (timeUs == resume.get().timeUs() && atResume < resume.get().readAtTime()));
				if (resume.isPresent() && timeUs == resume.get().timeUs() && before) {
					atResume++;
				}
				if (resume.isEmpty() || timeUs >= resume.get().timeUs()) {
					if (lastTimeUs.isPresent() && lastTimeUs.get() == timeUs) {
						readAtLast++;
					}
					else {
						lastTimeUs = Optional.of(timeUs);
						readAtLast = 1;
					}
				}
				if (before) {
					alreadyRead++;
					continue;
				}
			}
			Outcome read = outcome;
			Optional<Mention> mention = read.reposted()
				.map((reposted) -> this.originals.reposted(reposted.originalId(), reposted.repost()))
				.orElseGet(() -> read.mention().map(this.originals::published));
			// One copy a read: a post reposted in the read it came in is published once,
			// where it came, with the shares counted by the end of the read.
			mention.ifPresent((counted) -> mentions.put(counted.id(), counted));
			outcome.deadLetter().ifPresent(deadLetters::add);
			if (mention.isEmpty() && outcome.deadLetter().isEmpty()) {
				skipped++;
			}
		}
		return new Mapped(List.copyOf(mentions.values()), deadLetters, events.size(), skipped, alreadyRead, lastTimeUs,
				readAtLast);
	}

	private Outcome event(String raw, Instant now) {
		JsonNode event;
		try {
			event = this.json.readTree((raw != null) ? raw : "");
		}
		catch (JsonProcessingException ex) {
			return Outcome.deadLetter(Optional.empty(),
					new DeadLetter(this.instanceId,
							"Jetstream sent an event that is not JSON ("
									+ SourcePayloads.firstLine(ex.getOriginalMessage()) + "): "
									+ SourcePayloads.abbreviate(raw),
							raw, now));
		}
		if (event == null || !event.isObject()) {
			return Outcome.deadLetter(Optional.empty(), new DeadLetter(this.instanceId,
					"Jetstream sent an event that is not a JSON object: " + SourcePayloads.abbreviate(raw), raw, now));
		}
		JsonNode time = event.get("time_us");
		Optional<Long> timeUs = (time != null && time.isIntegralNumber() && time.canConvertToLong()
				&& time.asLong() > 0) ? Optional.of(time.asLong()) : Optional.empty();
		JsonNode commit = event.get("commit");
		if ("commit".equals(event.path("kind").asText()) && commit != null && commit.isObject()
				&& BlueskyPosts.REPOST_COLLECTION.equals(commit.path("collection").asText())
				&& "create".equals(commit.path("operation").asText())) {
			return repost(event, commit, timeUs);
		}
		if (!"commit".equals(event.path("kind").asText()) || commit == null || !commit.isObject()
				|| !BlueskyPosts.POST_COLLECTION.equals(commit.path("collection").asText())
				|| !"create".equals(commit.path("operation").asText())) {
			return Outcome.skipped(timeUs);
		}
		JsonNode record = commit.get("record");
		Optional<String> text = (record != null && record.isObject()) ? BlueskyPosts.text(record) : Optional.empty();
		if (text.isEmpty()) {
			return Outcome.skipped(timeUs);
		}
		Mention mention;
		try {
			mention = mention(event, commit, record, text.get().strip(), timeUs, now);
		}
		catch (UnmappableEventException | InvalidMentionException ex) {
			// The firehose is mostly posts about something else: only a post the
			// organization listens for is worth a dead letter.
			if (this.matcher.match(text.get()).isEmpty()) {
				return Outcome.skipped(timeUs);
			}
			return Outcome.deadLetter(timeUs, new DeadLetter(this.instanceId, ex.getMessage(), raw, now));
		}
		if (!ownAccount(mention) && this.matcher.match(MatchContext.of(mention)).isEmpty()) {
			return Outcome.skipped(timeUs);
		}
		return new Outcome(timeUs, Optional.of(mention), Optional.empty(), Optional.empty());
	}

	// A repost that cannot be read is skipped: the firehose is full of reposts of posts
	// nobody here listens for.
	private static Outcome repost(JsonNode event, JsonNode commit, Optional<Long> timeUs) {
		Optional<String> did = SourcePayloads.text(event, "did").filter(BlueskyPosts::validDid);
		Optional<String> rkey = SourcePayloads.text(commit, "rkey").filter(BlueskyPosts::validRkey);
		Optional<String> original = SourcePayloads.text(commit.path("record").path("subject"), "uri")
			.flatMap(BlueskyPosts::parse)
			.map((post) -> BlueskyPosts.SOURCE + ":" + BlueskyPosts.uri(post.did(), post.rkey()));
		if (did.isEmpty() || rkey.isEmpty() || original.isEmpty()) {
			return Outcome.skipped(timeUs);
		}
		return new Outcome(timeUs, Optional.empty(), Optional.empty(),
				Optional.of(new Reposted(original.get(), did.get() + "/" + rkey.get())));
	}

	private boolean ownAccount(Mention mention) {
		return this.accounts.author(mention)
			.filter((account) -> account.owner() instanceof AccountOwner.Own)
			.isPresent();
	}

	private Mention mention(JsonNode event, JsonNode commit, JsonNode record, String text, Optional<Long> timeUs,
			Instant now) {
		String did = SourcePayloads.text(event, "did")
			.filter(BlueskyPosts::validDid)
			.orElseThrow(() -> new UnmappableEventException("post event without a valid 'did'"));
		String rkey = SourcePayloads.text(commit, "rkey")
			.filter(BlueskyPosts::validRkey)
			.orElseThrow(() -> new UnmappableEventException("post event of " + did + " without a valid 'rkey'"));
		String uri = BlueskyPosts.uri(did, rkey);
		Optional<Instant> created = BlueskyPosts.time(record, "createdAt");
		Optional<Instant> seen = timeUs.map((micros) -> Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1000L)));
		Instant publishedAt = BlueskyPosts.publishedAt(created, seen, now)
			.orElseThrow(() -> new UnmappableEventException(
					"post " + uri + " has neither a readable createdAt nor time_us"));
		return Mention.builder(BlueskyPosts.SOURCE, uri)
			.url(BlueskyPosts.permalink(did, rkey))
			.text(text)
			.author(new Author(did, Optional.empty(), Optional.empty(), Optional.of(BlueskyPosts.profile(did))))
			.publishedAt(publishedAt)
			.ingestedAt(now)
			.language(BlueskyPosts.language(record).orElse(null))
			.inReplyTo(BlueskyPosts.replyParent(record).orElse(null))
			.repostOf(BlueskyPosts.quoted(record)
				.filter((quoted) -> !quoted.equals(uri))
				.map((quoted) -> BlueskyPosts.SOURCE + ":" + quoted)
				.orElse(null), Repost.Kind.QUOTE)
			.matchedBy(MATCHED_BY)
			.build();
	}

	/**
	 * What one read of events gave.
	 *
	 * @param mentions the posts that match a topic, and those reposted here, once each
	 * @param deadLetters the events set aside, raw
	 * @param eventCount how many events were read
	 * @param skippedCount how many were neither (other kinds, collections or topics)
	 * @param alreadyReadCount how many a previous read had read
	 * @param lastTimeUs the {@code time_us} of the last event that had a readable one
	 * @param readAtLastTime how many events with that {@code time_us} have been read
	 */
	record Mapped(List<Mention> mentions, List<DeadLetter> deadLetters, int eventCount, int skippedCount,
			int alreadyReadCount, Optional<Long> lastTimeUs, int readAtLastTime) {

		/**
		 * Whether the read brought anything a previous read had not.
		 * @return true when some event was new
		 */
		boolean moved() {
			return this.eventCount > this.alreadyReadCount;
		}

	}

	/**
	 * Where a previous read ended: the {@code time_us} of its last event and how many
	 * events with that time it read (several events can share a microsecond).
	 *
	 * @param timeUs the last {@code time_us} read
	 * @param readAtTime how many events with that time were read
	 */
	record Resume(long timeUs, int readAtTime) {

	}

	private record Outcome(Optional<Long> timeUs, Optional<Mention> mention, Optional<DeadLetter> deadLetter,
			Optional<Reposted> reposted) {

		static Outcome skipped(Optional<Long> timeUs) {
			return new Outcome(timeUs, Optional.empty(), Optional.empty(), Optional.empty());
		}

		static Outcome deadLetter(Optional<Long> timeUs, DeadLetter deadLetter) {
			return new Outcome(timeUs, Optional.empty(), Optional.of(deadLetter), Optional.empty());
		}

	}

	/**
	 * A repost read from the stream.
	 *
	 * @param originalId the mention id of the post it passes on
	 * @param repost the repost's own key: its author's DID and record key
	 */
	private record Reposted(String originalId, String repost) {

	}

	/**
	 * A post event that cannot become a mention; its message is the dead letter's reason.
	 */
	static final class UnmappableEventException extends RuntimeException {

		UnmappableEventException(String message) {
			super(message);
		}

	}

}
