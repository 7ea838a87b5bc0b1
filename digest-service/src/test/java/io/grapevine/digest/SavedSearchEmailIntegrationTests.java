package io.grapevine.digest;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.grapevine.digest.analytics.AnalyticsClient;
import io.grapevine.digest.analytics.InsightsClient;
import io.grapevine.digest.archive.DeliveryLedger;
import io.grapevine.digest.archive.DeliveryRecord;
import io.grapevine.digest.archive.SavedSearchSubscriptions;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.SavedSearchSubscription;
import io.grapevine.digest.delivery.EmailDelivery;
import io.grapevine.digest.rendering.SavedSearchRenderer;
import io.grapevine.digest.sending.DigestScheduler;
import io.grapevine.digest.sending.SavedSearchSender;
import io.grapevine.listening.mention.Mention;
import io.grapevine.localstack.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily email of saved searches against the real Elasticsearch (where search-service
 * keeps searches and subscriptions, and the delivery ledger) and a real SMTP server: one
 * email a subscriber and day, in their zone, whichever replica or tick comes first.
 * <p>
 * The days are in 2040, so the schedules of other test classes' applications, which share
 * the node and run on clocks of 2026, find nothing of these subscriptions due.
 */
@ExtendWith(LocalStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=digest-service", "grapevine.digest.schedule.enabled=false",
				"grapevine.digest.dashboard-url=https://listening.example.org/",
				"grapevine.digest.saved-search-time=08:00", "grapevine.digest.delivery.attempts=2",
				"grapevine.digest.delivery.first-backoff=100ms", "grapevine.digest.delivery.max-backoff=200ms",
				"grapevine.digest.delivery.claim-lease=30s", "grapevine.alerts.enabled=false" })
class SavedSearchEmailIntegrationTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	// Tuesday 14 February 2040, 07:00 in New York: its saved-search time has not come.
	private static final Instant BEFORE_NEW_YORK_MORNING = Instant.parse("2040-02-14T12:00:00Z");

	// 08:05 in New York, 22:05 in Tokyo.
	private static final Instant NEW_YORK_MORNING = Instant.parse("2040-02-14T13:05:00Z");

	private static final Instant SUBSCRIBED = Instant.parse("2040-02-01T09:00:00Z");

	private static final String MIA = "mia@harborcity-transit.example";

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(IntegrationTestSupport.smtpSetup())
		.withPerMethodLifecycle(false);

	static final FakeSearchService search = FakeSearchService.start();

	static final MutableClock clock = new MutableClock(BEFORE_NEW_YORK_MORNING);

	@Autowired
	ElasticsearchClient elasticsearch;

	@Autowired
	DigestScheduler scheduler;

	@Autowired
	SavedSearchSender sender;

	@Autowired
	AnalyticsClient analytics;

	@Autowired
	EmailDelivery email;

	@Autowired
	DeliveryLedger ledger;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	// The department's digest falls due after every time the tests set, so only saved
	// searches ask search-service anything.
	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		IntegrationTestSupport.register(registry, smtp);
		registry.add("grapevine.digest.search-url", () -> search.url().toString());
		registry.add("grapevine.organization-file", () -> IntegrationTestSupport.organizationFile("""
				name: Harbor City Transit
				departments:
				  - id: operations
				    name: Operations
				    timeZone: Europe/London
				    digestTime: "23:59"
				    topics:
				      - id: delays
				        name: Delays and disruption
				        keywords: [delay, late]
				"""));
	}

	@AfterAll
	static void stopFake() {
		search.close();
	}

	@BeforeEach
	void freshIndicesMailboxAndClock() throws Exception {
		clock.set(BEFORE_NEW_YORK_MORNING);
		smtp.purgeEmailFromAllMailboxes();
		search.reset();
		search.topMentions(List.of(mention("2001", "Line 4 is <b>late</b> again & nobody says why", 3.5),
				mention("2002", "Still waiting for the line 4 at Elm Street", 5.25),
				mention("2003", "line 4 late, as usual", 1.0)))
			.copies("x:2002", 3);
		dropSavedSearchIndices();
		// The indices as search-service creates them: the fields read and sorted on are
		// keywords.
		this.elasticsearch.indices()
			.create((create) -> create.index(SavedSearchSubscriptions.SEARCHES)
				.mappings((mappings) -> mappings.dynamic(DynamicMapping.False)
					.properties("id", (p) -> p.keyword((k) -> k))
					.properties("createdAt", (p) -> p.date((d) -> d))));
		this.elasticsearch.indices()
			.create((create) -> create.index(SavedSearchSubscriptions.SUBSCRIPTIONS)
				.mappings((mappings) -> mappings.dynamic(DynamicMapping.False)
					.properties("searchId", (p) -> p.keyword((k) -> k))
					.properties("username", (p) -> p.keyword((k) -> k))
					.properties("since", (p) -> p.date((d) -> d))));
	}

	// No other test class's application may find these subscriptions.
	@AfterEach
	void dropSavedSearchIndices() throws IOException {
		this.elasticsearch.indices()
			.delete((delete) -> delete.index(SavedSearchSubscriptions.SEARCHES, SavedSearchSubscriptions.SUBSCRIPTIONS)
				.ignoreUnavailable(true));
	}

	@Test
	void aSubscriberGetsOneEmailOfTheDayBeforeInTheirZoneAtTheSendingTimeHoweverOftenTheScheduleTicks()
			throws Exception {
		String id = savedSearch("Line 4 delays", "\"line 4\" late", Map.of("department", List.of("operations"),
				"sentiment", List.of("negative"), "owned", false, "minReach", 1.5, "sort", "newest", "period", "7d"));
		subscribe(id, "mia", MIA, NEW_YORK);

		this.scheduler.sendDue().blockLast(Duration.ofSeconds(30));
		assertThat(smtp.getReceivedMessages()).as("07:00 in New York is before the sending time").isEmpty();
		assertThat(search.requests("/api/mentions")).isEmpty();

		clock.set(NEW_YORK_MORNING);
		this.scheduler.sendDue().blockLast(Duration.ofSeconds(30));
		this.scheduler.sendDue().blockLast(Duration.ofSeconds(30));

		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		Thread.sleep(500);
		MimeMessage[] messages = smtp.getReceivedMessages();
		assertThat(messages).hasSize(1);
		assertThat(search.requests("/api/mentions")).as("the second tick finds it sent before asking anything")
			.hasSize(1);
		// Monday 13 February in New York: 05:00 UTC to 05:00 UTC.
		assertThat(search.requests("/api/mentions").get(0)).containsEntry("q", "\"line 4\" late")
			.containsEntry("department", "operations")
			.containsEntry("sentiment", "negative")
			.containsEntry("owned", "false")
			.containsEntry("minReach", "1.5")
			.containsEntry("from", "2040-02-13T05:00:00Z")
			.containsEntry("to", "2040-02-14T05:00:00Z")
			.containsEntry("sort", "reach")
			.containsEntry("collapse", "true")
			.containsEntry("size", "10")
			.doesNotContainKeys("topic", "source", "question", "period");
		assertThat(search.rawQueries("/api/mentions").get(0)).contains("q=%22line%204%22%20late");
		assertThat(search.authorizations())
			.allSatisfy((authorization) -> assertThat(authorization).isEqualTo(FakeSearchService.BASIC));

		MimeMessage message = messages[0];
		assertThat(Arrays.stream(message.getAllRecipients()).map(Address::toString)).containsExactly(MIA);
		assertThat(message.getFrom()[0].toString()).isEqualTo("Grapevine <grapevine@localhost>");
		assertThat(message.getSubject()).isEqualTo("Line 4 delays · saved search · Mon 13 Feb 2040 · 5 mentions");
		MimeMultipart alternative = (MimeMultipart) message.getContent();
		String text = (String) alternative.getBodyPart(0).getContent();
		String html = (String) alternative.getBodyPart(1).getContent();

		String permalink = "https://listening.example.org/?saved=" + id;
		assertThat(text).contains("5 mentions matched on Monday 13 February 2040")
			.contains("Monday 13 February 2040 (America/New_York)")
			.contains("Query: \"line 4\" late")
			.contains("department operations · sentiment negative")
			.contains("Open: https://x.com/rider_amy/status/2002")
			.contains("Open the saved search: " + permalink)
			.contains("DELETE /api/saved-searches/" + id + "/subscription")
			.contains("Sent by Grapevine to " + MIA);
		// Widest reach first, the copies of the second folded into it.
		assertThat(text.indexOf("status/2002")).isLessThan(text.indexOf("status/2001"));
		assertThat(text.indexOf("status/2001")).isLessThan(text.indexOf("status/2003"));
		assertThat(text).contains("3 copies");
		assertThat(html).contains("Line 4 is &lt;b&gt;late&lt;/b&gt; again &amp; nobody says why")
			.doesNotContain("<b>late</b>")
			.contains("href=\"https://x.com/rider_amy/status/2001\"")
			.contains("href=\"https://x.com/rider_amy/status/2002\"")
			.contains("href=\"" + permalink + "\"")
			.contains("Open the saved search")
			.contains("Unsubscribe on the saved search's page")
			.contains("Harbor City Transit");

		DeliveryRecord record = this.elasticsearch
			.get((get) -> get.index(DeliveryLedger.INDEX).id("saved-search:" + id + ":mia:2040-02-13:email"),
					DeliveryRecord.class)
			.source();
		assertThat(record.status()).isEqualTo(DeliveryRecord.SENT);
	}

	@Test
	void twoReplicasRacingSendEachSubscriberOneEmail() throws Exception {
		String id = savedSearch("Line 4", "\"line 4\"", Map.of());
		subscribe(id, "mia", MIA, NEW_YORK);
		subscribe(id, "amy", "amy@harborcity-transit.example", NEW_YORK);
		clock.set(NEW_YORK_MORNING);
		SavedSearchSender other = replica("replica-b");

		Flux.merge(this.sender.sendDue().subscribeOn(Schedulers.parallel()),
				other.sendDue().subscribeOn(Schedulers.parallel()))
			.blockLast(Duration.ofSeconds(60));
		// A replica that found an email held by the other leaves it to the next check.
		Flux.merge(this.sender.sendDue(), other.sendDue()).blockLast(Duration.ofSeconds(60));

		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		Thread.sleep(500);
		assertThat(smtp.getReceivedMessages()).extracting((message) -> message.getAllRecipients()[0].toString())
			.containsExactlyInAnyOrder(MIA, "amy@harborcity-transit.example");
	}

	@Test
	void eachSubscriberGetsTheirEmailAtTheSendingTimeOfTheirOwnZone() throws Exception {
		String id = savedSearch("Line 4", "\"line 4\"", Map.of());
		subscribe(id, "mia", MIA, NEW_YORK);
		subscribe(id, "ken", "ken@harborcity-transit.example", TOKYO);

		// 08:30 on Wednesday 15 February in Tokyo, 18:30 on Tuesday in New York: Tokyo's
		// Tuesday is due, New York's Monday was due at 08:00 already.
		clock.set(Instant.parse("2040-02-14T23:30:00Z"));
		this.sender.sendDue().blockLast(Duration.ofSeconds(30));

		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		Map<String, String> subjects = new LinkedHashMap<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			subjects.put(message.getAllRecipients()[0].toString(), message.getSubject());
		}
		assertThat(subjects).containsEntry(MIA, "Line 4 · saved search · Mon 13 Feb 2040 · 5 mentions")
			.containsEntry("ken@harborcity-transit.example", "Line 4 · saved search · Tue 14 Feb 2040 · 5 mentions");
		assertThat(search.requests("/api/mentions")).extracting((request) -> request.get("from"))
			.containsExactlyInAnyOrder("2040-02-13T05:00:00Z", "2040-02-13T15:00:00Z");
	}

	@Test
	void someoneWhoUnsubscribedGetsNoneAndADeletedSearchSendsNothing() throws Exception {
		String kept = savedSearch("Kept", "\"line 4\"", Map.of());
		String deleted = savedSearch("Deleted", "\"line 4\"", Map.of());
		subscribe(kept, "mia", MIA, NEW_YORK);
		subscribe(kept, "amy", "amy@harborcity-transit.example", NEW_YORK);
		subscribe(deleted, "bob", "bob@harborcity-transit.example", NEW_YORK);
		// Subscribed after Monday's email fell due: the first one is Tuesday's.
		subscribe(kept, "lee", "lee@harborcity-transit.example", NEW_YORK, Instant.parse("2040-02-14T13:01:00Z"));
		clock.set(NEW_YORK_MORNING);

		// amy unsubscribes and the search bob follows is deleted, as search-service does
		// it.
		this.elasticsearch.delete((delete) -> delete.index(SavedSearchSubscriptions.SUBSCRIPTIONS)
			.id(kept + ":amy")
			.refresh(Refresh.True));
		this.elasticsearch
			.delete((delete) -> delete.index(SavedSearchSubscriptions.SEARCHES).id(deleted).refresh(Refresh.True));
		this.sender.sendDue().blockLast(Duration.ofSeconds(30));

		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		Thread.sleep(1000);
		assertThat(smtp.getReceivedMessages()).extracting((message) -> message.getAllRecipients()[0].toString())
			.containsExactly(MIA);
		// A send that had read amy's subscription before she ended it finds it gone.
		this.sender
			.send(new SavedSearchSubscription(kept, "amy", "amy@harborcity-transit.example", NEW_YORK, SUBSCRIBED),
					Period.day(LocalDate.of(2040, 2, 13), NEW_YORK))
			.block(Duration.ofSeconds(30));
		Thread.sleep(500);
		assertThat(smtp.getReceivedMessages()).hasSize(1);

		// The next morning lee's first email comes, and amy's and bob's never.
		clock.set(NEW_YORK_MORNING.plus(Duration.ofDays(1)));
		this.sender.sendDue().blockLast(Duration.ofSeconds(30));
		assertThat(smtp.waitForIncomingEmail(10_000, 3)).isTrue();
		Thread.sleep(1000);
		assertThat(smtp.getReceivedMessages()).extracting((message) -> message.getAllRecipients()[0].toString())
			.containsExactlyInAnyOrder(MIA, MIA, "lee@harborcity-transit.example");
	}

	@Test
	void aSubscriptionBeingSentByAnotherReplicaIsLeftToItUntilItsClaimLapses() throws Exception {
		String id = savedSearch("Line 4", "\"line 4\"", Map.of());
		subscribe(id, "mia", MIA, NEW_YORK);
		clock.set(NEW_YORK_MORNING);
		String delivery = "saved-search:" + id + ":mia:2040-02-13";
		new DeliveryLedger(this.elasticsearch, clock, "stopped-replica", Duration.ofSeconds(30))
			.claim(delivery, "email")
			.block(Duration.ofSeconds(10));

		this.sender.sendDue().blockLast(Duration.ofSeconds(30));
		Thread.sleep(500);
		assertThat(smtp.getReceivedMessages()).isEmpty();

		clock.set(NEW_YORK_MORNING.plus(Duration.ofSeconds(31)));
		this.sender.sendDue().blockLast(Duration.ofSeconds(30));
		this.sender.sendDue().blockLast(Duration.ofSeconds(30));
		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		Thread.sleep(500);
		assertThat(smtp.getReceivedMessages()).hasSize(1);
	}

	private SavedSearchSender replica(String name) {
		return new SavedSearchSender(new SavedSearchSubscriptions(this.elasticsearch),
				new InsightsClient(this.analytics),
				new SavedSearchRenderer("Harbor City Transit", URI.create("https://listening.example.org/"),
						URI.create("http://127.0.0.1:8082")),
				this.email, new DeliveryLedger(this.elasticsearch, clock, name, Duration.ofSeconds(30)), clock,
				new SavedSearchSender.Settings(LocalTime.of(8, 0), 10, URI.create("https://listening.example.org/"), 2,
						Duration.ofMillis(100), Duration.ofMillis(200)));
	}

	// A saved search as search-service writes it.
	private String savedSearch(String name, String query, Map<String, Object> filters) throws IOException {
		String id = "search-" + this.run + "-" + name.toLowerCase().replaceAll("[^a-z0-9]+", "-");
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("id", id);
		document.put("name", name);
		document.put("query", query);
		Map<String, Object> stored = new LinkedHashMap<>(
				Map.of("department", List.of(), "topic", List.of(), "source", List.of(), "language", List.of(),
						"sentiment", List.of(), "competitor", List.of(), "sort", "newest", "collapse", false));
		stored.putAll(filters);
		document.put("filters", stored);
		document.put("createdBy", "amy");
		document.put("createdAt", "2040-01-10T10:00:00Z");
		document.put("updatedAt", "2040-01-10T10:00:00Z");
		this.elasticsearch.index((index) -> index.index(SavedSearchSubscriptions.SEARCHES)
			.id(id)
			.document(document)
			.refresh(Refresh.True));
		return id;
	}

	private void subscribe(String searchId, String username, String address, ZoneId zone) throws IOException {
		subscribe(searchId, username, address, zone, SUBSCRIBED);
	}

	private void subscribe(String searchId, String username, String address, ZoneId zone, Instant since)
			throws IOException {
		this.elasticsearch.index((index) -> index.index(SavedSearchSubscriptions.SUBSCRIPTIONS)
			.id(searchId + ":" + username)
			.document(Map.of("searchId", searchId, "username", username, "email", address, "timeZone", zone.getId(),
					"since", since.toString()))
			.refresh(Refresh.True));
	}

	private static Mention mention(String nativeId, String text, double reach) {
		Mention mention = FakeSearchService.mention(nativeId, text, 3);
		return mention.withEnrichment(mention.language(), Optional.empty(), Optional.empty(), Optional.of(reach));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClockConfiguration {

		@Bean
		@Primary
		Clock testClock() {
			return clock;
		}

	}

}
