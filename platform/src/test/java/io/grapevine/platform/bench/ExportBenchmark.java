package io.grapevine.platform.bench;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.listening.organization.Topic;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.localstack.LocalStack;
import io.grapevine.localstack.LocalStackOptions;
import io.grapevine.platform.ServiceProcess;
import io.grapevine.search.indexing.MentionDocument;
import io.grapevine.search.indexing.MentionDocuments;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Measures, on this machine and in one run, how fast search-service exports a large
 * search and whether its memory stays flat: generated mentions are bulk-loaded into the
 * local Elasticsearch node, then all of them are exported through {@code GET
 * /api/mentions/export} over HTTP, as CSV and as NDJSON, from search-service running as
 * its own process (from its executable jar, with the heap of the local run) while its
 * used heap is sampled and its garbage collector logs the heap after every collection;
 * beside it the ceiling: the same {@code search_after} paging over a point in time sent
 * straight to Elasticsearch from this JVM.
 *
 * <p>
 * Run with
 * {@code ./mvnw -q -B -pl platform -am -Pbench verify -DskipTests -Dbench.core.skip=true -Dbench.platform.skip=true -Dbench.ingest.skip=true -Dbench.digest.skip=true -Dbench.alerts.skip=true}.
 */
public final class ExportBenchmark {

	private static final int BULK_SIZE = 5_000;

	private static final int PAGE_SIZE = 1_000;

	private static final double MIB = 1024 * 1024;

	private static final String[] WORDS = { "bus", "late", "again", "driver", "thanks", "fare", "ticket", "station",
			"lift", "broken", "clean", "crowded", "route", "night", "service", "delay", "staff", "helpful", "app",
			"card", "platform", "stop", "timetable", "ferry", "tram", "line", "today", "morning", "evening", "city",
			"retraso", "estación", "billet", "gare", "Verspätung", "Zürich", "café", "🚌", "🙄", "\"why\"" };

	private static final String[] SOURCES = { "x", "reddit", "mastodon", "bluesky", "rss", "youtube", "hackernews" };

	private static final String[] LANGUAGES = { "en", "en", "en", "es", "fr", "de" };

	private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

