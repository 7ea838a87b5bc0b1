package io.grapevine.ingest.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.ingest.source.Cursor;
import io.grapevine.kafka.GrapevineKafkaProperties;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.MentionJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Keeps the cursors of the source instances in the compacted topic
 * {@code ingest.cursors}, keyed by source instance id, as Kafka Connect keeps source
 * offsets.
 */
public class CursorStore {

	private static final Logger logger = LoggerFactory.getLogger(CursorStore.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private final ObjectMapper json = MentionJson.mapper();

	private final GrapevineKafkaProperties properties;

	private final KafkaSender<String, String> sender;

	public CursorStore(GrapevineKafkaProperties properties, KafkaSender<String, String> sender) {
		this.properties = properties;
		this.sender = sender;
	}

	/**
	 * Read every stored cursor, from the beginning of the topic to its end offsets at the
	 * time of the call.
	 * @return the latest cursor of each source instance
	 */
	public Mono<Map<String, Cursor>> restore() {
		return Mono.fromCallable(this::readAll).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Store a cursor; completes once Kafka has acknowledged it.
	 * @param cursor the cursor
	 * @return completion
	 */
	public Mono<Void> save(Cursor cursor) {
		ProducerRecord<String, String> record = new ProducerRecord<>(KafkaTopicNames.CURSORS, cursor.sourceInstance(),
				write(cursor));
		return this.sender.send(Mono.just(SenderRecord.create(record, cursor.sourceInstance()))).doOnNext((result) -> {
			if (result.exception() != null) {
				throw new CursorNotStoredException(cursor.sourceInstance(), result.exception());
			}
		}).then();
	}

	String write(Cursor cursor) {
		try {
			return this.json.writeValueAsString(cursor);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write the cursor of " + cursor.sourceInstance(), ex);
		}
	}

	private Map<String, Cursor> readAll() {
		Duration timeout = this.properties.startupTimeout();
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.properties.bootstrapServers(),
				ConsumerConfig.CLIENT_ID_CONFIG, "grapevine-ingest-cursors", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
				false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		Map<String, Cursor> cursors = new HashMap<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(KafkaTopicNames.CURSORS, timeout)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
			Instant deadline = Instant.now().plus(timeout);
			while (!reached(consumer, end)) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Could not read " + KafkaTopicNames.CURSORS + " to its end within "
							+ timeout.toSeconds() + "s");
				}
				for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
					read(record, cursors);
				}
			}
		}
		logger.info("Restored {} cursors from {}: {}", cursors.size(), KafkaTopicNames.CURSORS, cursors.keySet());
		return cursors;
	}

	private void read(ConsumerRecord<String, String> record, Map<String, Cursor> cursors) {
		if (record.key() == null) {
			return;
		}
		if (record.value() == null) {
			cursors.remove(record.key());
			return;
		}
		try {
			Cursor cursor = this.json.readValue(record.value(), Cursor.class);
			cursors.put(record.key(), cursor);
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			logger.warn("Ignoring an unreadable cursor of {} at {}-{}@{}: {}", record.key(), record.topic(),
					record.partition(), record.offset(), ex.getMessage());
		}
	}

	private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch((entry) -> consumer.position(entry.getKey()) >= entry.getValue());
	}

	/**
	 * Thrown when Kafka did not acknowledge a cursor.
	 */
	static class CursorNotStoredException extends RuntimeException {

		CursorNotStoredException(String instanceId, Exception cause) {
			super("Kafka did not store the cursor of " + instanceId + ": " + cause.getMessage(), cause);
		}

	}

}
