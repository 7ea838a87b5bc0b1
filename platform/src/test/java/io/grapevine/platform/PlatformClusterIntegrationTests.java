package io.grapevine.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.grapevine.digest.DigestApplication;
import io.grapevine.ingest.IngestApplication;
import io.grapevine.ingest.source.x.FakeXApi;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.Sha256;
import io.grapevine.localstack.LocalCluster;
import io.grapevine.localstack.LocalStackOptions;
import io.grapevine.search.SearchServiceApplication;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every service scaled out on a real cluster (three Kafka brokers, three Elasticsearch
 * nodes) under a steady load from fake X APIs: two ingest replicas, two search-service
 * replicas (the indexers) and two digest-service replicas, each a JVM of its own. One
 * broker, one node, one ingest, one search and one digest replica are killed with
 * {@code kill -9} one at a time, then an ingest and a search replica at once (killed
 * replicas are started again, as Kubernetes would; brokers and nodes stay dead, since a
 * second lost broker would stop writes by design). Afterwards every mention is in the
 * index exactly once and no digest or alert email was sent twice; the figures are
 * printed. Twelve JVMs on two cores take many minutes: it runs when
 * {@code -Dgrapevine.cluster-tests=true} is given.
 */
@EnabledIfSystemProperty(named = "grapevine.cluster-tests", matches = "true")
class PlatformClusterIntegrationTests {

	private static final String X_TOKEN = "chaos-bearer-token";

	private static final String SERVICE_TOKEN = "gv_" + UUID.randomUUID().toString().replace("-", "");

	private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();

	private static final int DEPARTMENTS = 6;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final long BASE = (Instant.now().getEpochSecond() % 100_000) * 10_000_000L;

	private static LocalCluster cluster;

	private static GreenMail smtp;

	private static final List<FakeXApi> apis = new ArrayList<>();

	private static final List<Replica> replicas = new ArrayList<>();

	private static final Map<String, Instant> posted = new ConcurrentSkipListMap<>();

	private static final ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();

	private static Path logs;

	private static Path organization;

	private static String adminHash;

	private static Instant lastDigest;

	@BeforeAll
	static void startEverything() throws IOException {
		cluster = LocalCluster.start(LocalStackOptions.forTests());
		smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		logs = Files.createDirectories(Path.of("target", "platform-cluster-" + BASE));
		adminHash = new BCryptPasswordEncoder(4).encode(ADMIN_PASSWORD);
		List<String> instances = instancesInDistinctPartitions(2);
		for (int i = 0; i < instances.size(); i++) {
			FakeXApi api = FakeXApi.start(X_TOKEN);
			api.rateLimit(1_000_000, Instant.now().plus(Duration.ofHours(2)));
			apis.add(api);
		}
		organization = organizationFile(instances);
	}