	private ExportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int mentions = Integer.getInteger("bench.export.mentions", 200_000);
		Path repository = Path.of(System.getProperty("bench.repository", "..")).toAbsolutePath().normalize();
		Organization organization = OrganizationFile.read(repository.resolve("config/organization.yml"));
		List<String> report = new ArrayList<>();
		report.add("Export benchmark on %d cores: %,d mentions; load average at the start: %s"
			.formatted(Runtime.getRuntime().availableProcessors(), mentions, loadAverage()));
		Path work = Files.createTempDirectory("export-bench");
		Path gcLog = work.resolve("search-service-gc.log");
		String password = UUID.randomUUID().toString();
		try (LocalStack stack = LocalStack.start(LocalStackOptions.forTests())) {
			Map<String, String> environment = new LinkedHashMap<>();
			environment.put("GRAPEVINE_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
			environment.put("GRAPEVINE_ELASTICSEARCH_URI", stack.elasticsearchUri().toString());
			environment.put("GRAPEVINE_ORGANIZATION_FILE", repository.resolve("config/organization.yml").toString());
			environment.put("GRAPEVINE_SECURITY_USERS_0_USERNAME", "bench");
			environment.put("GRAPEVINE_SECURITY_USERS_0_PASSWORDHASH", new BCryptPasswordEncoder(4).encode(password));
			// Every mention in one export, beyond the default limit of 100,000.
			environment.put("GRAPEVINE_SEARCH_EXPORT_MAXROWS", String.valueOf(mentions));
			// The heap after each collection is what the export keeps alive.
			environment.put("JAVA_TOOL_OPTIONS", "-Xlog:gc:file=" + gcLog);
			try (ServiceProcess search = ServiceProcess.start(repository, "search-service", freePort(), environment,
					work);
					RestClient rest = RestClient.builder(HttpHost.create(stack.elasticsearchUri().toString()))
						.build()) {
				search.awaitHealthy(Duration.ofMinutes(3));
				ElasticsearchClient client = new ElasticsearchClient(
						new RestClientTransport(rest, new JacksonJsonpMapper(MentionJson.mapper())));
				awaitTemplate(client);
				Instant loading = Instant.now();
				load(client, organization, mentions);
				client.indices().refresh((refresh) -> refresh.index("mentions"));
				long indexed = client.count((count) -> count.index("mentions")).count();
				report.add("bulk load through MentionDocuments: %,d mentions in %.1f s".formatted(indexed,
						seconds(loading)));
				if (indexed != mentions) {
					throw new IllegalStateException("expected " + mentions + " mentions, found " + indexed);
				}

				Exporter exporter = new Exporter(URI.create(search.url()), "bench", password, gcLog);
				report.add("service heap before the exports: " + exporter.heapNow() + " used, -Xmx384m, serial GC");
				// Warm-up passes, not counted, so each figure is of a JVM and a node that
				// have run the path before.
				exporter.export("csv", mentions);
				exporter.export("ndjson", mentions);
				rawPaging(client);
				List<Result> results = new ArrayList<>();
				for (String format : List.of("csv", "ndjson")) {
					Result result = exporter.export(format, mentions);
					results.add(result);
					report.add(result.line());
				}
				Instant raw = Instant.now();
				long rawRows = rawPaging(client);
				double rawSeconds = seconds(raw);
				double ceiling = rawRows / rawSeconds;
				report.add("ceiling, the same search_after paging over a point in time straight to Elasticsearch "
						+ "from this JVM (pages of %,d, documents read as JSON trees): %,d rows in %.1f s, %,.0f rows/s"
							.formatted(PAGE_SIZE, rawRows, rawSeconds, ceiling));
				for (Result result : results) {
					report.add("%s export / ceiling: %.0f%%".formatted(result.format(),
							100 * result.rowsPerSecond() / ceiling));
				}
			}
		}
		report.add("load average at the end: " + loadAverage());
		System.out.println();
		report.forEach(System.out::println);
	}

	/**
	 * Pages through every mention as the export does, without the service.
	 * @param client the client
	 * @return how many mentions were read
	 */
	private static long rawPaging(ElasticsearchClient client) throws IOException {
		Time keepAlive = Time.of((time) -> time.time("5m"));
		String pit = client.openPointInTime((open) -> open.index("mentions").keepAlive(keepAlive)).id();
		long rows = 0;
		List<FieldValue> after = List.of();
		try {
			while (true) {
				String current = pit;
				List<FieldValue> from = after;
				SearchResponse<ObjectNode> page = client.search((search) -> {
					search.pit((reference) -> reference.id(current).keepAlive(keepAlive))
						.trackTotalHits((track) -> track.enabled(from.isEmpty()))
						.size(PAGE_SIZE)
						.source((source) -> source
							.filter((filter) -> filter.excludes("match", "site", "clusterKey", "ownedCheck")))
						.sort((sort) -> sort.field((field) -> field.field("publishedAt").order(SortOrder.Desc)))
						.sort((sort) -> sort.field((field) -> field.field("id").order(SortOrder.Desc)));
					if (!from.isEmpty()) {
						search.searchAfter(from);
					}
					return search;
				}, ObjectNode.class);
				if (page.pitId() != null) {
					pit = page.pitId();
				}
				int hits = page.hits().hits().size();
				rows += hits;
				if (hits < PAGE_SIZE) {
					return rows;
				}
				after = page.hits().hits().get(hits - 1).sort();
			}
		}
		finally {
			String last = pit;
			client.closePointInTime((close) -> close.id(last));
		}
	}

