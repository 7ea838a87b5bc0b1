package io.grapevine.digest.alerting;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;

/**
 * Reads the {@code mentions} topic live in the consumer group {@code digest-alerts},
 * feeds each mention to the {@link StormDetector}, archives and sends the alerts it
 * raises, and only then acknowledges the record, so offsets are committed after
 * processing; a timer closes storms that calmed down and rereads the mutes.
 */
public class MentionAlertConsumer implements SmartLifecycle {

	/** The consumer group. */
	public static final String GROUP = "digest-alerts";

	private static final Logger logger = LoggerFactory.getLogger(MentionAlertConsumer.class);

	private final String bootstrapServers;

	private final StormDetector detector;

	private final AlertArchive archive;

	private final AlertNotifier notifier;

	private final AlertMutes mutes;

	private final Duration tick;

	private volatile Disposable consuming;

	private volatile Disposable ticking;

	/**
	 * Create a consumer.
	 * @param bootstrapServers the Kafka brokers
	 * @param detector the detector
	 * @param archive the alert archive
	 * @param notifier sends alerts
	 * @param mutes the mutes, reread from the archive at every tick
	 * @param tick how often open storms are checked without new mentions
	 */
	public MentionAlertConsumer(String bootstrapServers, StormDetector detector, AlertArchive archive,
			AlertNotifier notifier, AlertMutes mutes, Duration tick) {
		this.bootstrapServers = bootstrapServers;
		this.detector = detector;
		this.archive = archive;
		this.notifier = notifier;
		this.mutes = mutes;
		this.tick = tick;
	}

	@Override
	public void start() {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		ReceiverOptions<String, String> options = ReceiverOptions.<String, String>create(config)
			.subscription(List.of(KafkaTopicNames.MENTIONS))
			.commitInterval(Duration.ofSeconds(1))
			.addAssignListener((partitions) -> logger.info("Alerts read {}", partitions));
		this.consuming = KafkaReceiver.create(options)
			.receive()
			.concatMap((record) -> process(record).doFinally((signal) -> record.receiverOffset().acknowledge()))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
			.subscribe();
		this.ticking = Flux.interval(this.tick)
			.onBackpressureDrop()
			.concatMap((n) -> this.archive.mutes()
				.doOnNext((stored) -> stored.forEach(this.mutes::mute))
				.onErrorResume((ex) -> Mono.empty())
				.thenMany(Flux.defer(() -> Flux.fromIterable(tick())))
				.concatMap(this::raise))
			.subscribe();
		logger.info("Alerts read '{}' as consumer group '{}'", KafkaTopicNames.MENTIONS, GROUP);
	}

	private List<Alert> tick() {
		synchronized (this.detector) {
			return this.detector.tick();
		}
	}

	private Mono<Void> process(ConsumerRecord<String, String> record) {
		Mention mention;
		try {
			mention = MentionJson.readMention(record.value());
		}
		catch (RuntimeException ex) {
			logger.warn("Alerts skip the record at {}-{} offset {}: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
			return Mono.empty();
		}
		List<Alert> alerts;
		synchronized (this.detector) {
			alerts = this.detector.accept(mention);
		}
		return Flux.fromIterable(alerts).concatMap(this::raise).then();
	}

	private Mono<Void> raise(Alert alert) {
		logger.info("Alert {} ({} {}) on topic {}: {} mention(s) in the window, {} expected", alert.messageId(),
				alert.kind(), alert.state(), alert.topicId(), alert.count(), alert.expected());
		return this.archive.save(alert).onErrorResume((ex) -> {
			logger.warn("Alert {} not archived: {}", alert.id(), ex.getMessage());
			return Mono.empty();
		}).then(this.notifier.send(alert));
	}

	@Override
	public void stop() {
		if (this.ticking != null) {
			this.ticking.dispose();
		}
		if (this.consuming != null) {
			this.consuming.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.consuming != null && !this.consuming.isDisposed();
	}

}
