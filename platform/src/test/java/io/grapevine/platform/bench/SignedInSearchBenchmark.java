package io.grapevine.platform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.Sha256;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.localstack.LocalStack;
import io.grapevine.localstack.LocalStackOptions;
import io.grapevine.search.SearchServiceApplication;
import io.grapevine.search.index.MentionIndexTemplate;
import io.grapevine.search.indexing.MentionDocument;
import io.grapevine.search.indexing.MentionDocuments;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.mentions.MentionQuery;
import io.grapevine.search.mentions.elasticsearch.MentionSearch;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Measures what signing in costs a script or service that calls the search API: a keyword
 * search ({@code /api/mentions?q=fare}) asked by 1 and by 8 clients at once, each call
 * signed in with an API token, with HTTP Basic (bcrypt at cost 10, as the local run
 * hashes passwords; the check remembered, as the service does by default), and with HTTP
 * Basic checked by bcrypt on every call (as before it was remembered), beside the same
 * search request sent straight to Elasticsearch from the same JVM. Prints the p50 and p95
 * of each and the ratio of the p95s to Elasticsearch's.
 *
 * <p>
 * Run with
 * {@code ./mvnw -q -B -pl platform -am -Pbench verify -DskipTests -Dbench.core.skip=true -Dbench.platform.skip=true -Dbench.ingest.skip=true -Dbench.digest.skip=true -Dbench.alerts.skip=true -Dbench.export.skip=true -Dbench.executive.skip=true -Dbench.signin.skip=false}.
 */
public final class SignedInSearchBenchmark {

	private static final int BULK_SIZE = 2_000;

	private static final String[] WORDS = { "bus", "late", "again", "driver", "thanks", "fare", "ticket", "station",
			"lift", "broken", "clean", "crowded", "route", "night", "service", "delay", "staff", "helpful" };

	private static final String USER = "bench";

	private SignedInSearchBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int mentions = Integer.getInteger("bench.signin.mentions", 50_000);
		int calls = Integer.getInteger("bench.signin.calls", 400);
		List<String> report = new ArrayList<>();
		report.add(("Signed-in search benchmark on %d cores: %,d mentions, GET /api/mentions?q=fare, %d calls per "
				+ "run (8 clients share them), after a warm-up of every way and %d warm-up calls per run")
			.formatted(Runtime.getRuntime().availableProcessors(), mentions, calls, calls / 10));
		String password = UUID.randomUUID().toString();
		String passwordHash = new BCryptPasswordEncoder(10).encode(password);
		String token = "gv_" + UUID.randomUUID().toString().replace("-", "");
		String basic = "Basic "
				+ Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
		try (LocalStack stack = LocalStack.start(LocalStackOptions.forTests())) {
			Map<String, Object> properties = new HashMap<>();
			properties.put("grapevine.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
			properties.put("spring.elasticsearch.uris", stack.elasticsearchUri().toString());
			properties.put("grapevine.organization-file", "../config/organization.yml");
			properties.put("grapevine.search.indexer.enabled", "false");
			properties.put("server.port", "0");
			properties.put("logging.level.root", "WARN");
			// A busy machine's first bulk requests can take longer than the service's 15
			// s.
			properties.put("spring.elasticsearch.socket-timeout", "120s");
			properties.put("grapevine.security.users[0].username", USER);
			properties.put("grapevine.security.users[0].password-hash", passwordHash);
			properties.put("grapevine.security.api-tokens.configured[0].name", "bench-script");
			properties.put("grapevine.security.api-tokens.configured[0].hash", Sha256.hex(token));
			SearchRequest straight = MentionSearch.request(new MentionQuery(Optional.of(ListeningQuery.parse("fare")),
					MentionFilter.none(), MentionQuery.DEFAULT_SIZE, Optional.empty()));
			Map<String, Map<Integer, List<Double>>> timings = new java.util.LinkedHashMap<>();
			try (ConfigurableApplicationContext search = SearchServiceApplication.application()
				.run(Bulk.arguments(properties))) {
				ElasticsearchClient client = search.getBean(ElasticsearchClient.class);
				search.getBean(MentionIndexTemplate.class).install().block(Duration.ofMinutes(2));
				Instant loading = Instant.now();
				load(client, mentions);
				client.indices().refresh((refresh) -> refresh.index("mentions"));
				report.add("bulk load: %,d mentions in %.1f s".formatted(mentions, Bulk.seconds(loading)));
				URI api = URI.create("http://127.0.0.1:" + search.getEnvironment().getProperty("local.server.port")
						+ "/api/mentions?q=fare");
				HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				// Every way warmed up first, so the first one measured does not pay for
				// the JIT.
				run(8, calls, () -> get(http, api, "Bearer " + token));
				run(8, calls, () -> get(http, api, basic));
				run(8, calls, () -> client.search(straight, ObjectNode.class));
				for (int clients : new int[] { 1, 8 }) {
					timings.computeIfAbsent("API token", (key) -> new HashMap<>())
						.put(clients, run(clients, calls, () -> get(http, api, "Bearer " + token)));
					timings.computeIfAbsent("HTTP Basic, check remembered", (key) -> new HashMap<>())
						.put(clients, run(clients, calls, () -> get(http, api, basic)));
					timings.computeIfAbsent("straight to Elasticsearch", (key) -> new HashMap<>())
						.put(clients, run(clients, calls, () -> client.search(straight, ObjectNode.class)));
				}
			}
			// The same service with every Basic call checked by bcrypt, as it was.
			properties.put("grapevine.security.verified-passwords.ttl", "0s");
			try (ConfigurableApplicationContext search = SearchServiceApplication.application()
				.run(Bulk.arguments(properties))) {
				URI api = URI.create("http://127.0.0.1:" + search.getEnvironment().getProperty("local.server.port")
						+ "/api/mentions?q=fare");
				HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				run(8, calls / 4, () -> get(http, api, basic));
				for (int clients : new int[] { 1, 8 }) {
					timings.computeIfAbsent("HTTP Basic, bcrypt every call", (key) -> new HashMap<>())
						.put(clients, run(clients, calls, () -> get(http, api, basic)));
				}
			}
			for (int clients : new int[] { 1, 8 }) {
				double direct = percentile(timings.get("straight to Elasticsearch").get(clients), 95);
				for (Map.Entry<String, Map<Integer, List<Double>>> kind : timings.entrySet()) {
					List<Double> times = kind.getValue().get(clients);
					report.add("%d client(s), %-30s p50 %6.1f ms  p95 %6.1f ms  p95 / Elasticsearch's %5.2f".formatted(
							clients, kind.getKey() + ":", percentile(times, 50), percentile(times, 95),
							percentile(times, 95) / direct));
				}
			}
		}
		System.out.println();
		report.forEach(System.out::println);
	}