	@AfterAll
	static void stopEverything() {
		load.shutdownNow();
		replicas.forEach(Replica::kill);
		apis.forEach(FakeXApi::close);
		if (smtp != null) {
			smtp.stop();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void everyMentionIsIndexedOnceAndNothingIsSentTwiceWhileEveryKindOfServerIsKilled() throws Exception {
		int searchPort = freePort();
		Replica searchA = start("search-a", SearchServiceApplication.class, searchPort, 0);
		Replica searchB = start("search-b", SearchServiceApplication.class, freePort(), 0);
		Replica ingestA = start("ingest-a", IngestApplication.class, freePort(), 0);
		Replica ingestB = start("ingest-b", IngestApplication.class, freePort(), 0);
		Replica digestA = start("digest-a", DigestApplication.class, freePort(), searchPort);
		Replica digestB = start("digest-b", DigestApplication.class, freePort(), searchPort);
		List<Replica> all = List.of(searchA, searchB, ingestA, ingestB, digestA, digestB);
		await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).until(() -> {
			all.forEach(Replica::assertAlive);
			return all.stream().allMatch(Replica::healthy);
		});
		startLoad();
		awaitIndexed(Instant.now());

		Map<String, Duration> recovery = new LinkedHashMap<>();
		recovery.put("Kafka broker 1", killAndTime(() -> cluster.killKafkaBroker(0)));
		recovery.put("Elasticsearch node 1", killAndTime(() -> cluster.killElasticsearchNode(0)));
		recovery.put("ingest replica", killAndTime(() -> restart(ingestA)));
		recovery.put("search replica", killAndTime(() -> restart(searchB)));
		recovery.put("digest replica", killAndTime(() -> restart(digestA)));
		recovery.put("ingest and search replicas at once",
				killAndTime(() -> restart(replicaNamed("ingest-b"), replicaNamed("search-b"))));
		// The departments' digests fall due a minute apart from lastDigest backwards; a
		// copy sent late by a second replica would arrive within the check interval.
		Duration untilLastDigest = Duration.between(Instant.now(), lastDigest.plus(Duration.ofMinutes(3)));
		await().atMost(untilLastDigest.isNegative() ? Duration.ofSeconds(30) : untilLastDigest)
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> digestEmails() >= DEPARTMENTS);
		Thread.sleep(Duration.ofSeconds(30).toMillis());
		load.shutdown();
		assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

		Set<String> produced = Set.copyOf(posted.keySet());
		awaitIndexedOrTimeout(produced, Duration.ofMinutes(3));
		Map<String, Long> inIndex = indexedCopies(produced);
		Map<String, Long> onKafka = publishedCopies(produced);
		Map<String, List<String>> mail = mailByRecipient();
		long lost = produced.stream().filter((id) -> !inIndex.containsKey(id)).count();
		long duplicatedInIndex = inIndex.values().stream().filter((copies) -> copies > 1).count();
		long publishedTwice = onKafka.values().stream().filter((copies) -> copies > 1).count();
		long emails = mail.values().stream().mapToLong(List::size).sum();
		long sentTwice = mail.values()
			.stream()
			.mapToLong((messages) -> messages.size() - new HashSet<>(messages).size())
			.sum();
		long digests = mail.values().stream().flatMap(List::stream).filter((m) -> m.startsWith("digest")).count();
		System.out.printf(
				"Platform on a cluster under kill -9 (load %s): %d produced, %d indexed, %d lost, "
						+ "%d duplicated in the index, %d published twice on Kafka (overwritten by _id); "
						+ "%d emails (%d digests, %d alerts), %d sent twice; time to recover: %s%n",
				loadAverage(), produced.size(), inIndex.size(), lost, duplicatedInIndex, publishedTwice, emails,
				digests, emails - digests, sentTwice, recovery);

		assertThat(lost).as("mentions lost").isZero();
		assertThat(duplicatedInIndex).as("mentions in the index more than once").isZero();
		assertThat(sentTwice).as("emails sent twice").isZero();
		assertThat(digests).as("digest emails: one per department").isEqualTo(DEPARTMENTS);
		assertThat(recovery.values()).allSatisfy((time) -> assertThat(time).isLessThan(Duration.ofMinutes(2)));
	}

	/**
	 * Kill, then time until a mention posted after the kill is in the index: the whole
	 * path works again.
	 */
	private static Duration killAndTime(Runnable kill) {
		Instant killedAt = Instant.now();
		kill.run();
		Instant recovered = awaitIndexed(killedAt);
		Duration took = Duration.between(killedAt, recovered);
		// Let the platform run healed for a while before the next kill.
		sleep(Duration.ofSeconds(20));
		return took;
	}

