package io.grapevine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.grapevine.ingest.source.x.FakeXApi;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.localstack.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the ingest service as three processes (replicas) against the real Kafka broker and
 * three fake X APIs under a steady trickle of posts, adds a replica, kills one with
 * {@code kill -9}, and checks that every source instance ran on one replica at a time,
 * that the killed replica's instances resumed on the others within a minute, and that no
 * post was lost.
 */
@ExtendWith(LocalStackExtension.class)
class IngestReplicasIntegrationTests {

	private static final String TOKEN = "replicas-bearer-token";

	private static final int INSTANCES = 3;

	private static final Pattern STARTS = Pattern.compile("Source (\\S+) starts from");

	private static final Pattern STOPS = Pattern.compile("Source (\\S+) stops at");

	private final long base = (Instant.now().getEpochSecond() % 100_000) * 10_000_000L;

	private final List<FakeXApi> apis = new ArrayList<>();

	private final List<Replica> replicas = new ArrayList<>();

	private final ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();

	/** The ids of the posts, by instance. */
	private final Map<String, Set<String>> posted = new ConcurrentHashMap<>();

	@AfterEach
	void stop() {
		this.load.shutdownNow();
		this.replicas.forEach(Replica::kill);
		this.apis.forEach(FakeXApi::close);
	}

