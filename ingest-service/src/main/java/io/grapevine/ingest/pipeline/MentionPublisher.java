package io.grapevine.ingest.pipeline;

import java.util.ArrayList;
import java.util.List;

import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.organization.TopicMatcher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Enriches, tags and publishes the mentions of one source instance to {@code mentions},
 * and sets aside what cannot be published on {@code mentions.dlq}; pulled sources use it
 * through their loop, pushed sources (webhooks) call it directly.
 */
public class MentionPublisher {

	private static final Logger logger = LoggerFactory.getLogger(MentionPublisher.class);

	/**
	 * Below Kafka's default limit of 1 MiB per message, with room for the record's
	 * overhead.
	 */
	static final int MAX_MENTION_BYTES = 900 * 1024;

	private static final int KEPT_CHARACTERS = 64 * 1024;

	private final MentionEnricher enricher;

	private final TopicMatcher matcher;

	private final KafkaSender<String, String> sender;

	private final DeadLetterPublisher deadLetters;

	// Enough for the posts a network's instances read within minutes of each other.
	private final RecentCopies recent = new RecentCopies(10_000);

	/**
	 * A publisher.
	 * @param enricher the enrichment run on every mention before tagging
	 * @param matcher tags mentions with the organization's topics and departments
	 * @param sender the Kafka sender
	 * @param deadLetters where unusable items go
	 */
	public MentionPublisher(MentionEnricher enricher, TopicMatcher matcher, KafkaSender<String, String> sender,
			DeadLetterPublisher deadLetters) {
		this.enricher = enricher;
		this.matcher = matcher;
		this.sender = sender;
		this.deadLetters = deadLetters;
	}

	/**
	 * Enrich, tag and publish mentions; a mention too large for Kafka goes to the dead
	 * letters instead. Completes once Kafka has acknowledged every record, and errors
	 * with {@link MentionsNotPublishedException} when it did not.
	 * @param instanceId the source instance the mentions come from
	 * @param mentions the mentions as the source mapped them
	 * @return completion
	 */
	public Mono<Void> publish(String instanceId, List<Mention> mentions) {
		return Mono.defer(() -> send(prepare(instanceId, mentions)));
	}

	/**
	 * Enrich, tag and write mentions as Kafka records without sending them, so that a
	 * source can prepare its next page while the last one is on its way; a mention too
	 * large for Kafka is set aside as a dead letter.
	 * @param instanceId the source instance the mentions come from
	 * @param mentions the mentions as the source mapped them
	 * @return the records to send and the dead letters
	 */
	Prepared prepare(String instanceId, List<Mention> mentions) {
		List<SenderRecord<String, String, String>> records = new ArrayList<>(mentions.size());
		List<DeadLetter> oversized = new ArrayList<>();
		for (Mention mention : mentions) {
			Mention tagged = this.recent.fold(this.matcher.tag(enrich(instanceId, mention)));
			String json = MentionJson.write(tagged);
			int bytes = utf8Length(json);
			if (bytes > MAX_MENTION_BYTES) {
				// Kafka would refuse it and hold the source on this page forever: set it
				// aside.
				oversized.add(DeadLetter.now(instanceId,
						"mention " + mention.id() + " is " + bytes + " bytes of JSON, over the " + MAX_MENTION_BYTES
								+ "-byte limit of the mentions topic; the payload holds its first " + KEPT_CHARACTERS
								+ " characters",
						json.substring(0, Math.min(json.length(), KEPT_CHARACTERS))));
			}
			else {
				records.add(SenderRecord.create(new ProducerRecord<>(KafkaTopicNames.MENTIONS, tagged.id(), json),
						tagged.id()));
			}
		}
		return new Prepared(instanceId, records, oversized);
	}

	/**
	 * Send prepared mentions, then their dead letters; completes once Kafka has
	 * acknowledged every record, and errors with {@link MentionsNotPublishedException}
	 * when it did not.
	 * @param prepared what {@link #prepare} made of a page
	 * @return completion
	 */
	Mono<Void> send(Prepared prepared) {
		return send(prepared.instanceId(), prepared.records()).then(deadLetter(prepared.oversized()));
	}

	/**
	 * Set aside items that could not be mapped; completes once Kafka has acknowledged
	 * them all.
	 * @param deadLetters the raw items with their source and reason
	 * @return completion
	 */
	public Mono<Void> deadLetter(List<DeadLetter> deadLetters) {
		return deadLetters.isEmpty() ? Mono.empty() : this.deadLetters.publishAll(deadLetters);
	}

	private Mention enrich(String instanceId, Mention mention) {
		try {
			return this.enricher.enrich(mention);
		}
		catch (RuntimeException ex) {
			// An enrichment step is a nicety: the mention is published as the source
			// mapped it rather than lost.
			try (MDC.MDCCloseable source = MDC.putCloseable("sourceInstance", instanceId);
					MDC.MDCCloseable id = MDC.putCloseable("mentionId", mention.id())) {
				logger.warn("Source {}: enrichment failed on mention {}, published without it: {}", instanceId,
						mention.id(), ex.toString());
			}
			return mention;
		}
	}

	private Mono<Void> send(String instanceId, List<SenderRecord<String, String, String>> records) {
		if (records.isEmpty()) {
			return Mono.empty();
		}
		return this.sender.send(Flux.fromIterable(records)).doOnNext((result) -> {
			if (result.exception() != null) {
				throw new MentionsNotPublishedException(instanceId, records.size(), result.exception());
			}
		})
			.onErrorMap((ex) -> !(ex instanceof MentionsNotPublishedException),
					(ex) -> new MentionsNotPublishedException(instanceId, records.size(), ex))
			.then();
	}

	/**
	 * The length of a string in UTF-8 without encoding it, as Kafka's string serializer
	 * will write it.
	 * @param text the string
	 * @return its UTF-8 length in bytes
	 */
	static int utf8Length(String text) {
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else if (Character.isSurrogate(c)) {
				// A lone surrogate is written as '?', as String#getBytes does.
				bytes++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	/**
	 * A page's mentions made ready for Kafka.
	 *
	 * @param instanceId the source instance they come from
	 * @param records the records of the mentions to publish, in the page's order
	 * @param oversized the mentions set aside as too large
	 */
	record Prepared(String instanceId, List<SenderRecord<String, String, String>> records, List<DeadLetter> oversized) {

		Prepared {
			records = List.copyOf(records);
			oversized = List.copyOf(oversized);
		}

		/**
		 * The pages of one instance made ready, as one.
		 * @param pages the pages, in order
		 * @return their records and dead letters, in order
		 */
		static Prepared of(List<Prepared> pages) {
			if (pages.size() == 1) {
				return pages.get(0);
			}
			List<SenderRecord<String, String, String>> records = new ArrayList<>();
			List<DeadLetter> oversized = new ArrayList<>();
			pages.forEach((page) -> {
				records.addAll(page.records());
				oversized.addAll(page.oversized());
			});
			return new Prepared(pages.get(0).instanceId(), records, oversized);
		}

	}

	/**
	 * Thrown when Kafka did not acknowledge every mention of a batch; a pulled source's
	 * cursor stays where it was, a pushed source should answer its caller with a
	 * retryable error.
	 */
	public static class MentionsNotPublishedException extends RuntimeException {

		MentionsNotPublishedException(String instanceId, int count, Throwable cause) {
			super("Kafka did not acknowledge all " + count + " mentions of " + instanceId + ": "
					+ cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
		}

	}

}
