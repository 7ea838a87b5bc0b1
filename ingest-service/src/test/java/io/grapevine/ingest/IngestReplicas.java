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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ingest services running as processes (replicas) of one consumer group, each source
 * instance an x instance on its own fake X API under a steady trickle of posts; reads the
 * replicas' logs to tell which replica ran which instance when.
 */
final class IngestReplicas implements AutoCloseable {

	private static final String TOKEN = "replicas-bearer-token";

	private static final Pattern STARTS = Pattern.compile("Source (\\S+) starts from");

	private static final Pattern STOPS = Pattern.compile("Source (\\S+) stops at");

	private final String bootstrapServers;

	private final List<String> settings;

	private final long base = (Instant.now().getEpochSecond() % 100_000) * 10_000_000L;

	private final List<String> instances = new ArrayList<>();

	private final List<FakeXApi> apis = new ArrayList<>();

	private final List<Replica> replicas = new ArrayList<>();

	private final ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();

	/** The ids of the posts, by instance. */
	private final Map<String, Set<String>> posted = new ConcurrentHashMap<>();

	private final Path organization;

	private final Path logs;

	private final String group = "grapevine-ingest-replicas-" + this.base;

	/**
	 * Source instances in different partitions of {@code ingest.instances}, so that as
	 * many replicas run one each, and a trickle of one post on each fake API every 300
	 * ms.
	 */
	IngestReplicas(String bootstrapServers, int instanceCount, String... settings) throws IOException {
		this.bootstrapServers = bootstrapServers;
		this.settings = List.of(settings);
		Set<Integer> partitions = new HashSet<>();
		for (int n = 0; this.instances.size() < instanceCount; n++) {
			String instance = "x:replicas-" + this.base + "-" + n;
			if (partitions.add(Utils.toPositive(Utils.murmur2(instance.getBytes(StandardCharsets.UTF_8))) % 12)) {
				FakeXApi api = FakeXApi.start(TOKEN);
				api.rateLimit(1_000_000, Instant.now().plus(Duration.ofHours(1)));
				this.apis.add(api);
				this.instances.add(instance);
				this.posted.put(instance, ConcurrentHashMap.newKeySet());
			}
		}
		this.organization = organizationFile();
		this.logs = Files.createDirectories(Path.of("target", "ingest-replicas-" + this.base));
		AtomicLong sequence = new AtomicLong();
		this.load.scheduleAtFixedRate(() -> {
			long n = sequence.incrementAndGet();
			for (int i = 0; i < instanceCount; i++) {
				String id = String.valueOf(this.base + i * 1_000_000L + n);
				this.apis.get(i).post(FakeXApi.tweet(id, "Bus " + n + " delayed", FakeXApi.user("1", "rider", "R", 1)));
				this.posted.get(this.instances.get(i)).add("x:" + id);
			}
		}, 0, 300, TimeUnit.MILLISECONDS);
	}

	List<String> instances() {
		return List.copyOf(this.instances);
	}

	/**
	 * Start a replica: the ingest service in a JVM of its own, from this test's
	 * classpath.
	 */
	Replica start(String name) {
		Path log = this.logs.resolve(name + ".log");
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				IngestApplication.class.getName(), "--server.port=0",
				"--grapevine.kafka.bootstrap-servers=" + this.bootstrapServers,
				"--grapevine.organization-file=" + this.organization, "--grapevine.ingest.group.id=" + this.group));
		// The people who may sign in: the service starts only with some.
		TestUsers.settings().forEach((key, value) -> command.add("--" + key + "=" + value));
		command.addAll(this.settings);
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

	/**
	 * Wait until every instance runs on some replica, and on {@code replicas} distinct
	 * ones.
	 */
	void awaitRunningOn(int replicas) {
		await().atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> running(Instant.now()).keySet().containsAll(this.instances)
					&& running(Instant.now()).values().stream().distinct().count() == replicas);
	}

	/** Which replica runs each instance at a time, by their logs. */
	Map<String, Replica> running(Instant at) {
		Map<String, Replica> running = new LinkedHashMap<>();
		for (Replica replica : this.replicas) {
			if (!replica.process().isAlive()) {
				continue;
			}
			for (String instance : this.instances) {
				replica.periods(instance, at)
					.stream()
					.filter((period) -> !period.to().isBefore(at))
					.findAny()
					.ifPresent((period) -> running.put(instance, replica));
			}
		}
		return running;
	}

	/**
	 * Wait until each of the instances a killed replica ran has started on another one,
	 * and return when it did.
	 */
	Map<String, Instant> awaitResumed(Replica victim, List<String> moving, Instant killedAt) {
		Map<String, Instant> resumedAt = new HashMap<>();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
			for (String instance : moving) {
				this.replicas.stream()
					.filter((replica) -> replica != victim)
					.flatMap((replica) -> replica.events(STARTS, instance).stream())
					.filter((at) -> at.isAfter(killedAt))
					.min(Instant::compareTo)
					.ifPresent((at) -> resumedAt.putIfAbsent(instance, at));
			}
			return resumedAt.keySet().containsAll(moving);
		});
		return resumedAt;
	}

	/**
	 * Stop the trickle and wait until every post is on {@code mentions}; return how many
	 * times each was published.
	 */
	Map<String, Long> stopLoadAndAwaitPublished() throws InterruptedException {
		this.load.shutdown();
		this.load.awaitTermination(10, TimeUnit.SECONDS);
		Set<String> expected = posts();
		List<String>[] published = new List[1];
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			published[0] = KafkaTopics.read(this.bootstrapServers, KafkaTopicNames.MENTIONS)
				.stream()
				.map(ConsumerRecord::key)
				.filter(expected::contains)
				.toList();
			return Set.copyOf(published[0]).containsAll(expected);
		});
		return published[0].stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	Set<String> posts() {
		return this.posted.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
	}

	Set<String> postsOf(List<String> instances) {
		return instances.stream().flatMap((instance) -> this.posted.get(instance).stream()).collect(Collectors.toSet());
	}

	/**
	 * The periods each instance ran on each replica, from their logs, do not overlap; the
	 * killed replicas' last periods end when they were killed.
	 */
	void assertEveryInstanceRanOnOneReplicaAtATime(Map<Replica, Instant> killed) {
		for (String instance : this.instances) {
			List<Period> periods = new ArrayList<>();
			for (Replica replica : this.replicas) {
				periods.addAll(replica.periods(instance, killed.getOrDefault(replica, Instant.now())));
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
	}

	@Override
	public void close() {
		this.load.shutdownNow();
		this.replicas.forEach(Replica::kill);
		this.apis.forEach(FakeXApi::close);
	}

	private Path organizationFile() throws IOException {
		StringBuilder yaml = new StringBuilder(
				Files.readString(Path.of("src/test/resources/organization.yml"), StandardCharsets.UTF_8));
		yaml.append("\nsources:\n");
		for (int i = 0; i < this.instances.size(); i++) {
			yaml.append("  - type: x\n");
			yaml.append("    name: '").append(this.instances.get(i).substring("x:".length())).append("'\n");
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

	/**
	 * A period during which a replica ran an instance.
	 */
	record Period(String replica, Instant from, Instant to) {
	}

	/**
	 * An ingest service running as a process, with its log.
	 */
	record Replica(String name, Process process, Path log) {

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

		List<String> runningAt(Map<String, Replica> running) {
			return running.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() == this)
				.map(Map.Entry::getKey)
				.toList();
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

		List<Instant> events(Pattern pattern, String instance) {
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
