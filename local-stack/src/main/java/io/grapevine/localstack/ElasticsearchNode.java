package io.grapevine.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A single-node Elasticsearch running as a child process from the minimal distribution;
 * as root it runs as the unprivileged user 65534, since Elasticsearch refuses to run as
 * root.
 */
final class ElasticsearchNode {

	static final int UNPRIVILEGED_ID = 65534;

	static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final ChildProcess process;

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String readiness;

	private ElasticsearchNode(ChildProcess process, int port, String readiness) {
		this.process = process;
		this.port = port;
		this.readiness = readiness;
	}

	/**
	 * Start the node; returns once the process runs, not once it is ready (see
	 * {@link #awaitReady(long)}).
	 */
	static ElasticsearchNode start(Path dataDirectory, int port, int transportPort) {
		return start(dataDirectory, "elasticsearch", port, transportPort, List.of());
	}

	/**
	 * Start a node named {@code name}, its files in {@code dataDirectory/name} and its
	 * log in {@code dataDirectory/name.log}: alone when {@code clusterTransportPorts} is
	 * empty, else one of the master-eligible nodes listening on those transport ports.
	 */
	static ElasticsearchNode start(Path dataDirectory, String name, int port, int transportPort,
			List<Integer> clusterTransportPorts) {
		Path distribution = ElasticsearchDistribution.home();
		boolean root = Jvm.isRoot();
		Path home = homeFor(dataDirectory, name, root);
		Path config = home.resolve("config");
		Path logs = home.resolve("logs");
		Path tmp = home.resolve("tmp");
		Path userHome = home.resolve("home");
		try {
			for (Path folder : List.of(config, home.resolve("data"), logs, tmp, userHome)) {
				Files.createDirectories(folder);
			}
			copyConfigOnce(distribution.resolve("config"), config);
			Files.writeString(config.resolve("elasticsearch.yml"),
					elasticsearchYml(home, name, port, transportPort, clusterTransportPorts));
			if (root) {
				giveToUnprivilegedUser(home);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the Elasticsearch folder " + home, ex);
		}
		List<String> command = root
				? List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID, "--clear-groups",
						distribution.resolve("bin/elasticsearch").toString())
				: List.of(distribution.resolve("bin/elasticsearch").toString());
		ProcessBuilder builder = new ProcessBuilder(command).directory(logs.toFile());
		Map<String, String> environment = builder.environment();
		environment.put("ES_JAVA_HOME", Jvm.home().toString());
		environment.put("ES_PATH_CONF", config.toString());
		environment.put("ES_JAVA_OPTS", "-Xms256m -Xmx256m");
		environment.put("ES_TMPDIR", tmp.toString());
		environment.put("HOME", userHome.toString());
		environment.remove("JAVA_HOME");
		environment.remove("CLASSPATH");
		ChildProcess process = ChildProcess.start(
				clusterTransportPorts.isEmpty() ? "Elasticsearch" : "Elasticsearch " + name, builder,
				dataDirectory.resolve(name + ".log"), dataDirectory.resolve(name + ".pid"));
		String readiness = clusterTransportPorts.isEmpty() ? "wait_for_status=yellow"
				: "wait_for_status=green&wait_for_nodes=" + clusterTransportPorts.size();
		return new ElasticsearchNode(process, port, readiness);
	}

	/**
	 * Return the folder for the node's config, data and logs: inside the data folder,
	 * unless this JVM is root and the unprivileged user cannot reach the data folder
	 * (under {@code /root}, say), then in a temporary folder named after it.
	 */
	static Path homeFor(Path dataDirectory, boolean root) {
		return homeFor(dataDirectory, "elasticsearch", root);
	}

	static Path homeFor(Path dataDirectory, String name, boolean root) {
		Path home = dataDirectory.resolve(name);
		if (!root || reachableByEveryone(dataDirectory)) {
			return home;
		}
		return Path.of(System.getProperty("java.io.tmpdir"),
				"grapevine-es-" + shortHash(dataDirectory.resolve(name).toString()));
	}

	private static boolean reachableByEveryone(Path folder) {
		try {
			for (Path each = folder; each != null; each = each.getParent()) {
				if (Files.exists(each)
						&& !Files.getPosixFilePermissions(each).contains(PosixFilePermission.OTHERS_EXECUTE)) {
					return false;
				}
			}
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String shortHash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Copy the distribution's config files (jvm.options, log4j2.properties, ...) unless
	 * an earlier run did; elasticsearch.yml is written at every start.
	 */
	private static void copyConfigOnce(Path source, Path target) throws IOException {
		if (Files.exists(target.resolve("jvm.options"))) {
			return;
		}
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : paths.toList()) {
				Path destination = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(destination);
				}
				else {
					Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static void giveToUnprivilegedUser(Path home) throws IOException {
		try (Stream<Path> paths = Files.walk(home)) {
			for (Path path : paths.toList()) {
				Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
				Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
			}
		}
	}

	static String elasticsearchYml(Path home, int port, int transportPort) {
		return elasticsearchYml(home, "local", port, transportPort, List.of());
	}

	static String elasticsearchYml(Path home, String name, int port, int transportPort,
			List<Integer> clusterTransportPorts) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("cluster.name", "grapevine-local");
		settings.put("node.name", name);
		settings.put("path.data", quoted(home.resolve("data").toString()));
		settings.put("path.logs", quoted(home.resolve("logs").toString()));
		settings.put("network.host", "127.0.0.1");
		settings.put("http.port", Integer.toString(port));
		settings.put("transport.port", Integer.toString(transportPort));
		if (clusterTransportPorts.isEmpty()) {
			settings.put("discovery.type", "single-node");
		}
		else {
			settings.put("discovery.seed_hosts",
					clusterTransportPorts.stream()
						.map((each) -> "\"127.0.0.1:" + each + "\"")
						.collect(Collectors.joining(", ", "[", "]")));
			settings.put("cluster.initial_master_nodes",
					IntStream.rangeClosed(1, clusterTransportPorts.size())
						.mapToObj((each) -> "\"elasticsearch-" + each + "\"")
						.collect(Collectors.joining(", ", "[", "]")));
		}
		settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
		// The minimal distribution has the security module: left on, it generates TLS
		// certificates and answers only HTTPS with a password.
		settings.put("xpack.security.enabled", "false");
		return settings.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ": " + entry.getValue())
			.collect(Collectors.joining("\n", "# Written by Grapevine local-stack at every start\n", "\n"));
	}

	private static String quoted(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/**
	 * Wait until the cluster health is at least yellow (green with every node, for a node
	 * of a cluster).
	 */
	void awaitReady(long deadlineNanos) {
		HttpRequest request = HttpRequest
			.newBuilder(uri().resolve("/_cluster/health?" + this.readiness + "&timeout=1s"))
			.timeout(Duration.ofSeconds(5))
			.build();
		String last = "no answer";
		while (true) {
			if (!this.process.isAlive()) {
				throw this.process.failure("exited during start-up");
			}
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					this.process.writePidFile();
					return;
				}
				last = "HTTP " + response.statusCode() + " " + response.body();
			}
			catch (ConnectException ex) {
				last = "connection refused";
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new LocalStackException("Interrupted while waiting for Elasticsearch", ex);
			}
			if (System.nanoTime() > deadlineNanos) {
				throw this.process.failure("was not healthy within " + STARTUP_TIMEOUT + " (" + last + ")");
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new LocalStackException("Interrupted while waiting for Elasticsearch", ex);
			}
		}
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	ChildProcess process() {
		return this.process;
	}

	void stop() {
		this.process.stop(Duration.ofSeconds(30));
	}

}
