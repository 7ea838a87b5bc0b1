package io.grapevine.digest.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverPartition;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of the {@code mentions} topic live, from one window back, and
 * feeds each mention to the {@link StormDetector}; each replica so counts every mention
 * and misses no spike however the partitions are spread. Before a storm message is raised
 * the alert archive decides which replica raises it, so each is sent once; a timer closes
 * storms that calmed down, rereads the mutes and refreshes the baseline once an hour.
 * <p>
 * The consumer is assigned its partitions rather than joining a consumer group, and
 * commits nothing: a replica that starts reads the last window again, which the detector
 * counts once per mention id. Partitions added to the topic are read after a restart.
 */
public class MentionAlertConsumer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(MentionAlertConsumer.class);

	/**
	 * The timer of alerts raised by a mention, from the mention's publication on Kafka
	 * until the alert's messages were tried.
	 */
	public static final String LATENCY_METRIC = "grapevine.alerts.latency";

	private final String bootstrapServers;

	private final StormDetector detector;

	private final AlertArchive archive;

	private final AlertNotifier notifier;

	private final AlertMutes mutes;

	private final Baseline baseline;

	private final BaselineLoader baselineLoader;

	private final Clock clock;

	private final Duration window;

	private final Duration tick;

	private final MeterRegistry meterRegistry;

	private volatile Disposable consuming;

	private volatile Disposable ticking;

	/**
	 * Create a consumer.
	 * @param bootstrapServers the Kafka brokers
	 * @param detector the detector
	 * @param archive the alert archive
	 * @param notifier sends alerts
	 * @param mutes the mutes, reread from the archive at every tick
	 * @param baseline the baseline, read before the first mention and every hour
	 * @param baselineLoader reads the baseline
	 * @param clock the clock
	 * @param window how far back the detector counts, read again at start
	 * @param tick how often open storms are checked without new mentions
	 * @param meterRegistry where {@value #LATENCY_METRIC} is recorded
	 */
	public MentionAlertConsumer(String bootstrapServers, StormDetector detector, AlertArchive archive,
			AlertNotifier notifier, AlertMutes mutes, Baseline baseline, BaselineLoader baselineLoader, Clock clock,
			Duration window, Duration tick, MeterRegistry meterRegistry) {
		this.bootstrapServers = bootstrapServers;
		this.meterRegistry = meterRegistry;
		this.detector = detector;
		this.archive = archive;
		this.notifier = notifier;
		this.mutes = mutes;
		this.baseline = baseline;
		this.baselineLoader = baselineLoader;
		this.clock = clock;
		this.window = window;
		this.tick = tick;
	}

	@Override
	public void start() {
		this.consuming = this.baselineLoader.load(this.baseline).onErrorResume((ex) -> {
			logger.warn("Alert baselines start empty and are read again within the hour: {}", ex.getMessage());
			return Mono.just(0);
		})
			.thenMany(Flux.defer(this::receive))
			.concatMap(this::process)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
				.maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry((retry) -> logger.warn("Alerts read '{}' again after: {}", KafkaTopicNames.MENTIONS,
						retry.failure().getMessage())))
			.subscribe();
		this.ticking = Flux.interval(this.tick)
			.onBackpressureDrop()
			.concatMap((n) -> this.archive.mutes()
				.doOnNext(this.mutes::replaceWith)
				.onErrorResume((ex) -> Mono.empty())
				.then(this.baselineLoader.refreshIfStale(this.baseline).onErrorResume((ex) -> {
					logger.warn("Alert baselines not refreshed, tried again at the next tick: {}", ex.getMessage());
					return Mono.empty();
				}))
				.thenMany(Flux.defer(() -> Flux.fromIterable(tick())))
				.concatMap(this::raise))
			.subscribe();
	}

	private Flux<ConsumerRecord<String, String>> receive() {
		return partitions().flatMapMany((partitions) -> {
			Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
					ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
					ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
					ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			ReceiverOptions<String, String> options = ReceiverOptions.<String, String>create(config)
				.assignment(partitions)
				.addAssignListener(this::seekOneWindowBack);
			return KafkaReceiver.create(options).receive().map((record) -> (ConsumerRecord<String, String>) record);
		});
	}

	private void seekOneWindowBack(Collection<ReceiverPartition> partitions) {
		Instant since = this.clock.instant().minus(this.window);
		partitions.forEach((partition) -> partition.seekToTimestamp(since.toEpochMilli()));
		logger.info("Alerts read {} partition(s) of '{}' from {} on, every replica all of them", partitions.size(),
				KafkaTopicNames.MENTIONS, since);
	}

	private Mono<List<TopicPartition>> partitions() {
		return Mono.fromCallable(() -> {
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
					AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
				TopicDescription topic = admin.describeTopics(List.of(KafkaTopicNames.MENTIONS))
					.allTopicNames()
					.get()
					.get(KafkaTopicNames.MENTIONS);
				return topic.partitions()
					.stream()
					.map((partition) -> new TopicPartition(KafkaTopicNames.MENTIONS, partition.partition()))
					.toList();
			}
		}).subscribeOn(Schedulers.boundedElastic());
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
		return alerts.isEmpty() ? Mono.empty()
				: Flux.fromIterable(alerts)
					.concatMap((alert) -> raise(alert).doOnSuccess((done) -> latency(alert, record)))
					.then();
	}

	private void latency(Alert alert, ConsumerRecord<String, String> record) {
		Duration latency = Duration.between(Instant.ofEpochMilli(record.timestamp()), this.clock.instant());
		Timer.builder(LATENCY_METRIC)
			.description("From the publication of the mention that raised an alert until its messages were tried")
			.tag("kind", alert.kind().name().toLowerCase(java.util.Locale.ROOT))
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(Duration.ofHours(1))
			.register(this.meterRegistry)
			.record(latency.isNegative() ? Duration.ZERO : latency);
	}

	private Mono<Void> raise(Alert alert) {
		return muted(alert).flatMap((muted) -> {
			if (muted) {
				logger.info("Alert {} ({} {}) on topic {} not raised: the topic is muted", alert.messageId(),
						alert.kind(), alert.state(), alert.topicId());
				forget(alert);
				return Mono.<Void>empty();
			}
			if (alert.kind() == Alert.Kind.REACH) {
				// Its id is the mention's: every replica raises the same alert, and the
				// delivery ledger lets one of them send it.
				return archiveAndSend(alert);
			}
			return this.archive.claim(alert, this.window.multipliedBy(2)).flatMap((claim) -> {
				if (!claim.raise()) {
					synchronized (this.detector) {
						this.detector.follow(claim.current());
					}
					logger.debug("Alert {} raised by another replica as {}", alert.messageId(),
							claim.current().messageId());
					return Mono.<Void>empty();
				}
				return archiveAndSend(alert);
			});
		}).onErrorResume((ex) -> {
			logger.warn("Alert {} on topic {} not raised, proposed again at the next mention: {}", alert.messageId(),
					alert.topicId(), ex.getMessage());
			forget(alert);
			return Mono.empty();
		});
	}

	private void forget(Alert alert) {
		if (alert.state() == Alert.State.OPENED) {
			synchronized (this.detector) {
				this.detector.forget(alert);
			}
		}
	}

	// The archive's mute is read by id, in real time, so a mute made on another
	// replica holds from the next alert on rather than from the next tick.
	private Mono<Boolean> muted(Alert alert) {
		if (alert.state() == Alert.State.OVER) {
			return Mono.just(false);
		}
		Instant now = this.clock.instant();
		return this.archive.mutedUntil(alert.topicId()).map((until) -> {
			until.ifPresentOrElse((end) -> this.mutes.mute(alert.topicId(), end),
					() -> this.mutes.unmute(alert.topicId()));
			return this.mutes.muted(alert.topicId(), now);
		}).onErrorResume((ex) -> Mono.just(this.mutes.muted(alert.topicId(), now)));
	}

	private Mono<Void> archiveAndSend(Alert alert) {
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
