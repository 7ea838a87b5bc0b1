package io.grapevine.localstack;

import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real cluster on 127.0.0.1, as production runs one: three Kafka brokers (KRaft, each
 * also a controller; topics replicated three times, a write acknowledged by two) and
 * three Elasticsearch nodes (every one master-eligible; one replica per shard), started
 * as child processes like {@link LocalStack} and stopped by {@link #close()}, Ctrl-C or
 * the end of the JVM. Any one broker and any one node may be killed and the cluster still
 * takes writes and answers reads.
 */
public final class LocalCluster implements RunningStack, AutoCloseable {

	/** Brokers and nodes of the cluster. */
	public static final int SIZE = 3;

	private static final Logger logger = LoggerFactory.getLogger(LocalCluster.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path dataDirectory;

	private final FileChannel lockChannel;

	private final List<KafkaBroker> brokers;

	private final List<ElasticsearchNode> nodes;

	private final Duration startupTime;

	private final Thread shutdownHook;

	private final AtomicBoolean closed = new AtomicBoolean();

	private LocalCluster(Path dataDirectory, FileChannel lockChannel, List<KafkaBroker> brokers,
			List<ElasticsearchNode> nodes, Duration startupTime) {
		this.dataDirectory = dataDirectory;
		this.lockChannel = lockChannel;
		this.brokers = brokers;
		this.nodes = nodes;
		this.startupTime = startupTime;
		this.shutdownHook = new Thread(this::stop, "local-cluster-shutdown");
	}

	/**
	 * Start three brokers and three nodes and wait until Kafka answers and Elasticsearch
	 * is green with all three nodes.
	 * @param options where to keep the data; a port other than 0 is the first of three
	 * consecutive ports
	 * @return the running cluster, to close when done
	 * @throws LocalStackException if a server does not start, with the end of its log
	 */
	public static LocalCluster start(LocalStackOptions options) {
		long started = System.nanoTime();
		Path data = options.dataDirectory();
		FileChannel lock = LocalStack.lock(data);
		List<Runnable> stopOnFailure = new ArrayList<>();
		try {
			for (int i = 1; i <= SIZE; i++) {
				ChildProcess.stopLeftovers("Elasticsearch " + i, data.resolve("elasticsearch-" + i + ".pid"));
				ChildProcess.stopLeftovers("Kafka broker " + i, data.resolve("kafka-" + i + ".pid"));
			}
			Set<Integer> taken = new HashSet<>();
			List<Integer> httpPorts = ports(options.elasticsearchPort(), "Elasticsearch", taken);
			List<Integer> transportPorts = ports(0, "Elasticsearch transport", taken);
			List<Integer> kafkaPorts = ports(options.kafkaPort(), "Kafka", taken);
			List<Integer> controllerPorts = ports(0, "Kafka controller", taken);
			// Elasticsearch takes longest: its nodes boot while the brokers are formatted
			// and started.
			List<ElasticsearchNode> nodes = new ArrayList<>();
			for (int i = 0; i < SIZE; i++) {
				ElasticsearchNode node = ElasticsearchNode.start(data, "elasticsearch-" + (i + 1), httpPorts.get(i),
						transportPorts.get(i), transportPorts);
				stopOnFailure.add(node::stop);
				nodes.add(node);
			}
			String voters = IntStream.rangeClosed(1, SIZE)
				.mapToObj((id) -> id + "@127.0.0.1:" + controllerPorts.get(id - 1))
				.collect(Collectors.joining(","));
			String clusterId = KafkaBroker.newClusterId();
			List<KafkaBroker> brokers = new ArrayList<>();
			for (int i = 0; i < SIZE; i++) {
				KafkaBroker broker = KafkaBroker.start(data, "kafka-" + (i + 1),
						new KafkaBroker.Node(i + 1, kafkaPorts.get(i), controllerPorts.get(i), voters, SIZE),
						clusterId);
				stopOnFailure.add(broker::stop);
				brokers.add(broker);
			}
			// Six servers on a few cores: three times the time one of them is given
			// alone.
			long kafkaDeadline = System.nanoTime() + KafkaBroker.STARTUP_TIMEOUT.toNanos() * 3;
			for (KafkaBroker broker : brokers) {
				broker.awaitReady(kafkaDeadline);
			}
			long elasticsearchDeadline = started + ElasticsearchNode.STARTUP_TIMEOUT.toNanos() * 3;
			for (ElasticsearchNode node : nodes) {
				node.awaitReady(elasticsearchDeadline);
			}
			LocalCluster cluster = new LocalCluster(data, lock, List.copyOf(brokers), List.copyOf(nodes),
					Duration.ofNanos(System.nanoTime() - started));
			Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
			logger.info("Local cluster in {} started in {} ms: Kafka at {}, Elasticsearch at {}", data,
					cluster.startupTime.toMillis(), cluster.kafkaBootstrapServers(), cluster.elasticsearchUris());
			return cluster;
		}
		catch (RuntimeException ex) {
			stopOnFailure.forEach(LocalCluster::quietly);
			LocalStack.release(lock);
			throw ex;
		}
	}

	private static List<Integer> ports(int first, String purpose, Set<Integer> taken) {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < SIZE; i++) {
			ports.add((first == 0) ? unusedPort(purpose, taken) : LocalStack.port(first + i, purpose));
			taken.add(ports.get(i));
		}
		return List.copyOf(ports);
	}

	/**
	 * Return a free port below Linux's ephemeral range (32768 and up): a port that the
	 * system gives out, as {@code bind(0)} does, may be taken by a client's outgoing
	 * connection in the minute a node of the cluster needs to boot.
	 */
	private static int unusedPort(String purpose, Set<Integer> taken) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = 20_000 + RANDOM.nextInt(12_000);
			if (taken.contains(port)) {
				continue;
			}
			try {
				return LocalStack.port(port, purpose);
			}
			catch (LocalStackException ex) {
				// In use: try another.
			}
		}
		throw new LocalStackException("Found no free port between 20000 and 32000 for " + purpose);
	}

	/**
	 * Return the bootstrap servers: every broker, so that a client starts with any one of
	 * them down.
	 */
	@Override
	public String kafkaBootstrapServers() {
		return this.brokers.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
	}

	/**
	 * Return the first node's URI; see {@link #elasticsearchUris()} for all of them.
	 */
	@Override
	public URI elasticsearchUri() {
		return this.nodes.get(0).uri();
	}

	/**
	 * Return the HTTP URIs of the three nodes, for a client that fails over between them.
	 * @return the URIs, in node order
	 */
	public List<URI> elasticsearchUris() {
		return this.nodes.stream().map(ElasticsearchNode::uri).toList();
	}

	/**
	 * Kill one broker at once, as {@code kill -9} does.
	 * @param index the broker, from 0
	 */
	public void killKafkaBroker(int index) {
		logger.info("Killing Kafka broker {} ({})", index + 1, this.brokers.get(index).bootstrapServers());
		this.brokers.get(index).process().kill();
	}

	/**
	 * Kill one Elasticsearch node at once, as {@code kill -9} does.
	 * @param index the node, from 0
	 */
	public void killElasticsearchNode(int index) {
		logger.info("Killing Elasticsearch node {} ({})", index + 1, this.nodes.get(index).uri());
		this.nodes.get(index).process().kill();
	}

	/**
	 * Return the pids of the brokers and of the Elasticsearch JVMs still running.
	 * @return the pids
	 */
	public List<Long> pids() {
		List<Long> pids = new ArrayList<>();
		this.brokers.forEach((broker) -> pids.addAll(broker.process().pids()));
		this.nodes.forEach((node) -> pids.addAll(node.process().pids()));
		return List.copyOf(pids);
	}

	/**
	 * Return how long {@link #start(LocalStackOptions)} took until every server was
	 * ready.
	 * @return the start-up time
	 */
	public Duration startupTime() {
		return this.startupTime;
	}

	/**
	 * Return the folder that holds the data and logs.
	 * @return the data folder
	 */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/**
	 * Stop every server, gracefully first, and wait until they are gone.
	 */
	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down: the hook runs or ran stop().
		}
	}

	private void stop() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		logger.info("Stopping the local cluster in {}", this.dataDirectory);
		List<Thread> stopping = new ArrayList<>();
		this.nodes
			.forEach((node) -> stopping.add(new Thread(() -> quietly(node::stop), "local-cluster-stop-elasticsearch")));
		this.brokers
			.forEach((broker) -> stopping.add(new Thread(() -> quietly(broker::stop), "local-cluster-stop-kafka")));
		stopping.forEach(Thread::start);
		for (Thread thread : stopping) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		LocalStack.release(this.lockChannel);
	}

	private static void quietly(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not stop a server of the local cluster", ex);
		}
	}

}
