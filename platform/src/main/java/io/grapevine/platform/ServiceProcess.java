package io.grapevine.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Grapevine service running as a child process of the local run, from its executable
 * jar, with its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

	/** Heap and collector for a small local footprint; production sets its own. */
	static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-Xss512k",
			"-XX:ReservedCodeCacheSize=64m");

	private final String name;

	private final int port;

	private final Process process;

	private final Path log;

	private ServiceProcess(String name, int port, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	/**
	 * Start a service from {@code <repository>/<name>/target/<name>-*-exec.jar}.
	 * @param repository the repository root
	 * @param name the service's module name, e.g. {@code search-service}
	 * @param port the HTTP port
	 * @param environment its settings
	 * @param logDirectory where its log goes
	 * @return the started process (not yet healthy)
	 * @throws IOException if the jar is missing or the process cannot start
	 */
	public static ServiceProcess start(Path repository, String name, int port, Map<String, String> environment,
			Path logDirectory) throws IOException {
		Path jar = executableJar(repository, name);
		Path log = logDirectory.resolve(name + ".log");
		Files.createDirectories(logDirectory);
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(JVM_OPTIONS);
		command.add("-jar");
		command.add(jar.toString());
		ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		return new ServiceProcess(name, port, builder.start(), log);
	}

	static Path executableJar(Path repository, String name) throws IOException {
		Path target = repository.resolve(name).resolve("target");
		if (Files.isDirectory(target)) {
			try (var files = Files.list(target)) {
				var jar = files.filter((file) -> file.getFileName().toString().startsWith(name + "-"))
					.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
					.findFirst();
				if (jar.isPresent()) {
					return jar.get();
				}
			}
		}
		throw new IOException("No executable jar of " + name + " under " + target
				+ "; build the platform first with ./mvnw -DskipTests install");
	}

	/**
	 * Wait until the service reports itself healthy.
	 * @param timeout how long to wait
	 * @throws IOException with the end of its log if it died or did not become healthy
	 */
	public void awaitHealthy(Duration timeout) throws IOException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IOException(this.name + " exited with code " + this.process.exitValue() + ":\n" + tail());
			}
			try {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while waiting for " + this.name, ex);
			}
			sleep(Duration.ofMillis(500));
		}
		throw new IOException(this.name + " was not healthy after " + timeout.toSeconds() + "s:\n" + tail());
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	/**
	 * The service's base URL.
	 * @return e.g. {@code http://127.0.0.1:8080/}
	 */
	public String url() {
		return "http://127.0.0.1:" + this.port + "/";
	}

	/**
	 * The service's name.
	 * @return the module name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The process id, for memory reports.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Where the service logs.
	 * @return the log file
	 */
	public Path log() {
		return this.log;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	static void sleep(Duration duration) throws IOException {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

}