	@Test
	void everyInstanceRunsOnOneReplicaAtATimeAndAKilledReplicasInstancesResumeElsewhereWithinAMinute()
			throws Exception {
		List<String> instances = new ArrayList<>();
		Set<Integer> partitions = new HashSet<>();
		for (int n = 0; instances.size() < INSTANCES; n++) {
			// Instances in different partitions of ingest.instances, so that three
			// replicas run one each.
			String instance = "x:replicas-" + this.base + "-" + n;
			if (partitions.add(Utils.toPositive(Utils.murmur2(instance.getBytes(StandardCharsets.UTF_8))) % 12)) {
				FakeXApi api = FakeXApi.start(TOKEN);
				api.rateLimit(1_000_000, Instant.now().plus(Duration.ofHours(1)));
				this.apis.add(api);
				instances.add(instance);
				this.posted.put(instance, ConcurrentHashMap.newKeySet());
			}
		}
		Path organization = organizationFile(instances);
		String group = "grapevine-ingest-replicas-" + this.base;
		Path logs = Files.createDirectories(Path.of("target", "ingest-replicas-" + this.base));
		AtomicLong sequence = new AtomicLong();
		// A steady trickle: one post on every fake API every 300 ms.
		this.load.scheduleAtFixedRate(() -> {
			long n = sequence.incrementAndGet();
			for (int i = 0; i < INSTANCES; i++) {
				String id = String.valueOf(this.base + i * 1_000_000L + n);
				this.apis.get(i).post(FakeXApi.tweet(id, "Bus " + n + " delayed", FakeXApi.user("1", "rider", "R", 1)));
				this.posted.get(instances.get(i)).add("x:" + id);
			}
		}, 0, 300, TimeUnit.MILLISECONDS);

		start("a", organization, group, logs);
		Replica b = start("b", organization, group, logs);
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> running(Instant.now()).keySet().containsAll(instances));
		Replica c = start("c", organization, group, logs);
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> running(Instant.now()).values().stream().distinct().count() == 3
					&& running(Instant.now()).keySet().containsAll(instances));
		Map<String, Replica> beforeKill = running(Instant.now());
		Replica victim = beforeKill.values().iterator().next();
		List<String> moving = beforeKill.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == victim)
			.map(Map.Entry::getKey)
			.toList();
		Instant killedAt = victim.kill();
		Map<String, Instant> resumedAt = new HashMap<>();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			for (String instance : moving) {
				this.replicas.stream()
					.filter((replica) -> replica != victim)
					.flatMap((replica) -> replica.starts(instance).stream())
					.filter((at) -> at.isAfter(killedAt))
					.min(Instant::compareTo)
					.ifPresent((at) -> resumedAt.putIfAbsent(instance, at));
			}
			return resumedAt.keySet().containsAll(moving);
		});
		// A little more load on the two that are left, then the trickle stops.
		Thread.sleep(3_000);
		this.load.shutdown();
		this.load.awaitTermination(10, TimeUnit.SECONDS);
		Set<String> expected = this.posted.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
		List<String>[] published = new List[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			published[0] = KafkaTopics.read(bootstrapServers(), KafkaTopicNames.MENTIONS)
				.stream()
				.map(ConsumerRecord::key)
				.filter(expected::contains)
				.toList();
			return Set.copyOf(published[0]).containsAll(expected);
		});
		b.stop();
		c.stop();

		Map<String, Long> copies = published[0].stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		List<String> duplicated = copies.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 1)
			.map(Map.Entry::getKey)
			.toList();
		Duration slowest = resumedAt.values()
			.stream()
			.map((at) -> Duration.between(killedAt, at))
			.max(Duration::compareTo)
			.orElseThrow();
		System.out.printf(
				"Ingest replicas: %d posts, %d published, %d lost, %d published twice; instances %s of the killed"
						+ " replica resumed after %s (%s)%n",
				expected.size(), published[0].size(), expected.size() - copies.size(), duplicated.size(), moving,
				slowest, resumedAt);
		assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(slowest).isLessThan(Duration.ofMinutes(1));
		// Only what the killed replica published after its last stored cursor comes
		// twice.
		Set<String> movedPosts = moving.stream()
			.flatMap((instance) -> this.posted.get(instance).stream())
			.collect(Collectors.toSet());
		assertThat(duplicated).allSatisfy((id) -> assertThat(movedPosts).contains(id));
		for (String instance : instances) {
			assertRanOnOneReplicaAtATime(instance, killedAt, victim);
		}
	}

	/**
	 * The periods an instance ran on each replica, from its logs, do not overlap; the
	 * killed replica's last period ends at the kill.
	 */
	private void assertRanOnOneReplicaAtATime(String instance, Instant killedAt, Replica victim) {
		List<Period> periods = new ArrayList<>();
		for (Replica replica : this.replicas) {
			periods.addAll(replica.periods(instance, (replica == victim) ? killedAt : Instant.now()));
		}
		periods.sort((x, y) -> x.from().compareTo(y.from()));
		for (int i = 1; i < periods.size(); i++) {
			Period previous = periods.get(i - 1);
			Period next = periods.get(i);
			assertThat(next.from())
				.as("%s ran on %s from %s while %s ran it until %s", instance, next.replica(), next.from(),
						previous.replica(), previous.to())
				.isAfterOrEqualTo(previous.to());
		}
	}

	/** Which replica runs each instance at a time, by its logs. */
	private Map<String, Replica> running(Instant at) {
		Map<String, Replica> running = new LinkedHashMap<>();
		for (Replica replica : this.replicas) {
			if (!replica.process().isAlive()) {
				continue;
			}
			for (String instance : this.posted.keySet()) {
				replica.periods(instance, at)
					.stream()
					.filter((period) -> !period.to().isBefore(at))
					.findAny()
					.ifPresent((period) -> running.put(instance, replica));
			}
		}
		return running;
	}

	private Replica start(String name, Path organization, String group, Path logs) {
		Path log = logs.resolve(name + ".log");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				IngestApplication.class.getName(), "--server.port=0",
				"--grapevine.kafka.bootstrap-servers=" + bootstrapServers(),
				"--grapevine.organization-file=" + organization, "--grapevine.ingest.group.id=" + group);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("GRAPEVINE_TEST_X_TOKEN", TOKEN);
		try {
			Replica replica = new Replica(name, builder.start(), log);
			this.replicas.add(replica);
			return replica;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path organizationFile(List<String> instances) throws IOException {
		StringBuilder yaml = new StringBuilder(
				Files.readString(Path.of("src/test/resources/organization.yml"), StandardCharsets.UTF_8));
		yaml.append("\nsources:\n");
		for (int i = 0; i < instances.size(); i++) {
			yaml.append("  - type: x\n");
			yaml.append("    name: '").append(instances.get(i).substring("x:".length())).append("'\n");
			yaml.append("    settings:\n");
			yaml.append("      base-url: '").append(this.apis.get(i).baseUrl()).append("'\n");
			yaml.append("      bearer-token: '${GRAPEVINE_TEST_X_TOKEN}'\n");
			yaml.append("      poll-interval: 500ms\n");
			yaml.append("      max-results: '10'\n");
		}
		Path file = Files.createTempFile("organization-replicas-", ".yml");
		file.toFile().deleteOnExit();
		return Files.writeString(file, yaml, StandardCharsets.UTF_8);
	}

	private static String bootstrapServers() {
		return LocalStackExtension.stack().kafkaBootstrapServers();
	}

	/**
	 * A period during which a replica ran an instance.
	 */
	private record Period(String replica, Instant from, Instant to) {
	}

	/**
	 * An ingest service running as a process, with its log.
	 */
	private record Replica(String name, Process process, Path log) {

		/** Kill the process at once, as {@code kill -9} does; returns when it is gone. */
		Instant kill() {
			Instant at = Instant.now();
			if (this.process.isAlive()) {
				this.process.destroyForcibly();
				try {
					this.process.waitFor(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return at;
		}

		/** Stop the process as Kubernetes does (SIGTERM), and wait for it. */
		void stop() throws InterruptedException {
			this.process.destroy();
			assertThat(this.process.waitFor(90, TimeUnit.SECONDS)).as("replica %s stopped", this.name).isTrue();
		}

		List<Instant> starts(String instance) {
			return events(STARTS, instance);
		}

		List<Period> periods(String instance, Instant end) {
			List<Instant> starts = events(STARTS, instance);
			List<Instant> stops = events(STOPS, instance);
			List<Period> periods = new ArrayList<>();
			for (int i = 0; i < starts.size(); i++) {
				Instant to = (i < stops.size()) ? stops.get(i) : end;
				periods.add(new Period(this.name, starts.get(i), to));
			}
			return periods;
		}

		private List<Instant> events(Pattern pattern, String instance) {
			List<Instant> events = new ArrayList<>();
			for (String line : lines()) {
				Matcher matcher = pattern.matcher(line);
				if (matcher.find() && matcher.group(1).equals(instance)) {
					timestamp(line).ifPresent(events::add);
				}
			}
			return events;
		}

		private List<String> lines() {
			try {
				return Files.readAllLines(this.log, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static Optional<Instant> timestamp(String line) {
			int space = line.indexOf(' ');
			try {
				return Optional.of(Instant.parse((space > 0) ? line.substring(0, space) : line));
			}
			catch (DateTimeParseException ex) {
				return Optional.empty();
			}
		}

	}

}
