package io.grapevine.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.grapevine.ingest.source.Cursor;
import io.grapevine.ingest.source.Page;
import io.grapevine.ingest.source.Source;
import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.organization.TopicMatcher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Runs one source instance in a loop: fetch the page after the cursor, tag its mentions,
 * publish them and its dead letters, and only once Kafka has acknowledged all of them
 * store the new cursor.
 */
class SourceRunner {

	private static final Logger logger = LoggerFactory.getLogger(SourceRunner.class);

	/**
	 * Below Kafka's default limit of 1 MiB per message, with room for the record's
	 * overhead.
	 */
	static final int MAX_MENTION_BYTES = 900 * 1024;

	private static final int KEPT_CHARACTERS = 64 * 1024;

	private final Source source;

	private final TopicMatcher matcher;

	private final KafkaSender<String, String> sender;

	private final DeadLetterPublisher deadLetters;

	private final CursorStore cursors;

	private final SourceStatusBoard board;

	private final Clock clock;

	private final AtomicReference<Cursor> cursor = new AtomicReference<>();

	SourceRunner(Source source, TopicMatcher matcher, KafkaSender<String, String> sender,
			DeadLetterPublisher deadLetters, CursorStore cursors, SourceStatusBoard board, Clock clock) {
		this.source = source;
		this.matcher = matcher;
		this.sender = sender;
		this.deadLetters = deadLetters;
		this.cursors = cursors;
		this.board = board;
		this.clock = clock;
	}

	String instanceId() {
		return this.source.instanceId();
	}

	/**
	 * Loop from a stored cursor until cancelled; never errors.
	 * @param stored the restored cursor, if the instance ever stored one
	 * @return the endless loop
	 */
	Flux<Long> run(Optional<Cursor> stored) {
		Cursor start = stored.orElseGet(() -> Cursor.start(instanceId(), this.clock.instant()));
		return Mono.fromRunnable(() -> {
			this.cursor.set(start);
			this.board.update(instanceId(), (status) -> status.restored(start));
			logger.info("Source {} starts from {}", instanceId(), start.position());
		}).thenMany(Mono.defer(this::step).flatMap(Mono::delay).repeat());
	}

	/**
	 * Fetch and publish one page.
	 * @return how long to wait before the next page
	 */
	Mono<Duration> step() {
		Cursor from = this.cursor.get();
		return Mono.defer(() -> this.source.fetch(from))
			.flatMap((page) -> publish(from, page).thenReturn(page))
			.map((page) -> afterPage(from, page))
			.onErrorResume((ex) -> Mono.just(afterError(ex)));
	}

	private Mono<Void> publish(Cursor from, Page page) {
		List<Mention> tagged = new ArrayList<>();
		List<DeadLetter> deadLetters = new ArrayList<>(page.deadLetters());
		for (Mention mention : page.mentions()) {
			Mention taggedMention = this.matcher.tag(mention);
			String json = MentionJson.write(taggedMention);
			int bytes = json.getBytes(StandardCharsets.UTF_8).length;
			if (bytes > MAX_MENTION_BYTES) {
				// Kafka would refuse it and hold the source on this page forever: set it
				// aside.
				deadLetters.add(DeadLetter.now(instanceId(),
						"mention " + mention.id() + " is " + bytes + " bytes of JSON, over the " + MAX_MENTION_BYTES
								+ "-byte limit of the mentions topic; the payload holds its first " + KEPT_CHARACTERS
								+ " characters",
						json.substring(0, Math.min(json.length(), KEPT_CHARACTERS))));
			}
			else {
				tagged.add(taggedMention);
			}
		}
		Mono<Void> mentions = tagged.isEmpty() ? Mono.empty()
				: this.sender.send(Flux.fromIterable(tagged).map(SourceRunner::record)).doOnNext((result) -> {
					if (result.exception() != null) {
						throw new MentionsNotPublishedException(instanceId(), tagged.size(), result.exception());
					}
				})
					.onErrorMap((ex) -> !(ex instanceof MentionsNotPublishedException),
							(ex) -> new MentionsNotPublishedException(instanceId(), tagged.size(), ex))
					.then();
		Mono<Void> moved = page.next().samePositionAs(from) ? Mono.empty() : this.cursors.save(page.next());
		return mentions.then(this.deadLetters.publishAll(deadLetters)).then(moved);
	}

	private static SenderRecord<String, String, String> record(Mention mention) {
		return SenderRecord.create(
				new ProducerRecord<>(KafkaTopicNames.MENTIONS, mention.id(), MentionJson.write(mention)), mention.id());
	}

	private Duration afterPage(Cursor from, Page page) {
		Instant now = this.clock.instant();
		this.cursor.set(page.next());
		if (page.problem().isPresent()) {
			logger.warn("Source {} could not use the page after position {}: {}; next from {}", instanceId(),
					from.position(), page.problem().get(), page.next().position());
			this.board.update(instanceId(),
					(status) -> status.failed(page.problem().get(), page.deadLetters().size(), page.pauseUntil(), now));
		}
		else {
			if (!page.mentions().isEmpty() || !page.deadLetters().isEmpty()) {
				logger.info("Source {} published {} mentions and {} dead letters; cursor now {}", instanceId(),
						page.mentions().size(), page.deadLetters().size(), page.next().position());
			}
			this.board.update(instanceId(), (status) -> status.published(page.next(), page.mentions().size(),
					page.deadLetters().size(), page.pauseUntil(), now));
		}
		if (page.pauseUntil().isPresent()) {
			Duration pause = Duration.between(now, page.pauseUntil().get());
			logger.info("Source {} paused until {}", instanceId(), page.pauseUntil().get());
			return pause.isNegative() ? Duration.ZERO : pause;
		}
		return page.more() ? Duration.ZERO : this.source.pollInterval();
	}

	private Duration afterError(Throwable ex) {
		String message = (ex instanceof MentionsNotPublishedException) ? ex.getMessage()
				: ex.getClass().getSimpleName() + ": " + ex.getMessage();
		logger.error("Source {} failed; retrying from the same cursor in {}", instanceId(), this.source.pollInterval(),
				ex);
		this.board.update(instanceId(), (status) -> status.failed(message, 0, Optional.empty(), this.clock.instant()));
		return this.source.pollInterval();
	}

	/**
	 * Thrown when Kafka did not acknowledge every mention of a page; the cursor stays.
	 */
	static class MentionsNotPublishedException extends RuntimeException {

		MentionsNotPublishedException(String instanceId, int count, Throwable cause) {
			super("Kafka did not acknowledge all " + count + " mentions of a page of " + instanceId
					+ ", the cursor stays where it was: " + cause.getClass().getSimpleName() + ": "
					+ cause.getMessage(), cause);
		}

	}

}
