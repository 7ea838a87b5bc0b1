package io.grapevine.kafka;

import java.nio.charset.StandardCharsets;

import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.Sha256;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.MentionJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Sets aside what could not be used on {@code mentions.dlq}, with its source and reason,
 * so the pipeline goes on and nothing is lost.
 */
public class DeadLetterPublisher {

	/** The header that carries the SHA-256 of a payload too large to keep whole. */
	public static final String PAYLOAD_SHA256_HEADER = "grapevine-payload-sha256";

	/** The header that carries the size in bytes of a payload too large to keep whole. */
	public static final String PAYLOAD_BYTES_HEADER = "grapevine-payload-bytes";

	/** The counter of dead letters published, tagged with their {@code source}. */
	public static final String PUBLISHED_METRIC = "grapevine.dead-letters.published";

	/** The counter of dead letters that could not be published and were only logged. */
	public static final String LOST_METRIC = "grapevine.dead-letters.unpublishable";

	/**
	 * Largest dead letter, as JSON, published whole: well under the producer's and the
	 * broker's default limit of 1 MiB, since escaping can double a payload.
	 */
	static final int MAX_LETTER_BYTES = 512 * 1024;

	/** Characters of a payload kept when the whole would be too large. */
	static final int EXCERPT_CHARS = 64 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterPublisher.class);

	private final KafkaSender<String, String> sender;

	private final Counter unpublishable;

	private final MeterRegistry meterRegistry;

	public DeadLetterPublisher(KafkaSender<String, String> sender) {
		this(sender, Metrics.globalRegistry);
	}

	public DeadLetterPublisher(KafkaSender<String, String> sender, MeterRegistry meterRegistry) {
		this.sender = sender;
		this.meterRegistry = meterRegistry;
		this.unpublishable = Counter.builder(LOST_METRIC)
			.description("Dead letters Kafka refused for good, logged and skipped")
			.register(meterRegistry);
	}

	/**
	 * Publish a dead letter; completes once Kafka has acknowledged it. A payload too
	 * large to publish whole is kept as an excerpt, with its size and SHA-256 in the
	 * reason and in headers. A letter Kafka refuses for good (not for a passing reason)
	 * is logged with its reason, counted and skipped, so it cannot stop the stream; a
	 * passing failure (Kafka unreachable) is signalled, for the caller to try again.
	 * @param deadLetter what to set aside
	 * @return completion
	 */
	public Mono<Void> publish(DeadLetter deadLetter) {
		String json = MentionJson.write(deadLetter);
		ProducerRecord<String, String> record;
		// The original bytes: the text's own, or those a base64 payload stands for.
		byte[] payload = deadLetter.payloadBytes();
		if (json.length() * 3L > MAX_LETTER_BYTES && json.getBytes(StandardCharsets.UTF_8).length > MAX_LETTER_BYTES) {
			String sha256 = Sha256.hex(payload);
			String excerpt = excerpt(deadLetter.payload());
			if (DeadLetter.BASE64.equals(deadLetter.payloadEncoding())) {
				excerpt = excerpt.substring(0, excerpt.length() - excerpt.length() % 4);
			}
			DeadLetter bounded = new DeadLetter(deadLetter.source(),
					deadLetter.reason() + " (payload of " + payload.length + " bytes, SHA-256 " + sha256
							+ ", kept as its first " + excerpt.length() + " characters)",
					excerpt, deadLetter.occurredAt(), deadLetter.payloadEncoding());
			record = new ProducerRecord<>(KafkaTopicNames.DEAD_LETTERS, deadLetter.source(),
					MentionJson.write(bounded));
			record.headers().add(PAYLOAD_SHA256_HEADER, sha256.getBytes(StandardCharsets.US_ASCII));
			record.headers()
				.add(PAYLOAD_BYTES_HEADER, Long.toString(payload.length).getBytes(StandardCharsets.US_ASCII));
		}
		else {
			record = new ProducerRecord<>(KafkaTopicNames.DEAD_LETTERS, deadLetter.source(), json);
		}
		return this.sender.send(Mono.just(SenderRecord.create(record, deadLetter.source()))).doOnNext((result) -> {
			Counter.builder(PUBLISHED_METRIC)
				.description("Dead letters set aside on mentions.dlq")
				.tag("source", deadLetter.source())
				.register(this.meterRegistry)
				.increment();
			try (MDC.MDCCloseable source = MDC.putCloseable("sourceInstance", deadLetter.source())) {
				logger.warn("Dead letter from {}: {}", deadLetter.source(), deadLetter.reason());
			}
		}).then().onErrorResume(DeadLetterPublisher::refusedForGood, (ex) -> {
			this.unpublishable.increment();
			try (MDC.MDCCloseable source = MDC.putCloseable("sourceInstance", deadLetter.source())) {
				logger.error("Kafka refused a dead letter from {} for good, so it is only logged: {} ({} bytes): {}",
						deadLetter.source(), deadLetter.reason(), payload.length, ex.toString());
			}
			return Mono.empty();
		});
	}

	/**
	 * Publish several dead letters; completes once Kafka has acknowledged them all.
	 * @param deadLetters what to set aside
	 * @return completion
	 */
	public Mono<Void> publishAll(Iterable<DeadLetter> deadLetters) {
		return Flux.fromIterable(deadLetters).concatMap(this::publish).then();
	}

	private static boolean refusedForGood(Throwable failure) {
		Throwable cause = failure;
		while (cause != null) {
			if (cause instanceof RetriableException || cause instanceof TimeoutException) {
				return false;
			}
			if (cause instanceof ApiException) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

	private static String excerpt(String payload) {
		int end = Math.min(payload.length(), EXCERPT_CHARS);
		if (end > 0 && end < payload.length() && Character.isHighSurrogate(payload.charAt(end - 1))) {
			end--;
		}
		return payload.substring(0, end);
	}

}
