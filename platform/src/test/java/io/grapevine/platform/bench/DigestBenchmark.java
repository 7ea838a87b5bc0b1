package io.grapevine.platform.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.grapevine.digest.analytics.AnalyticsClient;
import io.grapevine.digest.analytics.InsightsClient;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.rendering.DigestRenderer;
import io.grapevine.digest.sending.DigestComposition;
import io.grapevine.digest.sending.DigestScheduler;
import io.grapevine.digest.sending.SectionSources;
import io.grapevine.listening.Sha256;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.OrganizationFile;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.localstack.LocalStack;
import io.grapevine.localstack.LocalStackOptions;
import io.grapevine.search.SearchServiceApplication;
import io.grapevine.search.index.MentionIndexTemplate;
import io.grapevine.search.indexing.MentionDocument;
import io.grapevine.search.indexing.MentionDocuments;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Measures, on this machine and in one run, how long composing the daily digests of 100
 * departments takes over one million indexed mentions: generated mentions across the
 * departments' 300 topics are bulk-loaded into the local Elasticsearch node through the
 * indexer's own document builder, then each department's digest of one day is composed as
 * the schedule does it (the day's analytics with the top mentions, the day before's total
 * and the sections' analytics, from search-service over HTTP), composed by
 * digest-service's own {@link DigestComposition} and rendered, as many departments at
 * once as the schedule composes by default.
 *
 * <p>
 * Run with
 * {@code ./mvnw -q -B -pl platform -am -Pbench verify -DskipTests -Dbench.core.skip=true -Dbench.platform.skip=true -Dbench.ingest.skip=true}.
 */
public final class DigestBenchmark {

	private static final int BULK_SIZE = 5_000;

	private static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 1);

	private static final String[] WORDS = { "bus", "late", "again", "driver", "thanks", "fare", "ticket", "station",
			"lift", "broken", "clean", "crowded", "route", "night", "service", "delay", "staff", "helpful", "app",
			"card", "platform", "stop", "timetable", "ferry", "tram", "line", "today", "morning", "evening", "city" };

	private static final String[] SOURCES = { "x", "reddit", "mastodon", "bluesky", "rss", "youtube" };

	private DigestBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int mentions = Integer.getInteger("bench.digest.mentions", 1_000_000);
		int departments = Integer.getInteger("bench.digest.departments", 100);
		int topicsPerDepartment = Integer.getInteger("bench.digest.topics-per-department", 3);
		int days = Integer.getInteger("bench.digest.days", 30);
		List<String> report = new ArrayList<>();
		report.add("Digest benchmark on %d cores: %,d mentions over %d days, %d departments, %d topics".formatted(
				Runtime.getRuntime().availableProcessors(), mentions, days, departments,
				departments * topicsPerDepartment));
		Path organizationFile = Files.createTempFile("bench-organization", ".yml");
		organizationFile.toFile().deleteOnExit();
		Files.writeString(organizationFile, organization(departments, topicsPerDepartment));
		Organization organization = OrganizationFile.read(organizationFile);

		try (LocalStack stack = LocalStack.start(LocalStackOptions.forTests())) {
			Map<String, Object> properties = new HashMap<>();
			properties.put("grapevine.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
			properties.put("spring.elasticsearch.uris", stack.elasticsearchUri().toString());
			properties.put("grapevine.organization-file", organizationFile.toString());
			properties.put("grapevine.search.indexer.enabled", "false");
			properties.put("server.port", "0");
			properties.put("logging.level.root", "WARN");
			// The digests read the analytics with an API token of a member, as
			// digest-service does in the one-command run (LocalAccounts).
			String password = UUID.randomUUID().toString();
			properties.put("grapevine.security.users[0].username", "bench");
			properties.put("grapevine.security.users[0].password-hash", new BCryptPasswordEncoder(4).encode(password));
			String token = "gv_" + UUID.randomUUID().toString().replace("-", "");
			properties.put("grapevine.security.api-tokens.configured[0].name", "digest-service");
			properties.put("grapevine.security.api-tokens.configured[0].hash", Sha256.hex(token));
			properties.put("grapevine.security.api-tokens.configured[0].roles", "MEMBER");
			try (ConfigurableApplicationContext search = SearchServiceApplication.application()
				.run(Bulk.arguments(properties))) {
				ElasticsearchClient client = search.getBean(ElasticsearchClient.class);
				// The indexer puts the index template when it starts; it is off here, so
				// the
				// template (mappings and the alias) is put first, as the indexer would.
				search.getBean(MentionIndexTemplate.class).install().block(Duration.ofMinutes(2));
				Instant loading = Instant.now();
				load(client, organization, topicsPerDepartment, mentions, days);
				client.indices().refresh((refresh) -> refresh.index("mentions"));
				double loadSeconds = Bulk.seconds(loading);
				long indexed = client.count((count) -> count.index("mentions")).count();
				report.add("bulk load through MentionDocuments: %,d mentions in %.1f s (%,.0f docs/s)"
					.formatted(indexed, loadSeconds, indexed / loadSeconds));

				URI searchUrl = URI
					.create("http://127.0.0.1:" + search.getEnvironment().getProperty("local.server.port"));
				AnalyticsClient analytics = new AnalyticsClient(
						WebClient.builder().defaultHeaders((headers) -> headers.setBearerAuth(token)), searchUrl,
						Duration.ofMinutes(2));
				// The sections the schedule adds (chart, new voices, rising terms, what
				// waits
				// for an answer), without alerts: none are raised over generated
				// mentions.
				SectionSources sections = new SectionSources(new InsightsClient(analytics),
						URI.create("http://localhost:8080/"), () -> Mono.just(List.of()));
				DigestRenderer renderer = new DigestRenderer(URI.create("http://localhost:8080/"),
						URI.create("http://localhost:8082"));
				// A warm-up day first, not counted, so the figures are of a node and a
				// JVM
				// that have seen the queries; each measured pass reads a day of its own.
				composeAll(organization, analytics, Optional.of(sections), renderer, FIRST_DAY.plusDays(days / 2 - 2));
				Instant composing = Instant.now();
				long composedMentions = composeAll(organization, analytics, Optional.of(sections), renderer,
						FIRST_DAY.plusDays(days / 2 - 1));
				double composeSeconds = Bulk.seconds(composing);
				report.add(("composition of %d daily digests as the schedule does it (the day's summary, then "
						+ "the sections' analytics, the day before's total read from the chart, composed and "
						+ "rendered with the chart, %d departments at once): %.1f s, %.0f ms a digest, %,d mentions "
						+ "in the day's digests (aim: under 10 s)")
					.formatted(departments, DigestScheduler.DEFAULT_CONCURRENCY, composeSeconds,
							composeSeconds * 1000 / departments, composedMentions));
				Instant summaries = Instant.now();
				composeAll(organization, analytics, Optional.empty(), renderer, FIRST_DAY.plusDays(days / 2));
				double summarySeconds = Bulk.seconds(summaries);
				report.add(("the summaries alone (the day's and the day before's, without the sections, as "
						+ "many at once): %.1f s, %.0f ms a digest; the digests take %.1f times as long")
					.formatted(summarySeconds, summarySeconds * 1000 / departments, composeSeconds / summarySeconds));
				// Where the time goes: each call a digest makes, one at a time, for every
				// department's day.
				InsightsClient insights = new InsightsClient(analytics);
				Map<String, Long> nanos = new java.util.LinkedHashMap<>();
				for (Department department : organization.departments()) {
					Period period = Period.day(FIRST_DAY.plusDays(days / 2 + 1), ZoneOffset.UTC);
					Optional<String> id = Optional.of(department.id());
					time(nanos, "summary", analytics.summary(department.id(), period, 5));
					time(nanos, "chart (analytics summary by day)", insights.dailyVolume(id, Optional.empty(),
							period.from().minus(Duration.ofDays(13)), period.to(), period.zone()));
					time(nanos, "mentions that matter (mentions by reach)", insights.widestReach(id, period, 5));
					time(nanos, "new voices", insights.newVoices(id, period, 5));
					time(nanos, "rising terms", insights.risingTerms(id, period, 8));
					time(nanos, "waiting", insights.waiting(id, period, 5));
					time(nanos, "handling summary", insights.handling(id, period));
				}
				nanos.forEach(
						(call, total) -> report.add("  %s: %.1f ms a call".formatted(call, total / 1e6 / departments)));
			}
		}
		System.out.println();
		report.forEach(System.out::println);
	}

	private static void time(Map<String, Long> nanos, String call, Mono<?> answer) {
		long start = System.nanoTime();
		answer.block(Duration.ofMinutes(2));
		nanos.merge(call, System.nanoTime() - start, Long::sum);
	}

	private static long composeAll(Organization organization, AnalyticsClient analytics,
			Optional<SectionSources> sections, DigestRenderer renderer, LocalDate day) {
		// The digest-service's own composition, departments as many at once as the
		// schedule composes them by default.
		DigestComposition composition = new DigestComposition(organization, analytics, 5, sections, Optional.empty());
		Period period = Period.day(day, ZoneOffset.UTC);
		List<Digest> digests = Flux.fromIterable(organization.departments())
			.flatMap((department) -> composition.compose(Audience.of(department), period).map((digest) -> {
				renderer.render(digest, department.id() + "-" + day);
				return digest;
			}), DigestScheduler.DEFAULT_CONCURRENCY)
			.collectList()
			.block(Duration.ofMinutes(30));
		if (digests == null || digests.size() != organization.departments().size()) {
			throw new IllegalStateException("not every department's digest was composed");
		}
		return digests.stream().mapToLong((digest) -> digest.figures().total()).sum();
	}

	private static void load(ElasticsearchClient client, Organization organization, int topicsPerDepartment,
			int mentions, int days) throws IOException {
		SplittableRandom random = new SplittableRandom(20261122);
		List<Department> departments = organization.departments();
		List<BulkOperation> operations = new ArrayList<>(BULK_SIZE);
		Instant start = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
		long spanSeconds = Duration.ofDays(days).toSeconds();
		for (int i = 0; i < mentions; i++) {
			int d = random.nextInt(departments.size());
			Department department = departments.get(d);
			String topic = department.topics().get(random.nextInt(topicsPerDepartment)).id();
			// One mention in ten also concerns another department's topic.
			List<String> topics = new ArrayList<>(List.of(topic));
			List<String> tagged = new ArrayList<>(List.of(department.id()));
			if (random.nextInt(10) == 0) {
				Department other = departments
					.get((d + 1 + random.nextInt(departments.size() - 1)) % departments.size());
				topics.add(other.topics().get(0).id());
				tagged.add(other.id());
			}
			StringBuilder text = new StringBuilder();
			for (int w = 0, words = 8 + random.nextInt(20); w < words; w++) {
				text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
			}
			text.append(topic);
			double score = random.nextDouble() * 2 - 1;
			Sentiment label = (score > 0.2) ? Sentiment.POSITIVE
					: (score < -0.2) ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
			String source = SOURCES[random.nextInt(SOURCES.length)];
			long followers = (long) Math.pow(10, random.nextDouble() * 6);
			Mention mention = new Mention(Mention.SCHEMA_VERSION, null, source, "bench-" + i,
					URI.create("https://" + source + ".example/posts/" + i), text.toString(),
					Author.of("author" + random.nextInt(50_000), "Author", followers),
					start.plusSeconds(random.nextLong(spanSeconds)), start, Optional.of("en"),
					new Engagement(random.nextInt(50), random.nextInt(10), random.nextInt(10)), Optional.empty(),
					Optional.of("bench"), topics, tagged, Optional.of(new SentimentScore(score, label)),
					Optional.empty(), Optional.of((double) followers));
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

	private static String organization(int departments, int topicsPerDepartment) {
		StringBuilder yaml = new StringBuilder("name: Benchmark Transit\ndepartments:\n");
		for (int d = 0; d < departments; d++) {
			yaml.append("  - id: department-").append(d).append('\n');
			yaml.append("    name: Department ").append(d).append('\n');
			yaml.append("    topics:\n");
			for (int t = 0; t < topicsPerDepartment; t++) {
				yaml.append("      - {id: topic-")
					.append(d)
					.append('-')
					.append(t)
					.append(", name: Topic ")
					.append(d)
					.append('.')
					.append(t)
					.append(", keywords: [topic")
					.append(d)
					.append('x')
					.append(t)
					.append("]}\n");
			}
		}
		return yaml.toString();
	}

}
