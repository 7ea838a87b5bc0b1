package io.grapevine.platform.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Properties;
import java.util.concurrent.Future;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.localstack.LocalStack;
import io.grapevine.localstack.LocalStackOptions;
import io.grapevine.search.SearchServiceApplication;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.indexing.MentionIndexer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Measures, on this machine and in one run: the local stack's cold start, the indexer's
 * throughput from Kafka into Elasticsearch against a raw bulk loop into the same node,
 * and the resident memory of every process of the running platform.
 *
 * <p>
 * Run with
 * {@code ./mvnw -q -DskipTests install && ./mvnw -q -pl platform -Pbench verify}.
 */
public final class PlatformBenchmark {

	private static final ObjectMapper JSON = MentionJson.mapper();

	private PlatformBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int documents = Integer.getInteger("bench.documents", 100_000);
		Path repository = Path.of(System.getProperty("bench.repository", "..")).toAbsolutePath().normalize();
		List<String> report = new ArrayList<>();
		report.add("Grapevine benchmark on " + Runtime.getRuntime().availableProcessors() + " cores, " + documents
				+ " mentions");

		List<Mention> warmUp = sampleMentions(documents, "w");
		List<Mention> mentions = sampleMentions(documents, "b");
		try (LocalStack stack = LocalStack.start(LocalStackOptions.forTests())) {
			report.add("local stack cold start (fresh data folder): %.1f s"
				.formatted(stack.startupTime().toMillis() / 1000.0));
			Map<String, Object> properties = new HashMap<>();
			properties.put("grapevine.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
			properties.put("spring.elasticsearch.uris", stack.elasticsearchUri().toString());
			properties.put("grapevine.organization-file", repository.resolve("config/organization.yml").toString());
			properties.put("server.port", "0");
			properties.put("logging.level.root", "WARN");
			// Nobody signs in during the benchmark, but the service starts only with a
			// user.
			properties.put("grapevine.security.users[0].username", "bench");
			properties.put("grapevine.security.users[0].password-hash",
					new BCryptPasswordEncoder(4).encode(UUID.randomUUID().toString()));
			Map<String, Object> withoutIndexer = new HashMap<>(properties);
			withoutIndexer.put("grapevine.search.indexer.enabled", "false");

			// The ceiling: the same documents bulk-loaded straight into the same node,
			// after a
			// warm-up run that is not counted.
			double raw1;
			try (ConfigurableApplicationContext templateOnly = SearchServiceApplication.application()
				.run(arguments(withoutIndexer))) {
				ElasticsearchClient client = templateOnly.getBean(ElasticsearchClient.class);
				rawBulk(client, warmUp);
				deleteMentionIndices(client);
				raw1 = rawBulk(client, mentions);
				report.add("raw bulk loop, run 1: %,.0f docs/s".formatted(raw1));
				deleteMentionIndices(client);
			}

			// The indexer gets the same warm-up: a first backlog indexed by a first run
			// of the
			// service in this JVM, then the measured backlog by a second run.
			produce(stack.kafkaBootstrapServers(), warmUp);
			try (ConfigurableApplicationContext search = SearchServiceApplication.application()
				.run(arguments(properties))) {
				indexerRate(search.getBean(MeterRegistry.class), documents);
				deleteMentionIndices(search.getBean(ElasticsearchClient.class));
			}
			produce(stack.kafkaBootstrapServers(), mentions);
			double indexer;
			try (ConfigurableApplicationContext search = SearchServiceApplication.application()
				.run(arguments(properties))) {
				indexer = indexerRate(search.getBean(MeterRegistry.class), documents);
				report.add("indexer, Kafka -> Elasticsearch: %,.0f docs/s".formatted(indexer));
				deleteMentionIndices(search.getBean(ElasticsearchClient.class));
			}
			double raw2;
			try (ConfigurableApplicationContext templateOnly = SearchServiceApplication.application()
				.run(arguments(withoutIndexer))) {
				raw2 = rawBulk(templateOnly.getBean(ElasticsearchClient.class), mentions);
				report.add("raw bulk loop, run 2: %,.0f docs/s".formatted(raw2));
			}
			double ceiling = (raw1 + raw2) / 2;
			report.add("indexer / raw bulk = %.0f%% (aim: 80%% or more)".formatted(100 * indexer / ceiling));
		}

		// The rates first, so they are not lost when the local run cannot start.
		System.out.println();
		report.forEach(System.out::println);
		report.addAll(platformMemory(repository));
		System.out.println();
		report.forEach(System.out::println);
	}

