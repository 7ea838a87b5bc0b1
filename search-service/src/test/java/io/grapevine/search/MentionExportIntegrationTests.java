package io.grapevine.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.mention.SentimentScore;
import io.grapevine.listening.query.Sentiment;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import reactor.core.publisher.Flux;
import reactor.kafka.sender.SenderRecord;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exports of mentions against the real stack: more mentions than one page of
 * Elasticsearch, read back as a spreadsheet or a program would.
 */
@TestInstance(Lifecycle.PER_CLASS)
class MentionExportIntegrationTests extends LiveStackTestSupport {

	/** How many mentions the tests index, all in February 2014, one a minute. */
	private static final int MENTIONS = 2_500;

	/** The limit of an export, {@code grapevine.search.export.max-rows} of the tests. */
	private static final int MAX_ROWS = 2_200;

	private static final Instant FIRST = Instant.parse("2014-02-01T00:00:00Z");

	private static final String EVERYTHING = "from=" + FIRST + "&to=" + FIRST.plus(MENTIONS, ChronoUnit.MINUTES);

	/** The first 2,100 mentions: three pages, below the limit. */
	private static final String FIRST_2100 = "from=" + FIRST + "&to=" + FIRST.plus(2_100, ChronoUnit.MINUTES);

	// Of 2014: Bluesky had no posts yet, so its copies would be set aside.
	private static final String[] SOURCES = { "x", "reddit", "mastodon", "youtube", "rss" };

	private static final String[] WORDS = { "quillon", "vexor", "brantle", "osmarin", "pelque", "tivorn", "caldrix",
			"mereth", "sorbane", "ulmitch" };

	private static final String ACCENTS = "Le tramway est en retard, encore \"très\" lent 🚋🙄\r\nDeuxième ligne, "
			+ "à Zürich\n« troisième » – fin";

	private static final Map<Integer, String> FORMULAS = Map.of(11, "=HYPERLINK(\"https://evil.example\",\"prize\")",
			12, "+33 6 12 34 56 78 call us", 13, "-1 for the new timetable", 14, "@hctransit where is my bus?", 15,
			"\tcell with a tab", 16, "\rcarriage return first");

	private static final int ACCENTED = 7;

	private static final int OWNED = 20;

