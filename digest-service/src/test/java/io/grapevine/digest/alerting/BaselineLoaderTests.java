package io.grapevine.digest.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import io.grapevine.digest.MutableClock;
import io.grapevine.localstack.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalStackExtension.class)
class BaselineLoaderTests {

	private static final Instant NOW = Instant.parse("2026-11-20T12:20:00Z");

	private RestClient rest;

	private ElasticsearchClient client;

	@BeforeEach
	void connect() {
		this.rest = RestClient.builder(HttpHost.create(LocalStackExtension.stack().elasticsearchUri().toString()))
			.build();
		this.client = new ElasticsearchClient(new RestClientTransport(this.rest, new JacksonJsonpMapper()));
	}

	@AfterEach
	void close() throws Exception {
		this.rest.close();
	}

	@Test
	void theSameHourOnPastDaysGivesTheExpectedCountAndNegativeShare() throws Exception {
		String index = "baseline-mentions-" + System.nanoTime();
		this.client.indices()
			.create((create) -> create.index(index)
				.mappings((mappings) -> mappings.properties("topics", (p) -> p.keyword((k) -> k))
					.properties("publishedAt", (p) -> p.date((d) -> d))
					.properties("sentiment",
							(p) -> p.object((o) -> o.properties("label", (l) -> l.keyword((k) -> k))))));
		// Between 11:00 and 12:00: four mentions a day ago (one negative), two a week ago
		// (both negative); others at other hours or older than 14 days.
		put(index, "a1", "delays", "2026-11-19T11:05:00Z", "negative");
		put(index, "a2", "delays", "2026-11-19T11:15:00Z", "neutral");
		put(index, "a3", "delays", "2026-11-19T11:25:00Z", "positive");
		put(index, "a4", "delays", "2026-11-19T11:59:59Z", "neutral");
		put(index, "b1", "delays", "2026-11-13T11:30:00Z", "negative");
		put(index, "b2", "delays", "2026-11-13T11:40:00Z", "negative");
		put(index, "c1", "delays", "2026-11-19T10:30:00Z", "negative");
		put(index, "c2", "delays", "2026-11-01T11:30:00Z", "negative");
		put(index, "d1", "fares", "2026-11-19T11:30:00Z", "neutral");
		this.client.indices().refresh((refresh) -> refresh.index(index));
		Baseline baseline = new Baseline(14);

		StepVerifier.create(new BaselineLoader(this.client, index, 14, Clock.fixed(NOW, ZoneOffset.UTC)).load(baseline))
			.assertNext((read) -> assertThat(read).isEqualTo(4))
			.verifyComplete();

		Baseline.Expected delays = baseline.expected("delays", NOW);
		assertThat(delays.count()).isEqualTo(6.0 / 14);
		assertThat(delays.negativeShare()).isEqualTo(3.0 / 6);
		assertThat(baseline.expected("fares", NOW).count()).isEqualTo(1.0 / 14);
		assertThat(baseline.expected("delays", NOW.plus(Duration.ofHours(1))).count()).isZero();
	}

	@Test
	void aBaselineReadHoursAgoIsReadAgainOnceTheClockEntersANewHourAndComparesWithTheDaysJustPast() throws Exception {
		String index = mentionsIndex();
		// Friday 11:00-12:00: eight mentions; a week earlier at the same hour: none.
		MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:20:00Z"));
		BaselineLoader loader = new BaselineLoader(this.client, index, 14, clock);
		Baseline baseline = new Baseline(14);
		StepVerifier.create(loader.load(baseline)).assertNext((read) -> assertThat(read).isZero()).verifyComplete();
		for (int i = 0; i < 8; i++) {
			put(index, "f" + i, "delays", "2026-11-20T11:0" + i + ":00Z", (i < 2) ? "negative" : "neutral");
		}
		this.client.indices().refresh((refresh) -> refresh.index(index));

		// Still 10:xx: the baseline read at 10:20 is current, nothing is read again.
		clock.set(Instant.parse("2026-11-20T10:59:00Z"));
		StepVerifier.create(loader.refreshIfStale(baseline)).verifyComplete();

		// Saturday 12:05, the replica running since Friday: the hour it compares
		// (11:00-12:00) needs Friday's, which the first read could not have.
		Instant saturday = Instant.parse("2026-11-21T12:05:00Z");
		clock.set(saturday);
		assertThat(baseline.expected("delays", saturday).count()).isZero();
		StepVerifier.create(loader.refreshIfStale(baseline))
			.assertNext((read) -> assertThat(read).isEqualTo(1))
			.verifyComplete();
		assertThat(baseline.expected("delays", saturday).count()).isEqualTo(8.0 / 14);
		assertThat(baseline.expected("delays", saturday).negativeShare()).isEqualTo(2.0 / 8);
		assertThat(baseline.loadedUpTo()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
		StepVerifier.create(loader.refreshIfStale(baseline)).verifyComplete();
	}

	@Test
	void aMissingAliasLeavesTheBaselineEmpty() {
		Baseline baseline = new Baseline(14);

		StepVerifier
			.create(new BaselineLoader(this.client, "no-such-mentions", 14, Clock.fixed(NOW, ZoneOffset.UTC))
				.load(baseline))
			.assertNext((read) -> assertThat(read).isZero())
			.verifyComplete();
		assertThat(baseline.expected("delays", NOW).count()).isZero();
	}

	private String mentionsIndex() throws Exception {
		String index = "baseline-mentions-" + System.nanoTime();
		this.client.indices()
			.create((create) -> create.index(index)
				.mappings((mappings) -> mappings.properties("topics", (p) -> p.keyword((k) -> k))
					.properties("publishedAt", (p) -> p.date((d) -> d))
					.properties("sentiment",
							(p) -> p.object((o) -> o.properties("label", (l) -> l.keyword((k) -> k))))));
		return index;
	}

	private void put(String index, String id, String topic, String publishedAt, String label) throws Exception {
		this.client.index((put) -> put.index(index)
			.id(id)
			.document(Map.of("topics", java.util.List.of(topic), "publishedAt", publishedAt, "sentiment",
					Map.of("label", label)))
			.refresh(Refresh.False));
	}

}
