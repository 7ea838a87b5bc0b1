package io.grapevine.platform;

import java.io.IOException;
import java.net.URI;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import io.grapevine.listening.mention.Author;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.listening.mention.SentimentScore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.grapevine.digest.DigestApplication;
import io.grapevine.ingest.IngestApplication;
import io.grapevine.ingest.source.x.FakeXApi;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.Sha256;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.localstack.LocalStackExtension;
import io.grapevine.localstack.RunningStack;
import io.grapevine.search.SearchServiceApplication;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

/**
 * The whole path of a mention on real Kafka, Elasticsearch and SMTP: from a faithful fake
 * of the X API through ingest, the indexer and search, into a department's digest email.
 */
@ExtendWith(LocalStackExtension.class)
class PlatformIntegrationTests {

	private static final String TOKEN = "e2e-bearer-token";

	private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();

	// The API token digest-service calls search-service with; search-service knows only
	// its SHA-256.
	private static final String SERVICE_TOKEN = "gv_" + UUID.randomUUID().toString().replace("-", "");

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	private static final Instant YESTERDAY_NOON = LocalDate.now(ZoneOffset.UTC)
		.minusDays(1)
		.atTime(12, 0)
		.toInstant(ZoneOffset.UTC);

	private static FakeXApi x;

	private static final List<ConfigurableApplicationContext> services = new ArrayList<>();

	private static WebTestClient search;

	private static WebTestClient digest;

	@BeforeAll
	static void startThePlatform() {
		RunningStack stack = LocalStackExtension.stack();
		x = FakeXApi.start(TOKEN);
		x.post(FakeXApi
			.tweet("1859000000000000101",
					"Signal failure at Harbour Street: every tram on line 4 is delayed by 20 minutes &amp; counting",
					FakeXApi.user("2244994945", "harbor_rider", "Harbor Rider", 1840))
			.postedAt(YESTERDAY_NOON)
			.withEngagement(41, 12, 3, 9));
		Map<String, Object> common = Map.of("grapevine.kafka.bootstrap-servers", stack.kafkaBootstrapServers(),
				"spring.elasticsearch.uris", stack.elasticsearchUri().toString(), "grapevine.organization-file",
				Path.of("src/test/resources/e2e-organization.yml").toAbsolutePath().toString(), "server.port", "0");
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
		Map<String, Object> admin = Map.of("grapevine.security.users[0].username", "admin",
				"grapevine.security.users[0].password-hash", bcrypt.encode(ADMIN_PASSWORD),
				"grapevine.security.users[0].roles", "ADMIN");
		Map<String, Object> searchUsers = new HashMap<>(admin);
		searchUsers.putAll(Map.of("grapevine.security.api-tokens.configured[0].name", "digest-service",
				"grapevine.security.api-tokens.configured[0].hash", Sha256.hex(SERVICE_TOKEN)));
		ConfigurableApplicationContext searchService = run(SearchServiceApplication.application(), common, searchUsers);
		int searchPort = port(searchService);
		Map<String, Object> ingestSettings = new HashMap<>(admin);
		ingestSettings.putAll(Map.of("grapevine.organization-file", ingestOrganizationFile().toString(),
				"GRAPEVINE_E2E_X_TOKEN", TOKEN));
		run(IngestApplication.application(), common, ingestSettings);
		Map<String, Object> digestSettings = new HashMap<>(admin);
		digestSettings.putAll(Map.of("grapevine.digest.search-url", "http://127.0.0.1:" + searchPort,
				"grapevine.digest.schedule.enabled", "false", "spring.mail.host", "127.0.0.1", "spring.mail.port",
				String.valueOf(smtp.getSmtp().getPort()), "grapevine.search.token", SERVICE_TOKEN));
		ConfigurableApplicationContext digestService = run(DigestApplication.application(), common, digestSettings);
		search = client(searchPort);
		digest = client(port(digestService));
	}

	@AfterAll
	static void stopThePlatform() {
		for (int i = services.size() - 1; i >= 0; i--) {
			services.get(i).close();
		}
		if (x != null) {
			x.close();
		}
	}