	private static final int ANSWERED = 30;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	void indexMentionsAndAnswerOne() {
		List<SenderRecord<String, String, String>> records = IntStream.range(0, MENTIONS)
			.mapToObj(MentionExportIntegrationTests::mention)
			.map((mention) -> SenderRecord.create(
					new ProducerRecord<>(KafkaTopicNames.MENTIONS, mention.id(), MentionJson.write(mention)),
					mention.id()))
			.toList();
		this.sender.send(Flux.fromIterable(records)).blockLast(Duration.ofMinutes(2));
		// A monthly index just created answers 503 until its shard is allocated.
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
			this.elasticsearch.indices().refresh((refresh) -> refresh.index("mentions"));
			return this.elasticsearch.count((count) -> count.index("mentions")
				.query((query) -> query.range((range) -> range.date((date) -> date.field("publishedAt")
					.gte(FIRST.toString())
					.lt(FIRST.plus(MENTIONS, ChronoUnit.MINUTES).toString())))))
				.count() == MENTIONS;
		});
		this.web.post()
			.uri("/api/mentions/{id}/actions", mention(ANSWERED).id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "answer", "answerUrl", "https://x.com/hctransit_help/status/99"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aCsvExportHoldsEveryMatchAcrossPagesAndReadsBackInASpreadsheetsEncoding() throws Exception {
		HttpResponse<InputStream> response = export("format=csv&" + FIRST_2100);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(MediaType.parseMediaType(response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElseThrow()))
			.isEqualTo(new MediaType("text", "csv", StandardCharsets.UTF_8));
		assertThat(response.headers().firstValue(HttpHeaders.CONTENT_DISPOSITION))
			.contains("attachment; filename=\"grapevine-mentions-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"");
		assertThat(response.headers().firstValue("X-Grapevine-Export-Total")).contains("2100");
		assertThat(response.headers().firstValue("X-Grapevine-Export-Limit")).isEmpty();

		List<CSVRecord> rows;
		try (InputStream body = response.body()) {
			assertThat(body.readNBytes(3)).as("the UTF-8 byte order mark")
				.containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
			rows = CSVFormat.RFC4180.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(new InputStreamReader(body, StandardCharsets.UTF_8))
				.getRecords();
		}
		assertThat(rows).hasSize(2_100);
		assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("id", "source", "url", "publishedAt",
				"authorHandle", "authorName", "followers", "language", "sentiment", "sentimentScore", "reach", "likes",
				"shares", "replies", "topics", "departments", "competitors", "owned", "ownedBy", "handlingState",
				"handlingDepartments", "assignee", "answeredBy", "answeredAt", "answerUrl", "text");
		assertThat(rows.stream().map((row) -> row.get("id")).toList()).as("newest first, each mention once")
			.containsExactlyElementsOf(
					IntStream.iterate(2_099, (i) -> i >= 0, (i) -> i - 1).mapToObj((i) -> mention(i).id()).toList());

		Map<String, CSVRecord> byId = new java.util.HashMap<>();
		rows.forEach((row) -> byId.put(row.get("id"), row));
		CSVRecord accented = byId.get(mention(ACCENTED).id());
		assertThat(accented.get("text")).isEqualTo(ACCENTS);
		assertThat(accented.get("authorName")).isEqualTo("Zoë, \"the rider\" 🚋");
		assertThat(accented.toMap()).containsEntry("language", "fr")
			.containsEntry("topics", "delays")
			.containsEntry("departments", "operations")
			.containsEntry("handlingState", "open")
			.containsEntry("handlingDepartments", "operations")
			.containsEntry("sentiment", "negative")
			.containsEntry("sentimentScore", "-0.5")
			.containsEntry("publishedAt", FIRST.plus(ACCENTED, ChronoUnit.MINUTES).toString());
		FORMULAS.forEach((i, text) -> assertThat(byId.get(mention(i).id()).get("text")).as("mention %d", i)
			.isEqualTo("'" + text));
		assertThat(byId.get(mention(OWNED).id()).toMap()).containsEntry("owned", "true")
			.containsEntry("authorHandle", "hctransit")
			.containsEntry("handlingState", "");
		assertThat(byId.get(mention(ANSWERED).id()).toMap()).containsEntry("handlingState", "answered")
			.containsEntry("answeredBy", TestUsers.MEMBER)
			.containsEntry("answerUrl", "https://x.com/hctransit_help/status/99");
		assertThat(byId.get(mention(ANSWERED).id()).get("answeredAt")).isNotEmpty();
	}

	@Test
	void anNdjsonExportHasOneMentionALineWithItsHandling() throws Exception {
		HttpResponse<InputStream> response = export("format=ndjson&" + FIRST_2100);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).contains("application/x-ndjson");
		assertThat(response.headers().firstValue(HttpHeaders.CONTENT_DISPOSITION))
			.contains("attachment; filename=\"grapevine-mentions-" + LocalDate.now(ZoneOffset.UTC) + ".ndjson\"");
		List<String> lines;
		try (InputStream body = response.body()) {
			lines = new String(body.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
		assertThat(lines).hasSize(2_100);
		List<Mention> mentions = lines.stream().map(MentionJson::readMention).toList();
		assertThat(mentions.get(0).id()).isEqualTo(mention(2_099).id());
		assertThat(new HashSet<>(mentions.stream().map(Mention::id).toList())).hasSize(2_100);

		Map<String, JsonNode> byId = new java.util.HashMap<>();
		for (String line : lines) {
			JsonNode tree = MentionJson.mapper().readTree(line);
			byId.put(tree.path("id").asText(), tree);
		}
		Mention accented = MentionJson.readMention(byId.get(mention(ACCENTED).id()).toString());
		assertThat(accented.text()).isEqualTo(ACCENTS);
		assertThat(accented.schemaVersion()).isEqualTo(Mention.SCHEMA_VERSION);
		JsonNode open = byId.get(mention(ACCENTED).id()).path("handling");
		assertThat(open.path("state").asText()).isEqualTo("open");
		assertThat(open.path("departments").get(0).asText()).isEqualTo("operations");
		assertThat(open.path("waitingSeconds").asLong()).isGreaterThan(Duration.ofDays(365).toSeconds());
		JsonNode answered = byId.get(mention(ANSWERED).id()).path("handling");
		assertThat(answered.path("state").asText()).isEqualTo("answered");
		assertThat(answered.path("answerUrl").asText()).isEqualTo("https://x.com/hctransit_help/status/99");
		assertThat(answered.path("answeredBy").asText()).isEqualTo(TestUsers.MEMBER);
		assertThat(byId.get(mention(OWNED).id()).path("owned").asBoolean()).isTrue();
		assertThat(byId.get(mention(OWNED).id()).has("handling")).as("the organization's own post").isFalse();
		assertThat(byId.values()).allSatisfy((tree) -> assertThat(tree.has("match")).isFalse());
	}

	@Test
	void theFilterAndTheOrderOfTheSearchApply() throws Exception {
		List<CSVRecord> french = csv("language=fr&" + EVERYTHING);
		assertThat(french).hasSize(MENTIONS / 5).allSatisfy((row) -> assertThat(row.get("language")).isEqualTo("fr"));

		List<CSVRecord> trams = csv("q=tramway&source=reddit&" + EVERYTHING);
		assertThat(trams).isNotEmpty()
			.allSatisfy((row) -> assertThat(row.get("source")).isEqualTo("reddit"))
			.allSatisfy((row) -> assertThat(row.get("text")).containsIgnoringCase("tramway"));
		assertThat(trams).hasSize((int) IntStream.range(0, MENTIONS)
			.filter((i) -> mention(i).text().toLowerCase().contains("tramway"))
			.filter((i) -> mention(i).source().equals("reddit"))
			.count());

		List<Double> reach = csv("sort=reach&" + FIRST_2100).stream()
			.map((row) -> Double.parseDouble(row.get("reach")))
			.toList();
		assertThat(reach).hasSize(2_100).isSortedAccordingTo((a, b) -> Double.compare(b, a));
	}

	@Test
	void theRowLimitCutsTheExportAndSaysSo() throws Exception {
		HttpResponse<InputStream> response = export("format=csv&" + EVERYTHING);
		assertThat(response.headers().firstValue("X-Grapevine-Export-Total")).contains(String.valueOf(MENTIONS));
		assertThat(response.headers().firstValue("X-Grapevine-Export-Limit"))
			.contains("rows=" + MAX_ROWS + ", total=" + MENTIONS);
		List<String> ids = read(response).stream().map((row) -> row.get("id")).toList();
		assertThat(ids).as("the newest ones")
			.containsExactlyElementsOf(IntStream.iterate(MENTIONS - 1, (i) -> i >= MENTIONS - MAX_ROWS, (i) -> i - 1)
				.mapToObj((i) -> mention(i).id())
				.toList());

		HttpResponse<InputStream> ndjson = export("format=ndjson&" + EVERYTHING);
		assertThat(ndjson.headers().firstValue("X-Grapevine-Export-Limit"))
			.contains("rows=" + MAX_ROWS + ", total=" + MENTIONS);
		try (InputStream body = ndjson.body()) {
			assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8).lines()).hasSize(MAX_ROWS);
		}
	}

	@Test
	void badParametersAreAnsweredWithAProblemBeforeAnythingIsStreamed() {
		for (String[] bad : new String[][] { { "q", "q=(tramway" }, { "from", "from=yesterday" },
				{ "format", "format=xlsx" }, { "sort", "sort=oldest" }, { "to", "from=" + FIRST + "&to=2013-01-01" },
				{ "minReach", "minReach=-1" } }) {
			this.web.get()
				.uri("/api/mentions/export?" + bad[1])
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.doesNotExist(HttpHeaders.CONTENT_DISPOSITION)
				.expectBody()
				.jsonPath("$.parameter")
				.isEqualTo(bad[0]);
		}
	}

	@Test
	void anExportNeedsSignIn() {
		this.anonymous.get()
			.uri("/api/mentions/export?format=csv")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.doesNotExist(HttpHeaders.CONTENT_DISPOSITION);
	}

	@Test
	void theExportIsDescribedInTheOpenApiDescription() {
		// The first request builds the description, which takes a while on a busy
		// machine.
		this.web.mutate()
			.responseTimeout(Duration.ofSeconds(60))
			.build()
			.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/mentions/export'].get.parameters[?(@.name == 'format')]")
			.exists()
			.jsonPath("$.paths['/api/mentions/export'].get.parameters[?(@.name == 'q')]")
			.exists()
			.jsonPath("$.paths['/api/mentions/export'].get.responses['200'].content['text/csv']")
			.exists()
			.jsonPath("$.paths['/api/mentions/export'].get.responses['200'].content['application/x-ndjson']")
			.exists();
	}

	@Test
	void thePointInTimeIsClosedWhenAnExportEndsAndWhenItsReaderGoesAway() throws Exception {
		read(export("format=csv&" + FIRST_2100));
		await().atMost(Duration.ofSeconds(10)).until(() -> openSearchContexts() == 0);

		HttpResponse<InputStream> response = export("format=ndjson&" + EVERYTHING);
		try (InputStream body = response.body()) {
			assertThat(body.readNBytes(64 * 1024)).hasSize(64 * 1024);
			// The rest waits for the reader: the export is still open in Elasticsearch.
			assertThat(openSearchContexts()).isPositive();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> openSearchContexts() == 0);
	}

	private long openSearchContexts() throws IOException {
		return this.elasticsearch.nodes()
			.stats((stats) -> stats.metric("indices").indexMetric("search"))
			.nodes()
			.values()
			.stream()
			.mapToLong((node) -> node.indices().search().openContexts())
			.sum();
	}

	private List<CSVRecord> csv(String query) throws Exception {
		HttpResponse<InputStream> response = export("format=csv&" + query);
		assertThat(response.statusCode()).isEqualTo(200);
		return read(response);
	}

	private static List<CSVRecord> read(HttpResponse<InputStream> response) throws IOException {
		try (InputStream body = response.body()) {
			body.skipNBytes(3);
			return CSVFormat.RFC4180.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(new InputStreamReader(body, StandardCharsets.UTF_8))
				.getRecords();
		}
	}

	private HttpResponse<InputStream> export(String query) throws Exception {
		String credentials = Base64.getEncoder()
			.encodeToString((TestUsers.MEMBER + ":" + TestUsers.MEMBER_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/mentions/export?" + query))
			.header(HttpHeaders.AUTHORIZATION, "Basic " + credentials)
			.timeout(Duration.ofSeconds(60))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
	}

	/**
	 * The i-th mention of the tests: one a minute from {@link #FIRST}, a fifth of them in
	 * French, long texts of made-up words, a quarter of them about a tramway, with the
	 * special texts and writers the tests look for.
	 * @param i its number
	 * @return the mention
	 */
	private static Mention mention(int i) {
		String source = (i == OWNED) ? "x" : SOURCES[i % SOURCES.length];
		StringBuilder text = new StringBuilder();
		Function<Integer, String> word = (n) -> WORDS[(i * 7 + n) % WORDS.length];
		for (int n = 0; text.length() < 4_000; n++) {
			text.append(word.apply(n)).append(' ');
		}
		if (i % 4 == 1) {
			text.append("tramway");
		}
		String written = (i == ACCENTED) ? ACCENTS : FORMULAS.getOrDefault(i, text.toString().strip());
		Author author = (i == ACCENTED) ? Author.of("zoe", "Zoë, \"the rider\" 🚋", 12)
				: (i == OWNED) ? Author.of("hctransit", "Harbor City Transit", 84_300)
						: Author.of("rider_" + (i % 300), "Rider " + (i % 300), i);
		List<String> topics = (i == ACCENTED) ? List.of("delays") : List.of();
		List<String> departments = (i == ACCENTED) ? List.of("operations") : List.of();
		Mention plain = TestMentions.mention(source, "export-" + i, written, FIRST.plus(i, ChronoUnit.MINUTES), author,
				new Engagement(i % 7, i % 3, i % 5), (i % 5 == 2) ? "fr" : "en", topics, departments);
		Optional<SentimentScore> sentiment = (i == ACCENTED) ? Optional.of(new SentimentScore(-0.5, Sentiment.NEGATIVE))
				: Optional.empty();
		return plain.withEnrichment(plain.language(), sentiment, Optional.empty(), Optional.of((i % 97) / 10.0));
	}

}