	private static String[] arguments(Map<String, Object> properties) {
		// Command-line arguments win over the service's own configuration file.
		return properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

	/**
	 * Start the platform exactly as {@code run-local.sh} does, in a child process, and
	 * read the resident memory of it and of every process it started.
	 */
	private static List<String> platformMemory(Path repository) throws Exception {
		Path classpath = repository.resolve("platform/target/launcher.classpath");
		if (!Files.isRegularFile(classpath)) {
			return List.of("memory of the running platform: skipped, build it first with ./mvnw -DskipTests install");
		}
		Path data = Files.createTempDirectory("grapevine-bench-");
		List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-cp",
				repository.resolve("platform/target/classes") + ":" + Files.readString(classpath).strip(),
				"io.grapevine.platform.LocalPlatform", "--data", data.toString());
		Process launcher = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
		List<String> report = new ArrayList<>();
		Instant started = Instant.now();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null && !line.contains("in the local mailbox")) {
				if (line.contains("Grapevine is running")) {
					report.add("whole platform healthy after %d s, %s"
						.formatted(Duration.between(started, Instant.now()).toSeconds(), line.trim()));
				}
			}
			if (line == null) {
				throw new IllegalStateException("the local run ended before it was ready");
			}
			report.add("first digests in the mailbox after %d s"
				.formatted(Duration.between(started, Instant.now()).toSeconds()));
			Thread.sleep(10_000);
			long total = 0;
			List<ProcessHandle> processes = new ArrayList<>();
			processes.add(launcher.toHandle());
			launcher.toHandle().descendants().forEach(processes::add);
			for (ProcessHandle process : processes) {
				long rss = rssKb(process.pid());
				total += rss;
				report.add("  RSS %-28s %,7d MB".formatted(describe(process), rss / 1024));
			}
			report.add("  RSS %-28s %,7d MB (aim: under 3 GB)".formatted("all processes", total / 1024));
		}
		finally {
			launcher.destroy();
			launcher.waitFor();
		}
		return report;
	}

	private static String describe(ProcessHandle process) {
		String commandLine = commandLine(process.pid());
		for (String name : List.of("search-service", "ingest-service", "digest-service")) {
			if (commandLine.contains(name)) {
				return name;
			}
		}
		if (commandLine.contains("kafka.Kafka")) {
			return "kafka broker";
		}
		if (commandLine.contains("CliToolLauncher")) {
			return "elasticsearch launcher";
		}
		if (commandLine.contains("org.elasticsearch")) {
			return "elasticsearch node";
		}
		if (commandLine.contains("LocalPlatform")) {
			return "local run + mailbox";
		}
		return process.info().command().orElse("process " + process.pid());
	}

	private static String commandLine(long pid) {
		// ProcessHandle.Info leaves out the arguments of long command lines; /proc has
		// them all.
		try {
			return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
				.replace('\0', ' ');
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static List<Mention> sampleMentions(int count, String suffix) throws IOException {
		List<Mention> sample = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				PlatformBenchmark.class.getClassLoader().getResourceAsStream("demo/mentions.jsonl"),
				StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				sample.add(MentionJson.readMention(line));
			}
		}
		Instant newest = sample.stream().map(Mention::publishedAt).max(Instant::compareTo).orElseThrow();
		Duration shift = Duration.between(newest, Instant.now());
		List<Mention> mentions = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Mention m = sample.get(i % sample.size());
			mentions.add(new Mention(m.schemaVersion(), null, m.source(), m.nativeId() + "-" + suffix + i, m.url(),
					m.text(), m.author(), m.publishedAt().plus(shift), m.ingestedAt().plus(shift), m.language(),
					m.engagement(), m.inReplyTo(), m.matchedBy(), m.topics(), m.departments()));
		}
		return mentions;
	}

	private static double rawBulk(ElasticsearchClient client, List<Mention> mentions) throws IOException {
		Instant started = Instant.now();
		for (int from = 0; from < mentions.size(); from += 1000) {
			BulkRequest.Builder bulk = new BulkRequest.Builder();
			for (Mention mention : mentions.subList(from, Math.min(from + 1000, mentions.size()))) {
				ObjectNode document = JSON.valueToTree(mention);
				((ObjectNode) document.get("engagement")).put("total", mention.engagement().total());
				bulk.operations((op) -> op.index((index) -> index.index(MonthlyIndices.indexFor(mention.publishedAt()))
					.id(mention.id())
					.document(JsonData.of(document))));
			}
			BulkResponse response = client.bulk(bulk.build());
			if (response.errors()) {
				throw new IllegalStateException("raw bulk had errors: " + response.items()
					.stream()
					.filter((item) -> item.error() != null)
					.findFirst()
					.map((item) -> item.error().reason())
					.orElse(""));
			}
		}
		return mentions.size() / seconds(started);
	}

	private static void deleteMentionIndices(ElasticsearchClient client) throws IOException {
		// Elasticsearch refuses wildcard deletes by default: name the indices.
		List<String> indices = new ArrayList<>(client.indices()
			.get((get) -> get.index(MonthlyIndices.PATTERN).allowNoIndices(true))
			.result()
			.keySet());
		if (!indices.isEmpty()) {
			client.indices().delete((delete) -> delete.index(indices));
		}
	}

	private static void produce(String bootstrapServers, List<Mention> mentions) throws Exception {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			List<Future<RecordMetadata>> sent = new ArrayList<>();
			for (Mention mention : mentions) {
				sent.add(producer
					.send(new ProducerRecord<>(KafkaTopicNames.MENTIONS, mention.id(), MentionJson.write(mention))));
			}
			for (Future<RecordMetadata> future : sent) {
				future.get();
			}
		}
	}

	private static double indexerRate(MeterRegistry registry, int documents) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
		Instant first = null;
		double atFirst = 0;
		while (Instant.now().isBefore(deadline)) {
			Counter counter = registry.find(MentionIndexer.DOCUMENTS_METRIC).counter();
			double indexed = (counter != null) ? counter.count() : 0;
			if (first == null && indexed > 0) {
				first = Instant.now();
				atFirst = indexed;
			}
			if (indexed >= documents) {
				return (indexed - atFirst) / seconds(first);
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException("the indexer did not index " + documents + " mentions in 10 minutes");
	}

	private static double seconds(Instant since) {
		return Math.max(1, Duration.between(since, Instant.now()).toMillis()) / 1000.0;
	}

	static long rssKb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
			return 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the memory of process " + pid, ex);
		}
	}

}
