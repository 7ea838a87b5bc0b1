package io.grapevine.search;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.localstack.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the whole service against the real Kafka broker and Elasticsearch node of the
 * local stack; every integration test class shares the one application context.
 */
@ExtendWith(LocalStackExtension.class)
// A loaded CI machine can take longer than the client's default 5 s; a hang still fails.
@AutoConfigureWebTestClient(timeout = "PT30S")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.config.name=search-service",
		"grapevine.organization-file=../config/organization.yml", "grapevine.search.indexer.batch-timeout=100ms",
		"grapevine.search.indexer.retry-backoff=200ms", "grapevine.search.indexer.max-retry-backoff=1s",
		// The fixtures are published years ago; the retention check must not drop
		// them.
		"grapevine.search.retention=36500d", "grapevine.search.indexer.stall-timeout=4s",
		// The tests' few marked days settle at once; the backlog case has its own test.
		"grapevine.search.rollups.settle=1s",
		// Below the mentions MentionExportIntegrationTests indexes, so an export is cut.
		"grapevine.search.export.max-rows=2200", "grapevine.security.users[0].username=" + TestUsers.MEMBER,
		"grapevine.security.users[0].password-hash=" + TestUsers.MEMBER_PASSWORD_HASH,
		"grapevine.security.users[0].roles=MEMBER", "grapevine.security.users[0].email=" + TestUsers.MEMBER_EMAIL,
		"grapevine.security.users[1].username=" + TestUsers.ADMIN,
		"grapevine.security.users[1].password-hash=" + TestUsers.ADMIN_PASSWORD_HASH,
		"grapevine.security.users[1].roles=ADMIN", "grapevine.security.users[2].username=amy",
		"grapevine.security.users[2].password-hash=" + TestUsers.MEMBER_PASSWORD_HASH,
		"grapevine.security.users[2].email=amy@harborcity-transit.example", "grapevine.security.users[3].username=bob",
		"grapevine.security.users[3].password-hash=" + TestUsers.MEMBER_PASSWORD_HASH,
		"grapevine.security.users[4].username=erin",
		"grapevine.security.users[4].password-hash=" + TestUsers.MEMBER_PASSWORD_HASH })
public abstract class LiveStackTestSupport {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	protected KafkaSender<String, String> sender;

	@Autowired
	protected ElasticsearchClient elasticsearch;

	/** A client signed in as a member, with HTTP Basic. */
	protected WebTestClient web;

	/** A client that is not signed in. */
	protected WebTestClient anonymous;

	@LocalServerPort
	protected int port;

	@Autowired
	void signIn(WebTestClient client) {
		this.anonymous = client;
		this.web = client.mutate()
			.defaultHeaders((headers) -> headers.setBasicAuth(TestUsers.MEMBER, TestUsers.MEMBER_PASSWORD))
			.build();
	}

	@DynamicPropertySource
	static void liveStack(DynamicPropertyRegistry registry) {
		registry.add("grapevine.kafka.bootstrap-servers", () -> LocalStackExtension.stack().kafkaBootstrapServers());
		registry.add("spring.elasticsearch.uris", () -> LocalStackExtension.stack().elasticsearchUri().toString());
	}

	protected void publish(Mention... mentions) {
		for (Mention mention : mentions) {
			publishRaw(mention.id(), MentionJson.write(mention));
		}
	}

	protected void publishRaw(String key, String value) {
		this.sender
			.send(Flux.just(SenderRecord.create(new ProducerRecord<>(KafkaTopicNames.MENTIONS, key, value), key)))
			.blockLast(Duration.ofSeconds(30));
	}

	protected long countById(String id) throws java.io.IOException {
		this.elasticsearch.indices()
			.refresh((refresh) -> refresh.index("mentions").ignoreUnavailable(true).allowNoIndices(true));
		return this.elasticsearch
			.count((count) -> count.index("mentions")
				.ignoreUnavailable(true)
				.query((query) -> query.term((term) -> term.field("id").value(id))))
			.count();
	}

	protected void awaitIndexed(Mention... mentions) {
		// A monthly index just created answers 503 until its shard is allocated.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
			for (Mention mention : mentions) {
				if (countById(mention.id()) != 1) {
					return false;
				}
			}
			return true;
		});
	}

	protected DeadLetter awaitDeadLetter(Predicate<DeadLetter> which) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				LocalStackExtension.stack().kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
				"search-tests-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(KafkaTopicNames.DEAD_LETTERS));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					Optional<DeadLetter> deadLetter = Optional.of(MentionJson.readDeadLetter(record.value()))
						.filter(which);
					if (deadLetter.isPresent()) {
						return deadLetter.get();
					}
				}
			}
		}
		throw new AssertionError("No such dead letter arrived on " + KafkaTopicNames.DEAD_LETTERS + " within 60s");
	}

	/**
	 * Asks the API as a member for a JSON object and expects 200.
	 * @param uri the URI template
	 * @param variables the template's variables
	 * @return the answer
	 */
	protected Map<String, Object> getJson(String uri, Object... variables) {
		return this.web.get()
			.uri(uri, variables)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Asserts that the API answers a request with a 400 problem detail that names the
	 * parameter at fault, in its property and in its detail.
	 * @param uri the request URI
	 * @param parameter the parameter the problem must name
	 */
	protected void assertProblem(String uri, String parameter) {
		expectProblem(parameter, uri).jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("'" + parameter + "'"));
	}

	/**
	 * Expects the API to answer a request with a 400 problem detail naming a parameter.
	 * @param parameter the parameter the problem must name
	 * @param uri the URI template
	 * @param variables the template's variables
	 * @return the problem, for further expectations
	 */
	protected BodyContentSpec expectProblem(String parameter, String uri, Object... variables) {
		return this.web.get()
			.uri(uri, variables)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.parameter")
			.isEqualTo(parameter);
	}

	/**
	 * Asserts that an analytics answer without 'from' covers the given length before
	 * 'to', and without 'to' the same length until now.
	 * @param path the analytics path, without query
	 * @param length the length of the default range
	 */
	protected void assertRangeDefaults(String path, Duration length) {
		Instant to = Instant.parse("2021-06-15T12:00:00Z");
		assertThat(getJson(path + "?to=" + to)).containsEntry("from", to.minus(length).toString())
			.containsEntry("to", to.toString());
		Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Map<String, Object> latest = getJson(path);
		Instant now = Instant.parse((String) latest.get("to"));
		assertThat(now).isBetween(before, Instant.now());
		assertThat(latest).containsEntry("from", now.minus(length).toString());
	}

	/**
	 * The list of JSON objects an answer holds under a key.
	 * @param answer the answer
	 * @param key the key
	 * @return the list, or null when the key is absent
	 */
	@SuppressWarnings("unchecked")
	protected static List<Map<String, Object>> list(Map<String, Object> answer, String key) {
		return (List<Map<String, Object>>) answer.get(key);
	}

	/**
	 * The JSON object an answer holds under a key.
	 * @param answer the answer
	 * @param key the key
	 * @return the object, or null when the key is absent
	 */
	@SuppressWarnings("unchecked")
	protected static Map<String, Object> map(Map<String, Object> answer, String key) {
		return (Map<String, Object>) answer.get(key);
	}

	/**
	 * The ids of the mentions of a page of search results, in order.
	 * @param page the page
	 * @return the ids
	 */
	protected static List<String> mentionIds(Map<String, Object> page) {
		return list(page, "mentions").stream().map((found) -> (String) map(found, "mention").get("id")).toList();
	}

}