	// Each client calls one after the other; the calls are shared among the clients.
	private static List<Double> run(int clients, int calls, Timed call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			measure(pool, clients, calls / 10, call);
			return measure(pool, clients, calls, call);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static List<Double> measure(ExecutorService pool, int clients, int calls, Timed call) throws Exception {
		List<Double> times = Collections.synchronizedList(new ArrayList<>());
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int share = calls / clients;
			running.add(pool.submit(() -> {
				for (int i = 0; i < share; i++) {
					long start = System.nanoTime();
					call.run();
					times.add((System.nanoTime() - start) / 1e6);
				}
				return null;
			}));
		}
		for (Future<?> done : running) {
			done.get();
		}
		return times;
	}

	private static void get(HttpClient http, URI uri, String authorization) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
			.header("Authorization", authorization)
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("the search answered " + response.statusCode() + ": "
					+ response.body().substring(0, Math.min(300, response.body().length())));
		}
	}

	private static double percentile(List<Double> values, int percent) {
		List<Double> sorted = values.stream().sorted().toList();
		int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
	}

	private static void load(ElasticsearchClient client, int mentions) throws Exception {
		SplittableRandom random = new SplittableRandom(20261207);
		List<BulkOperation> operations = new ArrayList<>(BULK_SIZE);
		Instant start = LocalDate.of(2026, 11, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
		long span = Duration.ofDays(30).toSeconds();
		for (int i = 0; i < mentions; i++) {
			StringBuilder text = new StringBuilder();
			for (int w = 0, words = 8 + random.nextInt(16); w < words; w++) {
				text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
			}
			Instant published = start.plusSeconds(random.nextLong(span));
			Mention mention = new Mention(Mention.SCHEMA_VERSION, null, "rss", "signin-" + i,
					URI.create("https://news.example/items/" + i), text.toString(),
					Author.of("author" + random.nextInt(50_000), "Author", random.nextInt(10_000)), published,
					published, Optional.of("en"), new Engagement(random.nextInt(50), random.nextInt(10), 0),
					Optional.empty(), Optional.of("bench"), List.of(), List.of(), Optional.empty(), Optional.empty(),
					Optional.empty(), List.of(), false, Optional.empty(), Optional.empty());
			MentionDocument document = MentionDocuments.from(MentionJson.write(mention));
			BinaryData body = BinaryData.of(document.source(), ContentType.APPLICATION_JSON);
			operations.add(BulkOperation.of((operation) -> operation
				.index((index) -> index.index(document.index()).id(document.id()).document(body))));
			if (operations.size() == BULK_SIZE) {
				Bulk.write(client, operations);
				operations.clear();
			}
		}
		if (!operations.isEmpty()) {
			Bulk.write(client, operations);
		}
	}

	@FunctionalInterface
	private interface Timed {

		void run() throws Exception;

	}

}
