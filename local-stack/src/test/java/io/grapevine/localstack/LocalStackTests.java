package io.grapevine.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalStack} against the real broker and node it starts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static LocalStack stack;

	@BeforeAll
	static void startStack() {
		stack = LocalStack.start(LocalStackOptions.forTests());
		System.out.printf("Local stack started in %d ms, pids %s%n", stack.startupTime().toMillis(), stack.pids());
	}

	@AfterAll
	static void closeStack() {
		stack.close();
	}

	@Test
	@Order(1)
	void recordsProducedToTheBrokerCanBeConsumed() throws Exception {
		String topic = "local-stack-" + UUID.randomUUID();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
			RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, "mention-1", "{\"text\":\"hello\"}"))
				.get();
			assertThat(metadata.offset()).isZero();
		}
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
			consumer.subscribe(List.of(topic));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			assertThat(records).singleElement().satisfies((record) -> {
				assertThat(record.key()).isEqualTo("mention-1");
				assertThat(record.value()).isEqualTo("{\"text\":\"hello\"}");
			});
		}
	}

	@Test
	@Order(2)
	void documentsIndexedInElasticsearchCanBeSearched() throws Exception {
		HttpResponse<String> indexed = send(HttpRequest.newBuilder(uri("/mentions-test/_doc/x:1?refresh=true"))
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString("{\"text\":\"grapevine heard it\"}")));
		assertThat(indexed.statusCode()).isEqualTo(201);
		HttpResponse<String> found = send(HttpRequest.newBuilder(uri("/mentions-test/_search"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"query\":{\"match\":{\"text\":\"heard\"}}}")));
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.body()).contains("\"_id\":\"x:1\"").contains("\"total\":{\"value\":1");
	}

	@Test
	@Order(3)
	void exposesTheBrokerAndNodeOnTheLoopbackAddress() {
		assertThat(stack.kafkaBootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
		assertThat(stack.elasticsearchUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
		assertThat(stack.startupTime()).isPositive();
	}

	@Test
	@Order(4)
	void reportsThePidsOfTheBrokerAndTheNode() throws IOException {
		List<Long> pids = stack.pids();
		assertThat(pids).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((pid) -> assertThat(ProcessHandle.of(pid)).hasValueSatisfying(ProcessHandle::isAlive));
		for (long pid : pids) {
			String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
			String rss = status.lines().filter((line) -> line.startsWith("VmRSS")).findFirst().orElse("?");
			String command = ProcessHandle.of(pid).flatMap((handle) -> handle.info().arguments()).map((arguments) -> {
				String last = arguments[arguments.length - 1];
				return last.length() > 60 ? last.substring(0, 60) : last;
			}).orElse("?");
			System.out.printf("pid %d %s (%s)%n", pid, rss.replaceAll("\\s+", " "), command);
		}
	}

	@Test
	@Order(5)
	void closeStopsEveryProcessAndFreesThePorts() {
		List<Long> pids = stack.pids();
		int kafkaPort = Integer.parseInt(stack.kafkaBootstrapServers().split(":")[1]);
		int elasticsearchPort = stack.elasticsearchUri().getPort();
		stack.close();
		assertThat(pids).allSatisfy((pid) -> assertThat(ProcessHandle.of(pid)).isEmpty());
		assertThat(isFree(kafkaPort)).isTrue();
		assertThat(isFree(elasticsearchPort)).isTrue();
		assertThat(stack.dataDirectory().resolve("kafka.pid")).doesNotExist();
		assertThat(stack.dataDirectory().resolve("elasticsearch.pid")).doesNotExist();
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static URI uri(String path) {
		return stack.elasticsearchUri().resolve(path);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
	}

	private static Properties producerConfig() {
		Properties config = new Properties();
		config.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"));
		return config;
	}

	private static Properties consumerConfig() {
		Properties config = new Properties();
		config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "local-stack-tests", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
		return config;
	}

}
