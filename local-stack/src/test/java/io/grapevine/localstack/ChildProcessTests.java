package io.grapevine.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ChildProcess}.
 */
class ChildProcessTests {

	@TempDir
	Path folder;

	@Test
	void stoppingEndsTheProcessAndWhatItStartedAndRemovesThePidFile() {
		ChildProcess child = ChildProcess.start("sleeper", new ProcessBuilder("sh", "-c", "sleep 60 & sleep 60; wait"),
				this.folder.resolve("sleeper.log"), this.folder.resolve("sleeper.pid"));
		awaitDescendant(child);
		List<Long> pids = child.pids();
		assertThat(pids).hasSizeGreaterThanOrEqualTo(2);
		// sh ignores the polite signal while it waits: this also goes through the
		// forcible stop.
		child.stop(Duration.ofSeconds(1));
		assertThat(pids).allSatisfy((pid) -> assertThat(ProcessHandle.of(pid)).isEmpty());
		assertThat(this.folder.resolve("sleeper.pid")).doesNotExist();
	}

	@Test
	void leftoversNamedInAPidFileAreStopped() throws IOException {
		ChildProcess child = ChildProcess.start("sleeper", new ProcessBuilder("sleep", "60"),
				this.folder.resolve("sleeper.log"), this.folder.resolve("sleeper.pid"));
		long pid = child.pids().get(0);
		ChildProcess.stopLeftovers("sleeper", this.folder.resolve("sleeper.pid"));
		assertThat(ProcessHandle.of(pid)).isEmpty();
		assertThat(this.folder.resolve("sleeper.pid")).doesNotExist();
	}

	@Test
	void aPidFileWhosePidNowBelongsToAnotherProcessLeavesThatProcessAlone() throws IOException {
		ChildProcess child = ChildProcess.start("sleeper", new ProcessBuilder("sleep", "60"),
				this.folder.resolve("sleeper.log"), this.folder.resolve("sleeper.pid"));
		long pid = child.pids().get(0);
		Path stale = this.folder.resolve("stale.pid");
		Files.writeString(stale, pid + " 12345\n");
		ChildProcess.stopLeftovers("sleeper", stale);
		assertThat(ProcessHandle.of(pid)).hasValueSatisfying(ProcessHandle::isAlive);
		child.stop(Duration.ofSeconds(5));
	}

	@Test
	void aFailureQuotesTheLastFortyLinesOfTheLog() throws Exception {
		Path log = this.folder.resolve("noisy.log");
		ChildProcess child = ChildProcess.start("noisy", new ProcessBuilder("sh", "-c", "seq 1 100; exit 3"), log,
				this.folder.resolve("noisy.pid"));
		while (child.isAlive()) {
			Thread.sleep(10);
		}
		String message = child.failure("exited during start-up").getMessage();
		assertThat(message).startsWith("noisy exited during start-up. Last lines of " + log)
			.endsWith(IntStream.rangeClosed(61, 100).mapToObj(Integer::toString).collect(Collectors.joining("\n")))
			.doesNotContain("\n60\n");
	}

	@Test
	void aCommandThatFailsIsReportedWithItsOutput() {
		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> ChildProcess.run("format", new ProcessBuilder("sh", "-c", "echo broken; exit 1"),
					this.folder.resolve("format.log"), Duration.ofSeconds(10)))
			.withMessageContaining("format failed with exit code 1")
			.withMessageEndingWith("broken");
	}

	@Test
	void theTailOfAnEmptyLogSaysSo() throws IOException {
		Path log = Files.createFile(this.folder.resolve("empty.log"));
		assertThat(ChildProcess.tail(log)).contains("is empty");
	}

	private static void awaitDescendant(ChildProcess child) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (child.pids().size() < 2 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
	}

}
