package io.grapevine.ingest.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.grapevine.kafka.GrapevineKafkaAutoConfiguration;
import io.grapevine.kafka.GrapevineKafkaProperties;
import io.grapevine.listening.KafkaTopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the source instances this replica is given by the ingest replicas' consumer group
 * over {@code ingest.instances}: an instance belongs to the partition its id hashes to,
 * and runs where that partition is assigned, from the cursor stored in
 * {@code ingest.cursors}. In a rebalance every replica stops its instances, finishing the
 * page on its way to Kafka and storing its cursor, before any replica is given new ones;
 * a replica that dies without a word loses its instances to the others once the group's
 * session timeout has passed. Each instance loops on its own, so one failing does not
 * stop the others.
 */
public class IngestPipeline implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(IngestPipeline.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private final CursorStore cursors;

	private final Map<String, SourceRunner> runners;

	private final GrapevineKafkaProperties kafka;

	private final IngestGroupProperties group;

	private volatile Thread member;

	private volatile KafkaConsumer<String, String> consumer;

	private volatile boolean closing;

	/** The instances running here; touched by the member thread only. */
	private Running running;

	IngestPipeline(CursorStore cursors, List<SourceRunner> runners, GrapevineKafkaProperties kafka,
			IngestGroupProperties group) {
		this.cursors = cursors;
		this.runners = runners.stream()
			.collect(Collectors.toMap(SourceRunner::instanceId, (runner) -> runner, (a, b) -> a,
					java.util.TreeMap::new));
		this.kafka = kafka;
		this.group = group;
	}

	@Override
	public void start() {
		if (this.runners.isEmpty()) {
			logger.warn(
					"No source is enabled; declare instances under sources in the organization file (or set grapevine.ingest.demo.enabled for the demo sample)");
		}
		this.closing = false;
		Thread thread = new Thread(this::member, "ingest-group-member");
		this.member = thread;
		thread.start();
	}

	/**
	 * Take part in the group until the service stops: the consumer's poll keeps this
	 * replica a member and runs the rebalance callbacks, which start and stop the
	 * instances.
	 */
	private void member() {
		while (!this.closing) {
			KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig());
			this.consumer = consumer;
			try {
				consumer.subscribe(List.of(KafkaTopicNames.SOURCE_INSTANCES), new Rebalance(consumer));
				while (!this.closing) {
					consumer.poll(POLL);
				}
			}
			catch (WakeupException ex) {
				// The service stops.
			}
			catch (KafkaException ex) {
				logger.error("The ingest group member failed; stopping this replica's source instances and joining"
						+ " the group {} again", this.group.id(), ex);
			}
			finally {
				// Stopped before the consumer leaves the group: the instances move to the
				// other replicas only once they no longer run here.
				stopRunning(true);
				this.consumer = null;
				consumer.close(Duration.ofSeconds(10));
			}
			if (!this.closing) {
				pause();
			}
		}
	}

	Map<String, Object> consumerConfig() {
		Map<String, Object> config = GrapevineKafkaAutoConfiguration.consumerConfig(this.kafka, this.group.id());
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "grapevine-ingest-group");
		config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(SourceInstanceAssignor.class));
		config.put(SourceInstanceAssignor.DECLARED_INSTANCES_CONFIG, List.copyOf(this.runners.keySet()));
		config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) this.group.sessionTimeout().toMillis());
		config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
				(int) Math.min(3_000, this.group.sessionTimeout().toMillis() / 5));
		config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) this.group.rebalanceTimeout().toMillis());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		return config;
	}

	/**
	 * Start the instances of the assigned partitions from their stored cursors, read
	 * afresh: the previous owner stored its last cursor before the rebalance ended.
	 */
	private void startRunning(Collection<TopicPartition> partitions, int partitionCount) {
		Set<Integer> assigned = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
		List<SourceRunner> mine = this.runners.values()
			.stream()
			.filter((runner) -> assigned
				.contains(SourceInstanceAssignor.partitionOf(runner.instanceId(), partitionCount)))
			.toList();
		logger.info("This replica runs source instances {} (partitions {} of {})",
				mine.stream().map(SourceRunner::instanceId).toList(), assigned, KafkaTopicNames.SOURCE_INSTANCES);
		if (mine.isEmpty()) {
			return;
		}
		Sinks.Empty<Void> stop = Sinks.empty();
		CompletableFuture<Void> done = new CompletableFuture<>();
		Disposable loops = this.cursors.restore()
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
				.maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry((signal) -> logger.warn("Could not restore cursors from {}, retrying: {}",
						KafkaTopicNames.CURSORS, signal.failure().getMessage())))
			.flatMapMany((stored) -> Flux.merge(mine.stream()
				.map((runner) -> runner.run(Optional.ofNullable(stored.get(runner.instanceId())), stop.asMono()))
				.toList()))
			.doFinally((signal) -> done.complete(null))
			.subscribe(null, (ex) -> logger.error("The source instances of this replica stopped", ex));
		this.running = new Running(mine.stream().map(SourceRunner::instanceId).toList(), stop, loops, done);
	}

	/**
	 * Stop the instances running here: gracefully (the page on its way to Kafka and its
	 * cursor first, within the stop grace) or at once.
	 */
	private void stopRunning(boolean gracefully) {
		Running current = this.running;
		this.running = null;
		if (current == null) {
			return;
		}
		long started = System.nanoTime();
		if (gracefully) {
			current.stop().tryEmitEmpty();
			// This thread is the consumer's: the group waits for it before handing the
			// instances to another replica, which is the point.
			if (!await(current.done(), this.group.stopGrace())) {
				logger.warn("Source instances {} did not stop within {}; cancelling them", current.instances(),
						this.group.stopGrace());
			}
		}
		current.loops().dispose();
		await(current.done(), Duration.ofSeconds(5));
		logger.info("This replica stopped source instances {} in {} ms", current.instances(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	private static boolean await(CompletableFuture<Void> done, Duration timeout) {
		try {
			done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void pause() {
		try {
			Thread.sleep(1_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		this.closing = true;
		KafkaConsumer<String, String> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		Thread thread = this.member;
		if (thread != null) {
			try {
				thread.join(this.group.stopGrace().plusSeconds(35).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.member = null;
	}

	@Override
	public boolean isRunning() {
		Thread thread = this.member;
		return thread != null && thread.isAlive();
	}

	/**
	 * Starts and stops the instances as the group assigns and revokes partitions; Kafka
	 * calls it on the member thread, inside {@code poll}.
	 */
	private final class Rebalance implements ConsumerRebalanceListener {

		private final KafkaConsumer<String, String> consumer;

		Rebalance(KafkaConsumer<String, String> consumer) {
			this.consumer = consumer;
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			stopRunning(true);
		}

		@Override
		public void onPartitionsLost(Collection<TopicPartition> partitions) {
			// Another replica may run them already: stop at once rather than store a
			// cursor behind its back.
			logger.warn("This replica lost its place in the ingest group {}; stopping its source instances at once",
					IngestPipeline.this.group.id());
			stopRunning(false);
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			stopRunning(true);
			// Nothing is read from the topic: its partitions only say which instances
			// run here.
			this.consumer.pause(partitions);
			if (partitions.isEmpty()) {
				logger.info("This replica runs no source instance: the other replicas of the group {} run them",
						IngestPipeline.this.group.id());
				return;
			}
			int partitionCount = this.consumer.partitionsFor(KafkaTopicNames.SOURCE_INSTANCES).size();
			startRunning(partitions, partitionCount);
		}

	}

	/**
	 * The instances running here and how to stop them.
	 */
	private record Running(List<String> instances, Sinks.Empty<Void> stop, Disposable loops,
			CompletableFuture<Void> done) {
	}

}
