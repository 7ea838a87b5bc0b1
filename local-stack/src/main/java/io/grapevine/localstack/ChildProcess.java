package io.grapevine.localstack;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server running as a child process, with its output in a log file and its pids in a
 * pid file so that a later run can end it if this JVM dies without stopping it.
 */
final class ChildProcess {

	private static final Logger logger = LoggerFactory.getLogger(ChildProcess.class);

	private static final int LOG_TAIL_LINES = 40;

	private final String name;

	private final Process process;

	private final Path logFile;

	private final Path pidFile;

	private volatile List<ProcessHandle> known = List.of();

	private ChildProcess(String name, Process process, Path logFile, Path pidFile) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
		this.pidFile = pidFile;
	}

	/**
	 * Start a process whose output goes to {@code logFile} (replaced) and whose pids go
	 * to {@code pidFile}.
	 */
	static ChildProcess start(String name, ProcessBuilder builder, Path logFile, Path pidFile) {
		builder.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		try {
			ChildProcess child = new ChildProcess(name, builder.start(), logFile, pidFile);
			child.writePidFile();
			return child;
		}
		catch (IOException ex) {
			throw new LocalStackException("Could not start " + name + " with " + builder.command(), ex);
		}
	}

	/**
	 * Run a short command to completion, failing with its output when it does not exit
	 * with 0.
	 */
	static void run(String name, ProcessBuilder builder, Path logFile, Duration timeout) {
		builder.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		try {
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new LocalStackException(name + " did not finish within " + timeout + tail(logFile));
			}
			if (process.exitValue() != 0) {
				throw new LocalStackException(name + " failed with exit code " + process.exitValue() + tail(logFile));
			}
		}
		catch (IOException ex) {
			throw new LocalStackException("Could not run " + name + " with " + builder.command(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalStackException("Interrupted while running " + name, ex);
		}
	}

	String name() {
		return this.name;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Return the pid of the process and of every process it started.
	 */
	List<Long> pids() {
		return Stream.concat(Stream.of(this.process.toHandle()), this.process.descendants())
			.filter(ProcessHandle::isAlive)
			.map(ProcessHandle::pid)
			.toList();
	}

	/**
	 * Record the current pids, so that a later run can end them should this JVM be
	 * killed.
	 */
	void writePidFile() {
		this.known = Stream.concat(Stream.of(this.process.toHandle()), this.process.descendants()).toList();
		String lines = this.known.stream()
			.map(ChildProcess::pidLine)
			.flatMap(Optional::stream)
			.collect(Collectors.joining("\n", "", "\n"));
		try {
			Files.writeString(this.pidFile, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + this.pidFile, ex);
		}
	}

	/**
	 * Return a failure that explains what went wrong with the last lines of the log.
	 */
	LocalStackException failure(String problem) {
		return new LocalStackException(this.name + " " + problem + tail(this.logFile));
	}

	/**
	 * Stop the process and everything it started: gracefully, then forcibly after
	 * {@code grace}.
	 */
	void stop(Duration grace) {
		List<ProcessHandle> handles = new ArrayList<>();
		handles.add(this.process.toHandle());
		this.process.descendants().forEach(handles::add);
		// A server whose launcher died is no longer a descendant: the pids seen last
		// still
		// name it.
		this.known.stream().filter((handle) -> !handles.contains(handle)).forEach(handles::add);
		// Only the top process is asked to stop when it runs: a launcher (Elasticsearch's
		// CLI) stops its server itself, and reports a failure when the server is
		// signalled
		// behind its back.
		List<ProcessHandle> asked = this.process.isAlive() ? List.of(this.process.toHandle()) : handles;
		stop(this.name, asked, handles, grace);
		try {
			Files.deleteIfExists(this.pidFile);
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}", this.pidFile, ex);
		}
	}

	/**
	 * Kill the process and everything it started at once, as {@code kill -9} does, and
	 * wait until they are gone.
	 */
	void kill() {
		List<ProcessHandle> handles = new ArrayList<>();
		handles.add(this.process.toHandle());
		this.process.descendants().forEach(handles::add);
		handles.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle handle : handles) {
			try {
				handle.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception ex) {
				logger.warn("{} pid {} is still running after being killed", this.name, handle.pid());
			}
		}
	}

	/**
	 * End the processes listed in a pid file left by a run that did not stop them (its
	 * JVM was killed).
	 */
	static void stopLeftovers(String name, Path pidFile) {
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		List<ProcessHandle> leftovers = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(pidFile)) {
				leftover(line).ifPresent(leftovers::add);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + pidFile, ex);
		}
		for (ProcessHandle handle : List.copyOf(leftovers)) {
			handle.descendants().filter((descendant) -> !leftovers.contains(descendant)).forEach(leftovers::add);
		}
		if (!leftovers.isEmpty()) {
			logger.warn("Stopping {} left over from an earlier run: pids {}", name,
					leftovers.stream().map(ProcessHandle::pid).toList());
			stop(name, leftovers, leftovers, Duration.ofSeconds(20));
		}
		try {
			Files.deleteIfExists(pidFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + pidFile, ex);
		}
	}

	private static Optional<ProcessHandle> leftover(String line) {
		String[] fields = line.trim().split("\\s+");
		if (fields.length != 2) {
			return Optional.empty();
		}
		try {
			long pid = Long.parseLong(fields[0]);
			long startMillis = Long.parseLong(fields[1]);
			// A pid alone could by now belong to an unrelated process: the start time
			// tells.
			return ProcessHandle.of(pid)
				.filter((handle) -> handle.info()
					.startInstant()
					.map(Instant::toEpochMilli)
					.filter((start) -> start == startMillis)
					.isPresent());
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static Optional<String> pidLine(ProcessHandle handle) {
		return handle.info().startInstant().map((start) -> handle.pid() + " " + start.toEpochMilli());
	}

	private static void stop(String name, List<ProcessHandle> asked, List<ProcessHandle> handles, Duration grace) {
		asked.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + grace.toNanos();
		for (ProcessHandle handle : handles) {
			long remaining = deadline - System.nanoTime();
			try {
				handle.onExit().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (Exception ex) {
				// Not gone within the grace period: ended forcibly below.
			}
		}
		List<ProcessHandle> remaining = handles.stream().filter(ProcessHandle::isAlive).toList();
		if (!remaining.isEmpty()) {
			logger.warn("{} did not stop within {}, killing pids {}", name, grace,
					remaining.stream().map(ProcessHandle::pid).toList());
			remaining.forEach(ProcessHandle::destroyForcibly);
			for (ProcessHandle handle : remaining) {
				try {
					handle.onExit().get(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
				catch (Exception ex) {
					logger.warn("{} pid {} is still running after being killed", name, handle.pid());
				}
			}
		}
	}

	/**
	 * Return the last lines of a log file, ready to append to an exception message.
	 */
	static String tail(Path logFile) {
		List<String> lines = lastLines(logFile, LOG_TAIL_LINES);
		if (lines.isEmpty()) {
			return " (" + logFile + " is empty)";
		}
		return ". Last lines of " + logFile + ":\n" + String.join("\n", lines);
	}

	static List<String> lastLines(Path file, int count) {
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			long length = raf.length();
			if (length == 0) {
				return List.of();
			}
			int size = (int) Math.min(length, 64 * 1024);
			byte[] bytes = new byte[size];
			raf.seek(length - size);
			raf.readFully(bytes);
			List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
			if (size < length && !lines.isEmpty()) {
				// The first line is probably cut.
				lines = lines.subList(1, lines.size());
			}
			return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
		}
		catch (IOException ex) {
			return List.of("(could not read " + file + ": " + ex.getMessage() + ")");
		}
	}

}
