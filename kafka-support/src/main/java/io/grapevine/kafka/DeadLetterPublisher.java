package io.grapevine.kafka;

import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.MentionJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Sets aside what could not be used on {@code mentions.dlq}, with its source and reason,
 * so the pipeline goes on and nothing is lost.
 */
public class DeadLetterPublisher {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterPublisher.class);

	private final KafkaSender<String, String> sender;

	public DeadLetterPublisher(KafkaSender<String, String> sender) {
		this.sender = sender;
	}

	/**
	 * Publish a dead letter; completes once Kafka has acknowledged it.
	 * @param deadLetter what to set aside
	 * @return completion
	 */
	public Mono<Void> publish(DeadLetter deadLetter) {
		ProducerRecord<String, String> record = new ProducerRecord<>(KafkaTopicNames.DEAD_LETTERS, deadLetter.source(),
				MentionJson.write(deadLetter));
		return this.sender.send(Mono.just(SenderRecord.create(record, deadLetter.source())))
			.doOnNext((result) -> logger.warn("Dead letter from {}: {}", deadLetter.source(), deadLetter.reason()))
			.then();
	}

	/**
	 * Publish several dead letters; completes once Kafka has acknowledged them all.
	 * @param deadLetters what to set aside
	 * @return completion
	 */
	public Mono<Void> publishAll(Iterable<DeadLetter> deadLetters) {
		return Flux.fromIterable(deadLetters).concatMap(this::publish).then();
	}

}