	/**
	 * Wait until, for every source instance, a post made after an instant is in the
	 * index.
	 */
	private static Instant awaitIndexed(Instant postedAfter) {
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
			Map<Long, List<String>> afterByInstance = posted.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().isAfter(postedAfter))
				.map(Map.Entry::getKey)
				.collect(Collectors.groupingBy(PlatformClusterIntegrationTests::instanceOf));
			if (afterByInstance.size() < apis.size()) {
				return false;
			}
			Set<String> indexed = indexedCopies(
					afterByInstance.values().stream().flatMap(List::stream).collect(Collectors.toSet()))
				.keySet();
			return afterByInstance.values().stream().allMatch((ids) -> ids.stream().anyMatch(indexed::contains));
		});
		return Instant.now();
	}

	private static long instanceOf(String mentionId) {
		return (Long.parseLong(mentionId.substring("x:".length())) - BASE) / 1_000_000L;
	}

	private static void awaitIndexedOrTimeout(Set<String> ids, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline) && indexedCopies(ids).size() < ids.size()) {
			sleep(Duration.ofSeconds(2));
		}
	}

	private static void startLoad() {
		AtomicLong sequence = new AtomicLong();
		load.scheduleAtFixedRate(() -> {
			long n = sequence.incrementAndGet();
			for (int i = 0; i < apis.size(); i++) {
				String id = String.valueOf(BASE + i * 1_000_000L + n);
				// Every fiftieth post is by an account whose reach raises a spike alert.
				long followers = (n % 50 == 0) ? 2_000_000 : 40;
				apis.get(i)
					.post(FakeXApi.tweet(id, "Bus " + n + " delayed again",
							FakeXApi.user(String.valueOf(1000 + (n % 7)), "rider" + (n % 7), "Rider", followers)));
				posted.put("x:" + id, Instant.now());
			}
		}, 0, 250, TimeUnit.MILLISECONDS);
	}

	/** How many documents of the mentions alias hold each of the ids. */
	private static Map<String, Long> indexedCopies(Set<String> ids) {
		Map<String, Long> copies = new ConcurrentHashMap<>();
		List<String> list = List.copyOf(ids);
		for (int from = 0; from < list.size(); from += 5000) {
			List<String> chunk = list.subList(from, Math.min(list.size(), from + 5000));
			String body = JSON.createObjectNode()
				.put("size", 10_000)
				.put("_source", false)
				.set("query",
						JSON.createObjectNode()
							.set("ids", JSON.createObjectNode().set("values", JSON.valueToTree(chunk))))
				.toString();
			JsonNode hits = elasticsearch("POST", "/mentions/_search?ignore_unavailable=true", body).at("/hits/hits");
			hits.forEach((hit) -> copies.merge(hit.path("_id").asText(), 1L, Long::sum));
		}
		return copies;
	}

	private static JsonNode elasticsearch(String method, String path, String body) {
		RuntimeException last = null;
		// Node 1 may be dead: ask the others.
		List<URI> nodes = new ArrayList<>(cluster.elasticsearchUris());
		java.util.Collections.reverse(nodes);
		for (URI node : nodes) {
			try {
				HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(node.resolve(path))
					.timeout(Duration.ofSeconds(20))
					.header("Content-Type", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 404) {
					return JSON.createObjectNode();
				}
				if (response.statusCode() == 200) {
					return JSON.readTree(response.body());
				}
				last = new IllegalStateException(node + path + " answered " + response.statusCode());
			}
			catch (IOException ex) {
				last = new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw last;
	}

	/** How many records of {@code mentions} carry each of the ids. */
	private static Map<String, Long> publishedCopies(Set<String> ids) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrapServers());
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		List<String> keys = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
			List<TopicPartition> partitions = consumer.partitionsFor(KafkaTopicNames.MENTIONS)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
			while (Instant.now().isBefore(deadline)
					&& partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
					if (ids.contains(record.key())) {
						keys.add(record.key());
					}
				}
			}
		}
		return keys.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	/** Every email received, as recipient to subject and text, one entry a message. */
	private static Map<String, List<String>> mailByRecipient() throws Exception {
		Map<String, List<String>> mail = new LinkedHashMap<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			String recipient = message.getAllRecipients()[0].toString();
			String subject = message.getSubject();
			String kind = subject.toLowerCase(java.util.Locale.ROOT).contains("digest") ? "digest" : "alert";
			mail.computeIfAbsent(recipient, (key) -> new ArrayList<>())
				.add(kind + " | " + subject + " | " + GreenMailUtil.getBody(message).hashCode());
		}
		return mail;
	}

	private static long digestEmails() throws Exception {
		return mailByRecipient().values().stream().flatMap(List::stream).filter((m) -> m.startsWith("digest")).count();
	}

	private static Replica start(String name, Class<?> application, int port, int searchPort) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
						application.getName()));
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("server.port", String.valueOf(port));
		settings.put("grapevine.kafka.bootstrap-servers", cluster.kafkaBootstrapServers());
		settings.put("grapevine.kafka.replication-factor", "3");
		settings.put("spring.elasticsearch.uris",
				cluster.elasticsearchUris().stream().map(URI::toString).collect(Collectors.joining(",")));
		settings.put("grapevine.organization-file", organization.toString());
		settings.put("grapevine.security.users[0].username", "admin");
		settings.put("grapevine.security.users[0].password-hash", adminHash);
		settings.put("grapevine.security.users[0].roles", "ADMIN");
		if (application == SearchServiceApplication.class) {
			settings.put("grapevine.security.api-tokens.configured[0].name", "digest-service");
			settings.put("grapevine.security.api-tokens.configured[0].hash", Sha256.hex(SERVICE_TOKEN));
		}
		if (application == DigestApplication.class) {
			settings.put("grapevine.digest.search-url", "http://127.0.0.1:" + searchPort);
			settings.put("grapevine.search.token", SERVICE_TOKEN);
			settings.put("grapevine.digest.check-interval", "5s");
			settings.put("spring.mail.host", "127.0.0.1");
			settings.put("spring.mail.port", String.valueOf(smtp.getSmtp().getPort()));
			settings.put("grapevine.alerts.update-every", "1m");
		}
		settings.forEach((key, value) -> command.add("--" + key + "=" + value));
		Path log = logs.resolve(name + "-" + replicas.size() + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("GRAPEVINE_CHAOS_X_TOKEN", X_TOKEN);
		try {
			Replica replica = new Replica(name, port, builder.start(), log, command);
			replicas.add(replica);
			return replica;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Kill replicas with {@code kill -9} at once, then start them again on their ports.
	 */
	private static void restart(Replica... victims) {
		for (Replica victim : victims) {
			victim.process().destroyForcibly();
		}
		for (Replica victim : victims) {
			victim.kill();
			ProcessBuilder builder = new ProcessBuilder(victim.command()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(victim.log().toFile()));
			builder.environment().put("GRAPEVINE_CHAOS_X_TOKEN", X_TOKEN);
			try {
				replicas.remove(victim);
				replicas
					.add(new Replica(victim.name(), victim.port(), builder.start(), victim.log(), victim.command()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static Replica replicaNamed(String name) {
		return replicas.stream().filter((replica) -> replica.name().equals(name)).reduce((a, b) -> b).orElseThrow();
	}

	/**
	 * Source instances that fall in different partitions of {@code ingest.instances}, so
	 * that each ingest replica runs one.
	 */
	private static List<String> instancesInDistinctPartitions(int count) {
		List<String> instances = new ArrayList<>();
		Set<Integer> partitions = new HashSet<>();
		for (int n = 0; instances.size() < count; n++) {
			String instance = "chaos-" + BASE + "-" + n;
			if (partitions
				.add(Utils.toPositive(Utils.murmur2(("x:" + instance).getBytes(StandardCharsets.UTF_8))) % 12)) {
				instances.add(instance);
			}
		}
		return instances;
	}

	/**
	 * One department owns the topic every post matches; the others follow it, and their
	 * daily digests fall due a minute apart while servers are being killed.
	 */
	private static Path organizationFile(List<String> instances) throws IOException {
		DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
		Instant firstDigest = Instant.now().plus(Duration.ofMinutes(8));
		lastDigest = firstDigest.plus(Duration.ofMinutes(DEPARTMENTS - 1));
		StringBuilder yaml = new StringBuilder("name: Chaos Transit\ndepartments:\n");
		for (int d = 0; d < DEPARTMENTS; d++) {
			yaml.append("  - id: department-").append(d).append('\n');
			yaml.append("    name: Department ").append(d).append('\n');
			yaml.append("    timeZone: UTC\n");
			yaml.append("    digestTime: \"")
				.append(time.format(firstDigest.plus(Duration.ofMinutes(d))))
				.append("\"\n");
			yaml.append("    members: [department-").append(d).append("@chaos-transit.example]\n");
			if (d == 0) {
				yaml.append("    topics:\n      - id: delays\n        name: Delays\n        keywords: [delayed]\n");
			}
			else {
				yaml.append("    follows: [delays]\n");
			}
		}
		yaml.append("sources:\n");
		for (int i = 0; i < instances.size(); i++) {
			yaml.append("  - type: x\n");
			yaml.append("    name: '").append(instances.get(i)).append("'\n");
			yaml.append("    settings:\n");
			yaml.append("      base-url: '").append(apis.get(i).baseUrl()).append("'\n");
			yaml.append("      bearer-token: '${GRAPEVINE_CHAOS_X_TOKEN}'\n");
			yaml.append("      poll-interval: 500ms\n");
			yaml.append("      max-results: '50'\n");
		}
		return Files.writeString(logs.resolve("organization.yml"), yaml, StandardCharsets.UTF_8);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A service running as a process of its own, with its log and how it was started. */
	private record Replica(String name, int port, Process process, Path log, List<String> command) {

		boolean healthy() {
			try {
				HttpResponse<String> response = HTTP
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
						.timeout(Duration.ofSeconds(5))
						.build(), HttpResponse.BodyHandlers.ofString());
				return response.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		void assertAlive() {
			assertThat(this.process.isAlive()).as("%s is running (see %s)", this.name, this.log).isTrue();
		}

		/**
		 * Kill the process at once, as {@code kill -9} does, and wait until it is gone.
		 */
		void kill() {
			if (this.process.isAlive()) {
				this.process.destroyForcibly();
				try {
					this.process.waitFor(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