	private static void load(ElasticsearchClient client, Organization organization, int mentions) throws IOException {
		SplittableRandom random = new SplittableRandom(20261207);
		List<Topic> topics = organization.topics();
		List<BulkOperation> operations = new ArrayList<>(BULK_SIZE);
		Instant now = Instant.now();
		long spanSeconds = Duration.ofDays(30).toSeconds();
		for (int i = 0; i < mentions; i++) {
			Topic topic = topics.get(random.nextInt(topics.size()));
			StringBuilder text = new StringBuilder();
			for (int w = 0, words = 12 + random.nextInt(30); w < words; w++) {
				text.append(WORDS[random.nextInt(WORDS.length)]).append((random.nextInt(8) == 0) ? ", " : " ");
			}
			text.append(topic.name());
			double score = random.nextDouble() * 2 - 1;
			Sentiment label = (score > 0.2) ? Sentiment.POSITIVE
					: (score < -0.2) ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
			String source = SOURCES[random.nextInt(SOURCES.length)];
			long followers = (long) Math.pow(10, random.nextDouble() * 6);
			int author = random.nextInt(50_000);
			Mention mention = new Mention(Mention.SCHEMA_VERSION, null, source, "export-" + i,
					URI.create("https://" + source + ".example/posts/" + i), text.toString(),
					new Author("rider_" + author, Optional.of("Rider " + author), Optional.of(followers),
							Optional.empty()),
					now.minusSeconds(1 + random.nextLong(spanSeconds)), now, Optional.of(LANGUAGES[random.nextInt(6)]),
					new Engagement(random.nextInt(50), random.nextInt(10), random.nextInt(10)), Optional.empty(),
					Optional.of("bench"), List.of(topic.id()), List.of(topic.department()),
					Optional.of(new SentimentScore(score, label)), Optional.empty(),
					Optional.of(Math.log10(1 + followers)), List.of());
			// One mention in a hundred is the organization's own post, which has no
			// handling.
			if (random.nextInt(100) == 0) {
				mention = mention.withOwner(true, Optional.empty(), Optional.empty());
			}
			MentionDocument document = MentionDocuments.from(MentionJson.write(mention));
			BinaryData body = BinaryData.of(document.source(), ContentType.APPLICATION_JSON);
			operations.add(BulkOperation.of((operation) -> operation
				.index((index) -> index.index(document.index()).id(document.id()).document(body))));
			if (operations.size() == BULK_SIZE) {
				bulk(client, operations);
				operations.clear();
			}
		}
		if (!operations.isEmpty()) {
			bulk(client, operations);
		}
	}

	private static void bulk(ElasticsearchClient client, List<BulkOperation> operations) throws IOException {
		BulkResponse response = client.bulk(BulkRequest.of((bulk) -> bulk.operations(operations)));
		if (response.errors()) {
			throw new IllegalStateException("bulk had errors: " + response.items()
				.stream()
				.filter((item) -> item.error() != null)
				.findFirst()
				.map((item) -> item.error().reason())
				.orElse(""));
		}
	}

