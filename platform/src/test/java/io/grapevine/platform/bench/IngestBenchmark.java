package io.grapevine.platform.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grapevine.ingest.IngestApplication;
import io.grapevine.kafka.GrapevineKafkaAutoConfiguration;
import io.grapevine.kafka.GrapevineKafkaProperties;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.localstack.LocalStack;
import io.grapevine.localstack.LocalStackOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.core.publisher.Flux;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the ingest side on this machine and in one run: how many full pages each
 * source's mapper maps per second, and how many mentions per second the running ingest
 * service carries from a fast local Mastodon API into Kafka, against a raw
 * {@code KafkaSender} loop of the same JSON into the same broker.
 *
 * <p>
 * Run with
 * {@code ./mvnw -q -DskipTests install && ./mvnw -q -pl platform -Pbench verify}; the
 * platform benchmark can be left out with {@code -Dbench.platform.skip=true}.
 */
public final class IngestBenchmark {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String HASHTAG = "hctransit";

	private static final String WARM_UP_HASHTAG = "warmup";

	private IngestBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int mentions = Integer.getInteger("bench.ingest.mentions", 40_000);
		Duration mapperTime = Duration.ofMillis(Long.getLong("bench.mapper.millis", 3000));
		List<String> report = new ArrayList<>();
		report.add("Grapevine ingest benchmark on " + Runtime.getRuntime().availableProcessors() + " cores");
		report.addAll(mappers(mapperTime));
		report.addAll(ingestPath(mentions));
		System.out.println();
		report.forEach(System.out::println);
	}

	// (a) Mappers, on full pages built from each source's test page.

	private static List<String> mappers(Duration time) {
		List<String> report = new ArrayList<>();
		report.add("mappers, full pages, " + time.toMillis() + " ms each after as long a warm-up:");
		List<MapperCase> cases = List.of(
				new MapperCase("x", "io.grapevine.ingest.source.x.XPageMapper", "x/page-good.json", 100,
						(root) -> (ArrayNode) root.get("data")),
				new MapperCase("reddit", "io.grapevine.ingest.source.reddit.RedditListingMapper",
						"reddit/listing-good.json", 100, (root) -> (ArrayNode) root.path("data").get("children")),
				new MapperCase("mastodon", "io.grapevine.ingest.source.mastodon.MastodonPageMapper",
						"mastodon/page-good.json", 40, (root) -> (ArrayNode) root),
				new MapperCase("hackernews", "io.grapevine.ingest.source.hackernews.HackerNewsPageMapper",
						"hackernews/page-good.json", 100, (root) -> (ArrayNode) root.get("hits")),
				new MapperCase("youtube", "io.grapevine.ingest.source.youtube.YouTubeCommentMapper",
						"youtube/comment-threads.json", 100, (root) -> (ArrayNode) root.get("items")),
				new MapperCase("bluesky", "io.grapevine.ingest.source.bluesky.BlueskySearchMapper",
						"bluesky/search-good.json", 100, (root) -> (ArrayNode) root.get("posts")));
		for (MapperCase mapperCase : cases) {
			try {
				report.add(mapperCase.measure(time));
			}
			catch (Exception | LinkageError ex) {
				report.add("  %-11s skipped: %s: %s".formatted(mapperCase.name(), ex.getClass().getSimpleName(),
						ex.getMessage()));
			}
		}
		try {
			report.add(rssMapper(time));
		}
		catch (Exception | LinkageError ex) {
			report.add("  rss         skipped: " + ex);
		}
		try {
			report.add(webhookMapper(time));
		}
		catch (Exception | LinkageError ex) {
			report.add("  webhook     skipped: " + ex);
		}
		return report;
	}

	/**
	 * The RSS mapper on an RSS 2.0 document of 100 entries like a news site's, every one
	 * new to the feed.
	 */
	private static String rssMapper(Duration time) throws Exception {
		StringBuilder xml = new StringBuilder("""
				<?xml version="1.0" encoding="UTF-8"?>
				<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" \
				xmlns:content="http://purl.org/rss/1.0/modules/content/">
				  <channel>
				    <title>Harbor City Gazette &#8211; Transport</title>
				    <link>https://gazette.example.org/transport/</link>
				    <description>Transport news from Harbor City</description>
				    <language>en-gb</language>
				""");
		for (int i = 0; i < 100; i++) {
			xml.append("""
					    <item>
					      <title>Night buses return to the T5 corridor &amp; the harbour (%1$d)</title>
					      <link>https://gazette.example.org/transport/2026/11/21/night-buses-%1$d</link>
					      <guid isPermaLink="false">gazette-%1$d</guid>
					      <dc:creator>Priya Raman</dc:creator>
					      <pubDate>Sat, 21 Nov 2026 18:00:00 +0100</pubDate>
					      <content:encoded><![CDATA[<p>From Monday the <strong>N5</strong> runs every 20&nbsp;minutes \
					&ndash; a win for night workers, and the number %1$d bus was delayed again.</p>]]></content:encoded>
					    </item>
					""".formatted(i));
		}
		xml.append("  </channel>\n</rss>\n");
		byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
		Class<?> mapperType = Class.forName("io.grapevine.ingest.source.rss.RssFeedMapper");
		Constructor<?> constructor = mapperType.getDeclaredConstructor(String.class, Clock.class);
		constructor.setAccessible(true);
		Object mapper = constructor.newInstance("rss:bench", Clock.systemUTC());
		Class<?> feedType = Class.forName("io.grapevine.ingest.source.rss.RssSettings$Feed");
		Constructor<?> feedConstructor = feedType.getDeclaredConstructor(URI.class, String.class);
		feedConstructor.setAccessible(true);
		Object feed = feedConstructor.newInstance(URI.create("https://gazette.example.org/transport/feed"), "gazette");
		Method map = mapperType.getDeclaredMethod("map", feedType, byte[].class, Optional.class, Set.class, int.class);
		map.setAccessible(true);
		return rate("rss", 100, time,
				() -> map.invoke(mapper, feed, body, Optional.of("application/rss+xml"), Set.of(), 1000));
	}

	private static String webhookMapper(Duration time) throws Exception {
		ArrayNode body = JSON.createArrayNode();
		for (int i = 0; i < 100; i++) {
			ObjectNode item = body.addObject();
			item.put("id", "case-" + i);
			item.put("url", "https://crm.example.org/cases/" + i);
			item.put("text", "Customer reports the number 4 bus was delayed again this morning at Central (" + i + ")");
			item.putObject("author").put("handle", "rider_" + i).put("displayName", "Rider " + i).put("followers", i);
			item.put("publishedAt", "2026-11-21T09:30:00Z");
			item.put("language", "en");
			item.putObject("engagement").put("likes", 3).put("shares", 1).put("replies", 2);
		}
		byte[] bytes = JSON.writeValueAsBytes(body);
		Class<?> settingsType = Class.forName("io.grapevine.ingest.source.webhook.WebhookSettings");
		Object settings = new Binder(new MapConfigurationPropertySource(Map.of("s.secret", "bench-only")))
			.bindOrCreate("s", settingsType);
		Class<?> endpointType = Class.forName("io.grapevine.ingest.source.webhook.WebhookEndpoint");
		Object endpoint = endpointType.getConstructor(String.class, settingsType).newInstance("bench", settings);
		Method map = endpointType.getMethod("map", byte[].class, Instant.class);
		return rate("webhook", 100, time, () -> map.invoke(endpoint, bytes, Instant.now()));
	}

	private static String rate(String name, int pageSize, Duration time, Call call) throws Exception {
		int mapped = mentionCount(call.run());
		if (mapped == 0) {
			return "  %-11s skipped: the page mapped to no mention".formatted(name);
		}
		loop(time, call);
		long pages = loop(time, call);
		double perSecond = pages / (time.toNanos() / 1e9);
		return "  %-11s %,9.0f pages/s  %,10.0f mentions/s  (%d items a page, %d mapped)".formatted(name, perSecond,
				perSecond * mapped, pageSize, mapped);
	}

	private static long loop(Duration time, Call call) throws Exception {
		long end = System.nanoTime() + time.toNanos();
		long pages = 0;
		while (System.nanoTime() < end) {
			call.run();
			pages++;
		}
		return pages;
	}

	private static int mentionCount(Object mapped) throws Exception {
		for (Method method : mapped.getClass().getMethods()) {
			if (method.getName().equals("mentions") && method.getParameterCount() == 0) {
				method.setAccessible(true);
				return ((List<?>) method.invoke(mapped)).size();
			}
		}
		throw new IllegalStateException("the mapper answered " + mapped);
	}

	@FunctionalInterface
	interface Call {

		Object run() throws Exception;

	}

	record MapperCase(String name, String mapperClass, String fixture, int pageSize,
			Function<JsonNode, ArrayNode> items) {

		String measure(Duration time) throws Exception {
			String body = fullPage();
			Class<?> type = Class.forName(this.mapperClass);
			Constructor<?> constructor = type.getDeclaredConstructors()[0];
			constructor.setAccessible(true);
			Object mapper = constructor.newInstance(arguments(constructor.getParameterTypes(), null));
			Method map = null;
			for (Method method : type.getDeclaredMethods()) {
				if (method.getName().equals("map") && method.getParameterCount() > 0
						&& method.getParameterTypes()[0] == String.class) {
					map = method;
				}
			}
			if (map == null) {
				throw new NoSuchMethodException(this.mapperClass + ".map(String, ...)");
			}
			map.setAccessible(true);
			Method mapMethod = map;
			Object[] arguments = arguments(map.getParameterTypes(), body);
			return rate(this.name, this.pageSize, time, () -> mapMethod.invoke(mapper, arguments));
		}

		private String fullPage() throws IOException {
			try (InputStream in = IngestBenchmark.class.getClassLoader().getResourceAsStream(this.fixture)) {
				if (in == null) {
					throw new IOException("no test page " + this.fixture + " on the class path");
				}
				JsonNode root = JSON.readTree(in);
				ArrayNode items = this.items.apply(root);
				List<JsonNode> originals = new ArrayList<>();
				items.forEach(originals::add);
				items.removeAll();
				for (int i = 0; i < this.pageSize; i++) {
					items.add(originals.get(i % originals.size()).deepCopy());
				}
				return JSON.writeValueAsString(root);
			}
		}

		private static Object[] arguments(Class<?>[] types, String body) {
			Object[] arguments = new Object[types.length];
			boolean bodyGiven = false;
			for (int i = 0; i < types.length; i++) {
				if (types[i] == Clock.class) {
					arguments[i] = Clock.systemUTC();
				}
				else if (types[i] == Optional.class) {
					arguments[i] = Optional.empty();
				}
				else if (types[i] == String.class) {
					arguments[i] = (body != null && !bodyGiven) ? body : "bench";
					bodyGiven = true;
				}
				else {
					throw new IllegalArgumentException("cannot make a " + types[i].getSimpleName() + " argument");
				}
			}
			return arguments;
		}

	}

	// (b) The whole ingest path against a raw sender.

	private static List<String> ingestPath(int mentions) throws Exception {
		List<String> report = new ArrayList<>();
		int warmUp = Math.max(4_000, mentions / 10);
		try (LocalStack stack = LocalStack.start(LocalStackOptions.forTests())) {
			String bootstrap = stack.kafkaBootstrapServers();
			GrapevineKafkaProperties kafka = new Binder(
					new MapConfigurationPropertySource(Map.of("grapevine.kafka.bootstrap-servers", bootstrap)))
				.bindOrCreate("grapevine.kafka", GrapevineKafkaProperties.class);
			long published = 0;
			List<Double> rates = new ArrayList<>();
			List<Double> cpu = new ArrayList<>();
			for (int instances : List.of(1, 4)) {
				Measure measure = ingest(bootstrap, instances, warmUp, mentions, published);
				double rate = measure.perSecond();
				published += warmUp + mentions;
				rates.add(rate);
				cpu.add(measure.cpuMicros());
				report.add(("ingest path, fast fake Mastodon -> ingest service -> Kafka, %d instance%s at once: "
						+ "%,.0f mentions/s (pages of 40, %.2f ms a page in each instance: fetch, map, enrich, tag, "
						+ "publish, store the cursor)")
					.formatted(instances, (instances == 1) ? "" : "s", rate, instances * 40 * 1000.0 / rate));
				String busiest = measure.cpuMicrosByThreads()
					.entrySet()
					.stream()
					.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
					.limit(6)
					.map((entry) -> "%s %.1f".formatted(entry.getKey(), entry.getValue()))
					.collect(Collectors.joining(", "));
				report.add("  CPU µs a mention, by threads of this process: " + busiest);
			}
			List<ConsumerRecord<String, String>> written = read(bootstrap, published);
			List<ConsumerRecord<String, String>> measured = written.subList(written.size() - mentions, written.size());
			// A first, uncounted loop warms the sender up as the warm-up hashtags
			// warmed up the service.
			rawSend(kafka, written.subList(0, warmUp));
			Measure raw1 = rawSend(kafka, measured);
			Measure raw2 = rawSend(kafka, measured);
			double ceiling = (raw1.perSecond() + raw2.perSecond()) / 2;
			report.add("raw KafkaSender loop of the same %,d records, same broker: %,.0f and %,.0f records/s"
				.formatted(measured.size(), raw1.perSecond(), raw2.perSecond()));
			report.add(("CPU time of this process (the ingest service and the fake API, or the raw loop; the broker "
					+ "is another process): %.1f µs a mention with 1 instance, %.1f with 4; raw loop %.1f µs a record")
				.formatted(cpu.get(0), cpu.get(1), (raw1.cpuMicros() + raw2.cpuMicros()) / 2));
			report.add("ingest path / raw sender = %.0f%% with 1 instance, %.0f%% with 4 (aim: 70%% or more)"
				.formatted(100 * rates.get(0) / ceiling, 100 * rates.get(1) / ceiling));
		}
		return report;
	}

	/**
	 * Run the ingest service with instances of the Mastodon source, each reading its own
	 * warm-up hashtag and then its share of the measured mentions.
	 * @return the measured mentions per second, from the first request for a measured
	 * hashtag to the last mention in Kafka
	 */
	private static Measure ingest(String bootstrap, int instances, int warmUp, int mentions, long alreadyPublished)
			throws Exception {
		Map<String, Integer> statuses = new HashMap<>();
		for (int i = 0; i < instances; i++) {
			statuses.put(WARM_UP_HASHTAG + instances + "x" + i, warmUp / instances);
			statuses.put(HASHTAG + instances + "x" + i, mentions / instances);
		}
		try (FastMastodon api = new FastMastodon(statuses)) {
			Path organization = Files.createTempFile("grapevine-bench-organization", ".yml");
			Files.writeString(organization, organizationFile(api.baseUrl(), instances));
			Map<String, Object> properties = new HashMap<>();
			properties.put("grapevine.kafka.bootstrap-servers", bootstrap);
			properties.put("grapevine.organization-file", organization.toString());
			properties.put("server.port", "0");
			properties.put("logging.level.root", "WARN");
			properties.put("grapevine.security.users[0].username", "bench");
			properties.put("grapevine.security.users[0].password-hash",
					new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4)
						.encode(java.util.UUID.randomUUID().toString()));
			try (ConfigurableApplicationContext context = IngestApplication.application()
				.properties(properties)
				.run()) {
				long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
				Long started = null;
				long cpuStarted = 0;
				Map<String, Long> threadsStarted = Map.of();
				while (started == null && System.nanoTime() < deadline) {
					cpuStarted = cpuNanos();
					threadsStarted = threadCpuNanos();
					started = api.firstRequest((hashtag) -> hashtag.startsWith(HASHTAG));
					Thread.sleep(1);
				}
				if (started == null) {
					throw new IllegalStateException("the ingest service did not start reading in time");
				}
				long total = alreadyPublished + (long) (warmUp / instances) * instances
						+ (long) (mentions / instances) * instances;
				long done = awaitEndOffsets(bootstrap, total, deadline);
				long measured = (long) (mentions / instances) * instances;
				long cpu = cpuNanos() - cpuStarted;
				Map<String, Long> threads = threadCpuNanos();
				Map<String, Double> perGroup = new java.util.TreeMap<>();
				long javaThreads = 0;
				for (Map.Entry<String, Long> thread : threads.entrySet()) {
					long spent = thread.getValue() - threadsStarted.getOrDefault(thread.getKey(), 0L);
					javaThreads += spent;
					perGroup.merge(group(thread.getKey()), spent / 1e3 / measured, Double::sum);
				}
				perGroup.put("(not Java threads: garbage collector, compiler)", (cpu - javaThreads) / 1e3 / measured);
				return new Measure(measured / ((done - started) / 1e9), cpu / 1e3 / measured, perGroup);
			}
		}
	}

	private static String organizationFile(String baseUrl, int instances) {
		StringBuilder sources = new StringBuilder();
		for (int i = 0; i < instances; i++) {
			sources.append("""
					  - type: mastodon
					    name: bench-%d
					    settings:
					      base-url: %s
					      hashtags: [%s, %s]
					      poll-interval: 1h
					      limit: 40
					""".formatted(i, baseUrl, WARM_UP_HASHTAG + instances + "x" + i, HASHTAG + instances + "x" + i));
		}
		return """
				name: Harbor City Transit
				departments:
				  - id: operations
				    name: Operations
				    topics:
				      - id: delays
				        name: Delays
				        keywords: [delay, delayed, late, "#hctransit"]
				  - id: customer-service
				    name: Customer Service
				    topics:
				      - id: staff-praise
				        name: Praise for staff
				        keywords: [driver, drivers, friendly]
				sources:
				""" + sources;
	}

	private static Measure rawSend(GrapevineKafkaProperties kafka, List<ConsumerRecord<String, String>> records) {
		KafkaSender<String, String> sender = KafkaSender.create(GrapevineKafkaAutoConfiguration.senderOptions(kafka));
		try {
			long started = System.nanoTime();
			long cpuStarted = cpuNanos();
			sender.send(Flux.fromIterable(records)
				.map((record) -> SenderRecord.create(
						new ProducerRecord<>(KafkaTopicNames.MENTIONS, record.key(), record.value()), record.key())))
				.doOnNext((result) -> {
					if (result.exception() != null) {
						throw new IllegalStateException(result.exception());
					}
				})
				.then()
				.block();
			return new Measure(records.size() / ((System.nanoTime() - started) / 1e9),
					(cpuNanos() - cpuStarted) / 1e3 / records.size(), Map.of());
		}
		finally {
			sender.close();
		}
	}

	/**
	 * The CPU time this process has used, on every thread.
	 */
	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * A measured rate and the CPU time of this process it took.
	 *
	 * @param perSecond records or mentions a second
	 * @param cpuMicros microseconds of CPU a record or mention
	 */
	record Measure(double perSecond, double cpuMicros, Map<String, Double> cpuMicrosByThreads) {
	}

	/**
	 * The CPU time each live thread of this process has used, by thread id and name.
	 */
	private static Map<String, Long> threadCpuNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, Long> spent = new HashMap<>();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null) {
				long nanos = threads.getThreadCpuTime(info.getThreadId());
				if (nanos > 0) {
					spent.put(info.getThreadId() + " " + info.getThreadName(), nanos);
				}
			}
		}
		return spent;
	}

	/**
	 * A thread's kind: its name without the id and numbers.
	 */
	private static String group(String idAndName) {
		String name = idAndName.substring(idAndName.indexOf(' ') + 1);
		return name.replaceAll("[-#]?\\d+", "").replaceAll("\\s*\\|.*", "").strip();
	}

	private static long awaitEndOffsets(String bootstrap, long total, long deadline) throws InterruptedException {
		try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
			List<TopicPartition> partitions = partitions(consumer);
			while (System.nanoTime() < deadline) {
				long sum = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
				if (sum >= total) {
					return System.nanoTime();
				}
				Thread.sleep(10);
			}
		}
		throw new IllegalStateException("the ingest service did not publish " + total + " mentions in time");
	}

	private static List<ConsumerRecord<String, String>> read(String bootstrap, long count) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
			List<TopicPartition> partitions = partitions(consumer);
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (records.size() < count) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
		}
		records.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
		return records;
	}

	private static KafkaConsumer<String, String> consumer(String bootstrap) {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
						false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
				new StringDeserializer(), new StringDeserializer());
	}

	private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
		return consumer.partitionsFor(KafkaTopicNames.MENTIONS, Duration.ofSeconds(30))
			.stream()
			.map((info) -> new TopicPartition(KafkaTopicNames.MENTIONS, info.partition()))
			.toList();
	}

	/**
	 * A Mastodon tag timeline that answers as fast as it can: pages of 40 statuses
	 * rendered before the run, paged forward with {@code min_id} and {@code Link
	 * rel="prev"} as the real server does, then an empty page once a hashtag's statuses
	 * are all read.
	 */
	static final class FastMastodon implements AutoCloseable {

		private static final String PATH = "/api/v1/timelines/tag/";

		private final HttpServer server;

		private final Map<String, List<byte[]>> pages = new HashMap<>();

		private final Map<String, Long> firstRequests = new ConcurrentHashMap<>();

		FastMastodon(Map<String, Integer> statuses) throws IOException {
			long id = 115_000_000_000_000_000L;
			for (Map.Entry<String, Integer> hashtag : statuses.entrySet()) {
				List<byte[]> rendered = new ArrayList<>();
				for (int first = 0; first < hashtag.getValue(); first += 40) {
					ArrayNode page = JSON.createArrayNode();
					int count = Math.min(40, hashtag.getValue() - first);
					for (int i = count - 1; i >= 0; i--) {
						page.add(status(id + first + i, hashtag.getKey(), first + i));
					}
					rendered.add(JSON.writeValueAsBytes(page));
				}
				this.pages.put(hashtag.getKey(), rendered);
				id += 1_000_000;
			}
			// The JDK server leaves Nagle's algorithm on, which with delayed
			// acknowledgements holds each small answer back about 40 ms: that would
			// measure the fake, not the ingest path. It reads the setting once, when its
			// first server starts.
			System.setProperty("sun.net.httpserver.nodelay", "true");
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
			this.server.setExecutor(Executors.newFixedThreadPool(2));
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		Long firstRequest(Predicate<String> hashtags) {
			return this.firstRequests.entrySet()
				.stream()
				.filter((entry) -> hashtags.test(entry.getKey()))
				.map(Map.Entry::getValue)
				.min(Long::compare)
				.orElse(null);
		}

		private void handle(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			String hashtag = path.startsWith(PATH) ? path.substring(PATH.length()) : "";
			List<byte[]> rendered = this.pages.get(hashtag);
			if (rendered == null) {
				answer(exchange, 404, "{\"error\":\"Record not found\"}".getBytes(StandardCharsets.UTF_8), null);
				return;
			}
			this.firstRequests.putIfAbsent(hashtag, System.nanoTime());
			String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
			int next = 0;
			for (String pair : query.split("&")) {
				if (pair.startsWith("min_id=")) {
					// min_id is <page number + 1> here: a page's prev link names the next
					// page.
					next = Integer.parseInt(pair.substring("min_id=".length()));
				}
			}
			if (next >= rendered.size()) {
				answer(exchange, 200, "[]".getBytes(StandardCharsets.UTF_8), null);
				return;
			}
			String link = "<" + baseUrl() + PATH + hashtag + "?max_id=" + next + ">; rel=\"next\", <" + baseUrl() + PATH
					+ hashtag + "?min_id=" + (next + 1) + ">; rel=\"prev\"";
			answer(exchange, 200, rendered.get(next), link);
		}

		private static void answer(HttpExchange exchange, int status, byte[] body, String link) throws IOException {
			exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
			exchange.getResponseHeaders().set("X-RateLimit-Limit", "300");
			exchange.getResponseHeaders().set("X-RateLimit-Remaining", "299");
			if (link != null) {
				exchange.getResponseHeaders().set("Link", link);
			}
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

		private static ObjectNode status(long id, String hashtag, int n) {
			ObjectNode status = JSON.createObjectNode();
			status.put("id", String.valueOf(id));
			status.put("created_at", Instant.parse("2026-11-21T08:00:00Z").plusSeconds(n).toString());
			status.putNull("in_reply_to_id");
			status.putNull("in_reply_to_account_id");
			status.put("sensitive", false);
			status.put("spoiler_text", "");
			status.put("visibility", "public");
			status.put("language", "en");
			status.put("uri", "https://mastodon.social/users/rider" + (n % 500) + "/statuses/" + id);
			status.put("url", "https://mastodon.social/@rider" + (n % 500) + "/" + id);
			status.put("replies_count", n % 7);
			status.put("reblogs_count", n % 5);
			status.put("favourites_count", n % 11);
			String text = switch (n % 3) {
				case 0 -> "The number 4 bus was delayed again at Central this morning, twenty minutes late";
				case 1 -> "Shout-out to the friendly driver on the harbour line who waited for my mum";
				default -> "New timetable posters are up at the ferry terminal, anyone read them yet?";
			};
			status.put("content", "<p>" + text + " <a href=\"https://mastodon.social/tags/" + hashtag
					+ "\" class=\"mention hashtag\" rel=\"tag\">#<span>" + hashtag + "</span></a></p>");
			status.putNull("reblog");
			status.putObject("application").put("name", "Web").putNull("website");
			ObjectNode account = status.putObject("account");
			account.put("id", String.valueOf(109_000 + n % 500));
			account.put("username", "rider" + (n % 500));
			account.put("acct", "rider" + (n % 500));
			account.put("display_name", "Rider " + (n % 500));
			account.put("locked", false);
			account.put("bot", false);
			account.put("created_at", "2022-11-05T00:00:00.000Z");
			account.put("note", "<p>Commuter. Opinions my own.</p>");
			account.put("url", "https://mastodon.social/@rider" + (n % 500));
			account.put("avatar", "https://files.mastodon.social/accounts/avatars/rider.png");
			account.put("followers_count", 100 + n % 900);
			account.put("following_count", 80);
			account.put("statuses_count", 1200);
			status.putArray("media_attachments");
			status.putArray("mentions");
			status.putArray("tags")
				.addObject()
				.put("name", hashtag)
				.put("url", "https://mastodon.social/tags/" + hashtag);
			status.putArray("emojis");
			status.putNull("card");
			status.putNull("poll");
			return status;
		}

		@Override
		public void close() {
			this.server.stop(0);
			((ExecutorService) this.server.getExecutor()).shutdownNow();
		}

	}

}
