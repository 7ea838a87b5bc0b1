package io.grapevine.platform.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.grapevine.digest.DigestApplication;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.localstack.LocalStack;
import io.grapevine.localstack.LocalStackOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures alert latency on this machine and in one run: the time from a mention's
 * publication in Kafka (its record timestamp) to the arrival of the alert it raises at a
 * local fake Slack incoming webhook, while a steady load of mentions (500 a second by
 * default, spread over many quiet topics that never storm) flows through the running
 * digest service and spikes are injected: every few seconds a burst on a fresh topic that
 * opens a storm, and a mention by an author of very high reach.
 *
 * <p>
 * Run with
 * {@code ./mvnw -q -B -pl platform -am -Pbench verify -DskipTests -Dbench.platform.skip=true -Dbench.ingest.skip=true}
 * ({@code -Dbench.alerts.seconds}, {@code -Dbench.alerts.rate} to change the run).
 */
public final class AlertBenchmark {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern ALERT_ID = Pattern.compile("Alert (\\S+)\\n");

	private static final int MIN_COUNT = 50;

	private AlertBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = Integer.getInteger("bench.alerts.seconds", 60);
		int rate = Integer.getInteger("bench.alerts.rate", 500);
		Duration spikeEvery = Duration.ofSeconds(Long.getLong("bench.alerts.spike-seconds", 5));
		// Enough quiet topics that none reaches the storm minimum within the run.
		int quiet = Math.max(1000, rate * seconds / (MIN_COUNT / 2));
		List<String> report = new ArrayList<>();
		report.add("Grapevine alert benchmark on " + Runtime.getRuntime().availableProcessors() + " cores: " + rate
				+ " mentions/s for " + seconds + " s over " + quiet + " quiet topics, a spike every "
				+ spikeEvery.toSeconds() + " s");
		try (LocalStack stack = LocalStack.start(LocalStackOptions.forTests()); FakeSlack slack = new FakeSlack()) {
			String bootstrap = stack.kafkaBootstrapServers();
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
				admin.createTopics(List.of(new NewTopic(KafkaTopicNames.MENTIONS, 3, (short) 1))).all().get();
			}
			int spikes = (int) (seconds / spikeEvery.toSeconds()) + 1;
			Path organization = Files.createTempFile("grapevine-alert-bench-organization", ".yml");
			Files.writeString(organization, organizationFile(quiet, spikes));
			Map<String, Object> properties = new HashMap<>();
			properties.put("server.port", "0");
			properties.put("spring.elasticsearch.uris", stack.elasticsearchUri().toString());
			properties.put("grapevine.kafka.bootstrap-servers", bootstrap);
			properties.put("grapevine.organization-file", organization.toString());
			properties.put("BENCH_SLACK_WEBHOOK", slack.url().toString());
			properties.put("grapevine.digest.schedule.enabled", "false");
			properties.put("grapevine.alerts.min-count", Integer.toString(MIN_COUNT));
			properties.put("grapevine.alerts.high-reach", "1000000");
			properties.put("logging.level.root", "WARN");
			// The digest service refuses to start without anyone to sign in; the
			// benchmark
			// itself never signs in.
			properties.put("grapevine.security.users[0].username", "bench");
			properties.put("grapevine.security.users[0].password-hash",
					new BCryptPasswordEncoder(4).encode(UUID.randomUUID().toString()));
			// No digest is composed here: the search-service it would sign in to is not
			// running.
			properties.put("grapevine.search.username", "bench");
			properties.put("grapevine.search.password", UUID.randomUUID().toString());
			try (ConfigurableApplicationContext digest = DigestApplication.application().properties(properties).run();
					KafkaProducer<String, String> producer = producer(bootstrap)) {
				// The consumer is assigned its partitions as it starts: a first mention
				// read tells the run may begin.
				Load load = new Load(producer, rate, quiet);
				load.warmUp(slack);
				report.addAll(load.run(Duration.ofSeconds(seconds), spikeEvery, slack));
			}
		}
		report.forEach(System.out::println);
	}

	private static KafkaProducer<String, String> producer(String bootstrap) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		return new KafkaProducer<>(config);
	}

	private static String organizationFile(int quiet, int spikes) {
		StringBuilder file = new StringBuilder("""
				name: Harbor City Transit
				departments:
				  - id: operations
				    name: Operations
				    timeZone: Europe/London
				    digestTime: "07:30"
				    slackWebhook: ${BENCH_SLACK_WEBHOOK}
				    topics:
				""");
		for (int i = 0; i < quiet; i++) {
			file.append("      - {id: quiet-")
				.append(i)
				.append(", name: Quiet ")
				.append(i)
				.append(", keywords: [q")
				.append(i)
				.append("]}\n");
		}
		for (int i = 0; i <= spikes + 1; i++) {
			file.append("      - {id: spike-")
				.append(i)
				.append(", name: Spike ")
				.append(i)
				.append(", keywords: [s")
				.append(i)
				.append("]}\n");
		}
		return file.toString();
	}

	private static Mention mention(String id, String topic, Instant at, double reach) {
		return Mention.builder("x", id)
			.url(URI.create("https://x.com/rider/status/" + id))
			.text("Bus " + id + " is late again")
			.author(new Author("rider_" + id, Optional.empty(), Optional.of(120L), Optional.empty()))
			.publishedAt(at)
			.ingestedAt(at)
			.engagement(new Engagement(0, 0, 0))
			.build()
			.withTags(List.of(topic), List.of("operations"))
			.withEnrichment(Optional.of("en"), Optional.of(new SentimentScore(-0.6, Sentiment.NEGATIVE)),
					Optional.empty(), Optional.of(reach));
	}

	private static String percentiles(String what, List<Long> millis) {
		if (millis.isEmpty()) {
			return what + ": no alert arrived";
		}
		List<Long> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		return "%s, %d alerts: p50 %d ms, p99 %d ms, max %d ms".formatted(what, sorted.size(), at(sorted, 0.50),
				at(sorted, 0.99), sorted.get(sorted.size() - 1));
	}

	private static long at(List<Long> sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	/**
	 * The steady load and the spikes, sent from one thread at a fixed pace.
	 */
	private static final class Load {

		private final KafkaProducer<String, String> producer;

		private final int rate;

		private final int quiet;

		private final AtomicLong acked = new AtomicLong();

		private final AtomicLong failed = new AtomicLong();

		// The record timestamp of the mention that should raise each alert, by alert id.
		private final Map<String, Long> raisedBy = new ConcurrentHashMap<>();

		private long sequence;

		Load(KafkaProducer<String, String> producer, int rate, int quiet) {
			this.producer = producer;
			this.rate = rate;
			this.quiet = quiet;
		}

		// One alert of each kind, uncounted, so that the measured ones find the
		// service, its connections and the alert indices warm.
		void warmUp(FakeSlack slack) throws InterruptedException {
			Instant now = Instant.now();
			Mention famous = mention("warmup-" + now.toEpochMilli(), "quiet-0", now, 5_000_000);
			send(famous, "reach-" + famous.id());
			spikeOn("warm-up", now);
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (!slack.arrived().keySet().containsAll(List.of("reach-" + famous.id(), "storm:spike-warm-up"))
					&& System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			this.producer.flush();
			this.raisedBy.clear();
		}

		List<String> run(Duration duration, Duration spikeEvery, FakeSlack slack) throws InterruptedException {
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			long nextSpike = start + Duration.ofSeconds(1).toNanos();
			long sent = 0;
			int spike = 0;
			long sentBefore = this.acked.get();
			while (System.nanoTime() < end) {
				long due = (long) ((System.nanoTime() - start) / 1e9 * this.rate);
				Instant now = Instant.now();
				for (; sent < due; sent++) {
					send(mention("load-" + (this.sequence++), "quiet-" + (sent % this.quiet), now, 10), null);
				}
				if (System.nanoTime() >= nextSpike) {
					spike(spike++, now);
					nextSpike += spikeEvery.toNanos();
				}
				Thread.sleep(2);
			}
			this.producer.flush();
			double seconds = (System.nanoTime() - start) / 1e9;
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (!slack.arrived().keySet().containsAll(this.raisedBy.keySet()) && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			List<Long> storms = new ArrayList<>();
			List<Long> reach = new ArrayList<>();
			this.raisedBy.forEach((id, publishedAt) -> {
				Long arrived = slack.arrived().get(id);
				if (arrived != null) {
					(id.startsWith("reach-") ? reach : storms).add(arrived - publishedAt);
				}
			});
			List<Long> all = new ArrayList<>(storms);
			all.addAll(reach);
			List<String> report = new ArrayList<>();
			report.add("load achieved: %,.0f mentions/s acknowledged by Kafka (%,d in %.1f s, %d failed sends)"
				.formatted((this.acked.get() - sentBefore) / seconds, this.acked.get() - sentBefore, seconds,
						this.failed.get()));
			report.add("alerts expected %d, arrived %d, duplicate Slack posts %d".formatted(this.raisedBy.size(),
					storms.size() + reach.size(), slack.duplicates()));
			report
				.add(percentiles("spike alerts (burst of " + MIN_COUNT + " on a fresh topic), Kafka -> Slack", storms));
			report.add(percentiles("high-reach alerts, Kafka -> Slack", reach));
			report.add(percentiles("all alerts, Kafka -> Slack", all));
			report.add("each spike in order, storm / high-reach alert, ms: " + IntStream.range(0, spike)
				.mapToObj((i) -> latency(slack, "storm:spike-" + i) + " / " + latency(slack, "reach-x:famous-" + i))
				.collect(Collectors.joining(", ")));
			return report;
		}

		private String latency(FakeSlack slack, String alert) {
			Long publishedAt = this.raisedBy.get(alert);
			Long arrived = slack.arrived().get(alert);
			return (publishedAt == null || arrived == null) ? "-" : Long.toString(arrived - publishedAt);
		}

		private void spike(int spike, Instant now) {
			spikeOn(Integer.toString(spike), now);
			Mention famous = mention("famous-" + spike, "quiet-" + spike, now, 5_000_000);
			send(famous, "reach-" + famous.id());
		}

		private void spikeOn(String spike, Instant now) {
			String topic = "spike-" + spike;
			for (int i = 0; i < MIN_COUNT; i++) {
				// The last mention of the burst is the one that opens the storm.
				Mention mention = mention("spike-" + spike + "-" + i, topic, now, 10);
				send(mention, (i == MIN_COUNT - 1) ? "storm:" + topic : null);
			}
		}

		private void send(Mention mention, String alert) {
			this.producer.send(new ProducerRecord<>(KafkaTopicNames.MENTIONS, mention.id(), MentionJson.write(mention)),
					(metadata, ex) -> {
						if (ex != null) {
							this.failed.incrementAndGet();
							return;
						}
						this.acked.incrementAndGet();
						if (alert != null) {
							this.raisedBy.put(alert, metadata.timestamp());
						}
					});
		}

	}

	/**
	 * A Slack incoming webhook on this machine that answers {@code 200 ok} at once and
	 * records when each alert arrived, keyed as the load keys them: {@code reach-<mention
	 * id>}, or {@code storm:<topic>} for a storm's opening.
	 */
	private static final class FakeSlack implements AutoCloseable {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newFixedThreadPool(4);

		private final Map<String, Long> arrived = new ConcurrentHashMap<>();

		private final ConcurrentLinkedQueue<String> posts = new ConcurrentLinkedQueue<>();

		FakeSlack() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.setExecutor(this.executor);
			this.server.createContext("/", (exchange) -> {
				long now = System.currentTimeMillis();
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				JsonNode message = JSON.readTree(body);
				String text = message.path("blocks").path(0).path("text").path("text").asText();
				Matcher id = ALERT_ID.matcher(text);
				if (id.find()) {
					String alert = id.group(1);
					String key = alert.startsWith("reach-") ? alert
							: "storm:" + alert.substring(0, alert.lastIndexOf('-'));
					this.arrived.putIfAbsent(key, now);
					this.posts.add(alert);
				}
				byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, ok.length);
				exchange.getResponseBody().write(ok);
				exchange.close();
			});
			this.server.start();
		}

		URI url() {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/services/T000/B000/XXXX");
		}

		Map<String, Long> arrived() {
			return this.arrived;
		}

		long duplicates() {
			return this.posts.size() - this.posts.stream().distinct().count();
		}

		// Its threads are not daemons: left running, they would keep the benchmark's JVM
		// alive after the report.
		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

}
