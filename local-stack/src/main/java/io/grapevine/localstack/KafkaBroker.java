package io.grapevine.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A KRaft Kafka broker (broker and controller in one JVM) running as a child process from
 * the {@code kafka_2.13} jars in the local Maven repository.
 */
final class KafkaBroker {

	private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";

	static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private final ChildProcess process;

	private final int port;

	private KafkaBroker(ChildProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Format the storage if needed and start the broker; returns once the process runs,
	 * not once it is ready (see {@link #awaitReady(long)}).
	 */
	static KafkaBroker start(Path dataDirectory, int port, int controllerPort) {
		return start(dataDirectory, "kafka", Node.single(port, controllerPort), newClusterId());
	}

	/**
	 * Format the storage if needed and start one broker of a cluster in
	 * {@code dataDirectory/name}, its log in {@code dataDirectory/name.log}; returns once
	 * the process runs.
	 */
	static KafkaBroker start(Path dataDirectory, String name, Node node, String clusterId) {
		Path home = dataDirectory.resolve(name);
		Path logDirectory = home.resolve("data");
		Path properties = home.resolve("server.properties");
		try {
			Files.createDirectories(logDirectory);
			Files.writeString(properties, serverProperties(logDirectory, node));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the Kafka folder " + home, ex);
		}
		String classpath = brokerClasspath();
		// A folder formatted by an earlier run keeps its cluster id and topics.
		if (!Files.exists(logDirectory.resolve("meta.properties"))) {
			ChildProcess.run("Kafka storage format",
					java(classpath, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties.toString())
						.directory(home.toFile()),
					dataDirectory.resolve(name + "-format.log"), Duration.ofSeconds(60));
		}
		ChildProcess process = ChildProcess.start("Kafka broker " + node.id(),
				java(classpath, "kafka.Kafka", properties.toString()).directory(home.toFile()),
				dataDirectory.resolve(name + ".log"), dataDirectory.resolve(name + ".pid"));
		return new KafkaBroker(process, node.port());
	}

	static String serverProperties(Path logDirectory, int port, int controllerPort) {
		return serverProperties(logDirectory, Node.single(port, controllerPort));
	}

	static String serverProperties(Path logDirectory, Node node) {
		String replication = Integer.toString(node.replication());
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", Integer.toString(node.id()));
		properties.put("controller.quorum.voters", node.voters());
		properties.put("listeners",
				"PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
		properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.port());
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("log.dirs", logDirectory.toString());
		properties.put("num.partitions", "1");
		properties.put("offsets.topic.replication.factor", replication);
		properties.put("offsets.topic.num.partitions", "1");
		properties.put("transaction.state.log.replication.factor", replication);
		properties.put("transaction.state.log.min.isr", Integer.toString(node.minInsyncReplicas()));
		properties.put("transaction.state.log.num.partitions", "1");
		properties.put("group.initial.rebalance.delay.ms", "0");
		if (node.replication() > 1) {
			// A cluster as production runs it: every topic on three brokers, a write
			// acknowledged by two, so one broker may be lost without losing or refusing
			// a write.
			properties.put("default.replication.factor", replication);
			properties.put("min.insync.replicas", Integer.toString(node.minInsyncReplicas()));
			// Few cores here: a killed broker is noticed and its partitions led by
			// another within seconds.
			properties.put("broker.session.timeout.ms", "6000");
			properties.put("broker.heartbeat.interval.ms", "1000");
			properties.put("num.network.threads", "2");
			properties.put("num.io.threads", "2");
			properties.put("num.replica.fetchers", "1");
			properties.put("background.threads", "2");
		}
		return properties.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + escape(entry.getValue()))
			.collect(Collectors.joining("\n", "# Written by Grapevine local-stack at every start\n", "\n"));
	}

	/**
	 * One KRaft node (broker and controller) of a cluster of {@code replication} nodes.
	 *
	 * @param id the node id, from 1
	 * @param port the PLAINTEXT port
	 * @param controllerPort the CONTROLLER port
	 * @param voters the controller quorum, {@code id@host:port,...}
	 * @param replication the replication of the internal and new topics
	 */
	record Node(int id, int port, int controllerPort, String voters, int replication) {

		static Node single(int port, int controllerPort) {
			return new Node(1, port, controllerPort, "1@127.0.0.1:" + controllerPort, 1);
		}

		int minInsyncReplicas() {
			return (this.replication >= 3) ? 2 : 1;
		}

	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\");
	}

	/**
	 * Return a new cluster id: 16 random bytes in URL-safe Base64 without padding, as
	 * {@code kafka-storage random-uuid} prints.
	 */
	static String newClusterId() {
		SecureRandom random = new SecureRandom();
		byte[] bytes = new byte[16];
		String id;
		// An id starting with '-' reads as an option to the storage tool's parser
		// (Kafka's
		// own Uuid.randomUuid() skips those too).
		do {
			random.nextBytes(bytes);
			id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
		while (id.startsWith("-"));
		return id;
	}

	private static ProcessBuilder java(String classpath, String mainClass, String... arguments) {
		List<String> command = new ArrayList<>(List.of(Jvm.java().toString(), "-Xms128m", "-Xmx384m", "-XX:+UseG1GC",
				"-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.logFile=System.out",
				"-Dorg.slf4j.simpleLogger.showDateTime=true",
				"-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS", "-cp", classpath, mainClass));
		command.addAll(Arrays.asList(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("CLASSPATH");
		return builder;
	}

	static String brokerClasspath() {
		String classpath = resource(CLASSPATH_RESOURCE).trim();
		List<String> missing = Arrays.stream(classpath.split(java.io.File.pathSeparator))
			.filter((entry) -> !Files.isRegularFile(Path.of(entry)))
			.toList();
		if (classpath.isEmpty() || !missing.isEmpty()) {
			throw new LocalStackException("The Kafka broker jars are not in the local Maven repository (missing "
					+ missing + "): build local-stack again with './mvnw -pl local-stack install'");
		}
		return classpath;
	}

	static String resource(String name) {
		try (InputStream input = KafkaBroker.class.getResourceAsStream(name)) {
			if (input == null) {
				throw new LocalStackException("The resource io/grapevine/localstack/" + name
						+ " is missing: build local-stack with Maven, which writes it");
			}
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the resource " + name, ex);
		}
	}

	/**
	 * Wait until the broker accepts connections and answers a describe-cluster request.
	 */
	void awaitReady(long deadlineNanos) {
		awaitPort(deadlineNanos);
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "grapevine-local-stack-health");
		try (Admin admin = Admin.create(config)) {
			while (true) {
				checkAlive();
				try {
					admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
					return;
				}
				catch (ExecutionException | TimeoutException ex) {
					if (System.nanoTime() > deadlineNanos) {
						throw this.process.failure("did not answer within " + STARTUP_TIMEOUT + ": " + ex);
					}
					pause();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new LocalStackException("Interrupted while waiting for the Kafka broker", ex);
				}
			}
		}
	}

	private void awaitPort(long deadlineNanos) {
		while (true) {
			checkAlive();
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
				return;
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadlineNanos) {
					throw this.process.failure("did not listen on port " + this.port + " within " + STARTUP_TIMEOUT);
				}
				pause();
			}
		}
	}

	private void checkAlive() {
		if (!this.process.isAlive()) {
			throw this.process.failure("exited during start-up");
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalStackException("Interrupted while waiting for the Kafka broker", ex);
		}
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	ChildProcess process() {
		return this.process;
	}

	void stop() {
		this.process.stop(Duration.ofSeconds(30));
	}

}
