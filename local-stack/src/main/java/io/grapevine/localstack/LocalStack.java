package io.grapevine.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker and a real Elasticsearch node running as child processes on
 * 127.0.0.1, stopped by {@link #close()}, Ctrl-C or the end of the JVM.
 * <p>
 * Both run with the {@code java} of this JVM from the jars and the distribution zip in
 * the local Maven repository; as root, Elasticsearch (which refuses root) runs as user
 * 65534 through {@code setpriv}.
 */
public final class LocalStack implements RunningStack, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalStack.class);

	private final Path dataDirectory;

	private final FileChannel lockChannel;

	private final KafkaBroker kafka;

	private final ElasticsearchNode elasticsearch;

	private final Duration startupTime;

	private final Thread shutdownHook;

	private final AtomicBoolean closed = new AtomicBoolean();

	private LocalStack(Path dataDirectory, FileChannel lockChannel, KafkaBroker kafka, ElasticsearchNode elasticsearch,
			Duration startupTime) {
		this.dataDirectory = dataDirectory;
		this.lockChannel = lockChannel;
		this.kafka = kafka;
		this.elasticsearch = elasticsearch;
		this.startupTime = startupTime;
		this.shutdownHook = new Thread(this::stop, "local-stack-shutdown");
	}

	/**
	 * Start Kafka and Elasticsearch and wait until both are healthy.
	 * @param options where to keep the data and which ports to use
	 * @return the running stack, to close when done
	 * @throws LocalStackException if either server does not start, with the end of its
	 * log
	 */
	public static LocalStack start(LocalStackOptions options) {
		long started = System.nanoTime();
		Path data = options.dataDirectory();
		FileChannel lock = lock(data);
		List<Runnable> stopOnFailure = new ArrayList<>();
		try {
			ChildProcess.stopLeftovers("Elasticsearch", data.resolve("elasticsearch.pid"));
			ChildProcess.stopLeftovers("Kafka broker", data.resolve("kafka.pid"));
			int kafkaPort = port(options.kafkaPort(), "Kafka");
			int elasticsearchPort = port(options.elasticsearchPort(), "Elasticsearch");
			// Elasticsearch takes longest: it boots while the broker is formatted and
			// started.
			ElasticsearchNode elasticsearch = ElasticsearchNode.start(data, elasticsearchPort,
					port(0, "Elasticsearch transport"));
			stopOnFailure.add(elasticsearch::stop);
			KafkaBroker kafka = KafkaBroker.start(data, kafkaPort, port(0, "Kafka controller"));
			stopOnFailure.add(kafka::stop);
			long kafkaDeadline = System.nanoTime() + KafkaBroker.STARTUP_TIMEOUT.toNanos();
			long elasticsearchDeadline = started + ElasticsearchNode.STARTUP_TIMEOUT.toNanos();
			kafka.awaitReady(kafkaDeadline);
			elasticsearch.awaitReady(elasticsearchDeadline);
			LocalStack stack = new LocalStack(data, lock, kafka, elasticsearch,
					Duration.ofNanos(System.nanoTime() - started));
			Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
			logger.info("Local stack in {} started in {} ms: Kafka at {}, Elasticsearch at {}", data,
					stack.startupTime.toMillis(), stack.kafkaBootstrapServers(), stack.elasticsearchUri());
			return stack;
		}
		catch (RuntimeException ex) {
			stopOnFailure.forEach(LocalStack::quietly);
			release(lock);
			throw ex;
		}
	}

	static FileChannel lock(Path data) {
		try {
			Files.createDirectories(data);
			FileChannel channel = FileChannel.open(data.resolve(".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				channel.close();
				throw new LocalStackException(
						"Another local stack is running in " + data + ": stop it or choose another data folder");
			}
			return channel;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not lock the data folder " + data, ex);
		}
	}

	static void release(FileChannel lock) {
		try {
			lock.close();
		}
		catch (IOException ex) {
			logger.warn("Could not release the lock of the local stack", ex);
		}
	}

	/**
	 * Return {@code port}, checked to be free, or a free port when it is 0.
	 */
	static int port(int port, String purpose) {
		try (ServerSocket socket = new ServerSocket()) {
			// As Kafka and Elasticsearch bind: connections of a run stopped a moment ago
			// linger in TIME_WAIT and must not make a free port look taken; a port
			// something listens on still fails.
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new LocalStackException("Port " + port + " for " + purpose + " is in use on 127.0.0.1: stop what uses"
					+ " it or choose another port", ex);
		}
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	@Override
	public URI elasticsearchUri() {
		return this.elasticsearch.uri();
	}

	/**
	 * Return the pids of the Kafka broker JVM and of the Elasticsearch JVMs (launcher and
	 * server), for memory reports.
	 * @return the pids of the processes still running
	 */
	public List<Long> pids() {
		List<Long> pids = new ArrayList<>(this.kafka.process().pids());
		pids.addAll(this.elasticsearch.process().pids());
		return List.copyOf(pids);
	}

	/**
	 * Return how long {@link #start(LocalStackOptions)} took until both servers were
	 * healthy.
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
	 * Stop both servers, gracefully first, and wait until they are gone.
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
		logger.info("Stopping the local stack in {}", this.dataDirectory);
		Thread elasticsearchStop = new Thread(() -> quietly(this.elasticsearch::stop),
				"local-stack-stop-elasticsearch");
		elasticsearchStop.start();
		quietly(this.kafka::stop);
		try {
			elasticsearchStop.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		release(this.lockChannel);
	}

	private static void quietly(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not stop a server of the local stack", ex);
		}
	}

}