	private static void awaitTemplate(ElasticsearchClient client) throws IOException, InterruptedException {
		// The indexer puts the index template (mappings and the alias) when it starts.
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		while (!client.indices().existsIndexTemplate((exists) -> exists.name("mentions")).value()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("search-service did not put the index template within 2 minutes");
			}
			Thread.sleep(250);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "%.2f"
				.formatted(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	private static double seconds(Instant started) {
		return Duration.between(started, Instant.now()).toNanos() / 1e9;
	}

	/**
	 * Exports through the service over HTTP, reading every byte as a client would, while
	 * its heap is watched.
	 */
	private static final class Exporter {

		private final URI base;

		private final String authorization;

		private final Path gcLog;

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		Exporter(URI base, String username, String password, Path gcLog) {
			this.base = base;
			this.authorization = "Basic "
					+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
			this.gcLog = gcLog;
		}

		Result export(String format, int expected) throws Exception {
			long gcLogStart = Files.size(this.gcLog);
			AtomicLong peakUsed = new AtomicLong();
			ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
			sampler.scheduleWithFixedDelay(() -> {
				try {
					peakUsed.accumulateAndGet(heapUsed(), Math::max);
				}
				catch (Exception ex) {
					// The next sample will do.
				}
			}, 0, 100, TimeUnit.MILLISECONDS);
			String load = loadAverage();
			Instant started = Instant.now();
			HttpResponse<InputStream> response = this.http
				.send(HttpRequest.newBuilder(this.base.resolve("/api/mentions/export?format=" + format))
					.header("Authorization", this.authorization)
					.build(), HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("export answered " + response.statusCode());
			}
			long bytes = 0;
			long lineFeeds = 0;
			try (InputStream body = response.body()) {
				byte[] buffer = new byte[64 * 1024];
				for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
					bytes += read;
					for (int i = 0; i < read; i++) {
						if (buffer[i] == '\n') {
							lineFeeds++;
						}
					}
				}
			}
			double seconds = seconds(started);
			sampler.shutdownNow();
			sampler.awaitTermination(5, TimeUnit.SECONDS);
			// The generated texts hold no line breaks: one line a mention, and CSV's
			// header.
			long rows = format.equals("csv") ? lineFeeds - 1 : lineFeeds;
			if (rows != expected) {
				throw new IllegalStateException(format + " export held " + rows + " rows, expected " + expected);
			}
			return new Result(format, rows, bytes, seconds, peakUsed.get(), gcAfter(gcLogStart), load, loadAverage());
		}

		String heapNow() throws Exception {
			return megabytes(heapUsed());
		}

		private long heapUsed() throws Exception {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(this.base.resolve("/actuator/metrics/jvm.memory.used?tag=area:heap"))
					.header("Authorization", this.authorization)
					.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode answer = MentionJson.mapper().readTree(response.body());
			return answer.path("measurements").path(0).path("value").asLong();
		}

		/**
		 * The collections logged since a point of the GC log.
		 * @param from the log's length before the export
		 * @return how many, and the most heap left after one, in bytes
		 */
		private long[] gcAfter(long from) throws IOException {
			byte[] log = Files.readAllBytes(this.gcLog);
			String since = new String(log, (int) Math.min(from, log.length),
					(int) (log.length - Math.min(from, log.length)), StandardCharsets.UTF_8);
			long count = 0;
			long maxAfter = 0;
			Matcher matcher = GC_LINE.matcher(since);
			while (matcher.find()) {
				count++;
				maxAfter = Math.max(maxAfter, bytes(matcher.group(3), matcher.group(4)));
			}
			return new long[] { count, maxAfter };
		}

		private static long bytes(String value, String unit) {
			long number = Long.parseLong(value);
			return switch (unit) {
				case "K" -> number * 1024;
				case "M" -> number * 1024 * 1024;
				default -> number * 1024 * 1024 * 1024;
			};
		}

	}

	/**
	 * One measured export.
	 *
	 * @param format csv or ndjson
	 * @param rows mentions exported
	 * @param bytes bytes read
	 * @param seconds from the request to the last byte
	 * @param peakUsed the most used heap sampled during the export
	 * @param gc collections during the export and the most heap one left
	 * @param loadBefore load average when it started
	 * @param loadAfter load average when it ended
	 */
	private record Result(String format, long rows, long bytes, double seconds, long peakUsed, long[] gc,
			String loadBefore, String loadAfter) {

		double rowsPerSecond() {
			return this.rows / this.seconds;
		}

		String line() {
			return ("%s export over HTTP: %,d rows, %s in %.1f s: %,.0f rows/s (%.1f MiB/s); service heap: peak used "
					+ "%s (sampled every 100 ms), at most %s left after each of %d collections; load average %s -> %s")
				.formatted(this.format, this.rows, megabytes(this.bytes), this.seconds, rowsPerSecond(),
						this.bytes / this.seconds / MIB, megabytes(this.peakUsed), megabytes(this.gc[1]), this.gc[0],
						this.loadBefore, this.loadAfter);
		}

	}

	private static String megabytes(long bytes) {
		return "%.0f MiB".formatted(bytes / MIB);
	}

}