	@Test
	void aMentionTravelsFromTheXApiToTheInboxOfTheDepartmentThatListensForIt() throws Exception {
		JsonNode found = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> searchFor("tram"), (page) -> page.path("total").asLong() >= 1);
		JsonNode mention = found.path("mentions").get(0).path("mention");
		assertThat(mention.path("id").asText()).isEqualTo("x:1859000000000000101");
		assertThat(mention.path("text").asText()).contains("delayed by 20 minutes & counting");
		assertThat(mention.path("url").asText()).isEqualTo("https://x.com/harbor_rider/status/1859000000000000101");
		assertThat(mention.path("topics")).extracting(JsonNode::asText).containsExactly("delays");
		assertThat(mention.path("departments")).extracting(JsonNode::asText).containsExactly("operations");
		assertThat(x.searches()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.authorization()).contains("Bearer " + TOKEN));

		String digestId = digest.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"department\":\"operations\"}")
			.exchange()
			.expectStatus()
			.is2xxSuccessful()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.path("id")
			.asText();

		MimeMessage email = await().atMost(Duration.ofSeconds(30))
			.until(() -> inboxOf("ops-duty@harborcity-transit.example"), Optional::isPresent)
			.orElseThrow();
		assertThat(email.getSubject()).contains("Operations");
		assertThat(LocalMailbox.part(email, "text/plain")).get(as(STRING))
			.contains("Signal failure at Harbour Street: every tram on line 4 is delayed by 20 minutes & counting")
			.contains("https://x.com/harbor_rider/status/1859000000000000101");
		assertThat(LocalMailbox.part(email, "text/html")).get(as(STRING))
			.contains("Signal failure at Harbour Street: every tram on line 4 is delayed by 20 minutes &amp; counting")
			.contains("href=\"https://x.com/harbor_rider/status/1859000000000000101\"");
		assertThat(inboxOf("careers@harborcity-transit.example")).isEmpty();
		assertThat(followEveryLink(email)).extracting(URI::getPath).contains("/digests/" + digestId, "/");

		digest.get()
			.uri("/api/digests?department=operations")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.id == '%s')].departmentId".formatted(digestId))
			.isEqualTo("operations");
	}

	@Test
	void theBoardDigestOfLastMonthReadsRightFromTheRealAnalyticsAndEveryLinkOfItsEmailOpensAPage() throws Exception {
		// On the first of a month the other test's mention of yesterday is last month's
		// too.
		assumeThat(LocalDate.now(ZoneOffset.UTC).getDayOfMonth()).isGreaterThan(1);
		YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
		String month = lastMonth.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.US));
		String monthName = lastMonth.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
		String before = lastMonth.minusMonths(1).getMonth().getDisplayName(TextStyle.FULL, Locale.US);
		Instant fifteenth = lastMonth.atDay(15).atTime(10, 0).toInstant(ZoneOffset.UTC);
		publish(boardMention("1859000000000000301", "Signal failure again at Pier Road, every train delayed", fifteenth,
				Sentiment.NEGATIVE),
				boardMention("1859000000000000302", "Delayed but the driver kept us informed, thank you",
						fifteenth.plus(2, ChronoUnit.HOURS), Sentiment.POSITIVE));
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> searchFor("\"Pier Road\" OR informed"), (page) -> page.path("total").asLong() >= 2);

		JsonNode archived = digest.post()
			.uri("/api/digests/run")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"kind\":\"board\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(archived.path("kind").asText()).isEqualTo("board");
		MimeMessage email = await().atMost(Duration.ofSeconds(30))
			.until(() -> inboxOf("board@harborcity-transit.example"), Optional::isPresent)
			.orElseThrow();
		assertThat(email.getSubject()).isEqualTo("Harbor City Transit · board digest · " + month + " · 2 mentions");
		String text = LocalMailbox.part(email, "text/plain").orElseThrow().replace("\r\n", "\n");
		assertThat(text).contains("\n2 mentions in " + month + " (none in " + before + ").\n")
			.contains("\nSentiment of the 2 mentions judged: 50% positive, 50% negative; none judged in " + before
					+ " to compare with.\n")
			.contains("\n- Harbor City Transit: 100% (2 mentions), nobody heard in " + before
					+ " to compare with; 50% positive, 50% negative\n")
			.contains("\n- Metro Link: no mentions in " + monthName + ", nor in " + before + "\n")
			.contains("\n- Operations: 2 mentions (none in " + before + "); 50% positive, 50% negative\n")
			.contains("\n- People and Hiring: no mentions in " + monthName + ", nor in " + before + "\n");

		assertThat(followEveryLink(email)).hasSize(2);
	}

	// Every link of an email, but the mentions' own, opens a page for someone signed in:
	// the archive's pages on digest-service, the dashboard searches on search-service.
	private static List<URI> followEveryLink(MimeMessage email) throws Exception {
		String html = LocalMailbox.part(email, "text/html").orElseThrow();
		List<URI> links = java.util.regex.Pattern.compile("href=\"([^\"]+)\"")
			.matcher(html)
			.results()
			.map((link) -> URI.create(link.group(1).replace("&amp;", "&")))
			.filter((link) -> !link.getHost().equals("x.com"))
			.distinct()
			.toList();
		for (URI link : links) {
			WebTestClient service = link.getPath().startsWith("/digests/") ? digest : search;
			service.get()
				.uri(link.getRawPath() + ((link.getRawQuery() != null) ? "?" + link.getRawQuery() : ""))
				.accept(MediaType.TEXT_HTML)
				.exchange()
				.expectStatus()
				.isOk();
		}
		return links;
	}

	private static Mention boardMention(String id, String text, Instant publishedAt, Sentiment sentiment) {
		return Mention.builder("x", id)
			.url(URI.create("https://x.com/harbor_rider/status/" + id))
			.text(text)
			.author(Author.of("harbor_rider", "Harbor Rider", 1840))
			.publishedAt(publishedAt)
			.language("en")
			.build()
			.withTags(List.of("delays"), List.of("operations"))
			.withEnrichment(Optional.of("en"),
					Optional.of(new SentimentScore((sentiment == Sentiment.POSITIVE) ? 0.8 : -0.8, sentiment)),
					Optional.empty(), Optional.of(1840.0));
	}

	private static void publish(Mention... mentions) throws Exception {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.stack().kafkaBootstrapServers());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			for (Mention mention : mentions) {
				producer.send(new ProducerRecord<>(KafkaTopicNames.MENTIONS, mention.id(), MentionJson.write(mention)))
					.get();
			}
		}
	}

	@Test
	void aMalformedPageGoesToTheDeadLetterTopicWithItsReasonAndTheNextGoodPageIsStillIngested() {
		x.answerOnce(200, "application/json", "{\"data\":[{\"id\":\"1859000000000000201\",\"text\":\"Lift at Cen");
		x.post(FakeXApi
			.tweet("1859000000000000202", "Another signal failure? The 7:40 to Quayside is delayed again",
					FakeXApi.user("99887766", "quayside_commuter", "Quayside Commuter", 212))
			.postedAt(Instant.now().minus(5, ChronoUnit.MINUTES)));

		DeadLetter deadLetter = await().atMost(Duration.ofSeconds(60))
			.until(PlatformIntegrationTests::deadLetterWithTruncatedPage, Optional::isPresent)
			.orElseThrow();
		assertThat(deadLetter.source()).startsWith("x");
		assertThat(deadLetter.reason()).isNotBlank();
		assertThat(deadLetter.payload()).isEqualTo("{\"data\":[{\"id\":\"1859000000000000201\",\"text\":\"Lift at Cen");

		JsonNode found = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> searchFor("Quayside"), (page) -> page.path("total").asLong() >= 1);
		assertThat(found.path("mentions").get(0).path("mention").path("id").asText())
			.isEqualTo("x:1859000000000000202");
	}

	private static JsonNode searchFor(String words) {
		byte[] body = search.get()
			.uri((uri) -> uri.path("/api/mentions").queryParam("q", words).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		try {
			return MentionJson.mapper().readTree(body);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Optional<MimeMessage> inboxOf(String address) {
		return List.of(smtp.getReceivedMessagesForDomain(address))
			.stream()
			.filter((message) -> recipients(message).contains(address))
			.findFirst();
	}

	private static String recipients(MimeMessage message) {
		try {
			return String.join(",", GreenMailUtil.getAddressList(message.getAllRecipients()));
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Optional<DeadLetter> deadLetterWithTruncatedPage() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.stack().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(KafkaTopicNames.DEAD_LETTERS));
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(3))) {
				DeadLetter letter = MentionJson.readDeadLetter(record.value());
				if (letter.payload().contains("Lift at Cen")) {
					return Optional.of(letter);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The end-to-end organization with an X instance that reads the fake X API, its
	 * bearer token from the environment variable {@code GRAPEVINE_E2E_X_TOKEN}.
	 */
	private static Path ingestOrganizationFile() {
		try {
			String organization = Files.readString(Path.of("src/test/resources/e2e-organization.yml"),
					StandardCharsets.UTF_8);
			String sources = """

					sources:
					  - type: x
					    name: recent-search
					    enabled: true
					    settings:
					      base-url: '%s'
					      bearer-token: ${GRAPEVINE_E2E_X_TOKEN}
					      poll-interval: 1s
					""".formatted(x.baseUrl());
			Path file = Files.createTempFile("e2e-organization-", ".yml");
			file.toFile().deleteOnExit();
			return Files.writeString(file, organization + sources, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ConfigurableApplicationContext run(SpringApplicationBuilder application, Map<String, Object> common,
			Map<String, Object> own) {
		Map<String, Object> properties = new HashMap<>(common);
		properties.putAll(own);
		// As command-line arguments, so they win over each service's own configuration
		// file.
		String[] args = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		ConfigurableApplicationContext context = application.run(args);
		services.add(context);
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private static WebTestClient client(int port) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(60))
			.defaultHeaders((headers) -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
			.build();
	}

}
