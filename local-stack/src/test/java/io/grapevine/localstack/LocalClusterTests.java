package io.grapevine.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the three-broker, three-node {@link LocalCluster}, kills one broker and one
 * Elasticsearch node with {@code kill -9}, and checks that writes and reads still succeed
 * on what is left.
 */
class LocalClusterTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static LocalCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = LocalCluster.start(LocalStackOptions.forTests());
		System.out.printf("Local cluster started in %d ms, pids %s%n", cluster.startupTime().toMillis(),
				cluster.pids());
	}

	@AfterAll
	static void closeCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void writesAndReadsGoOnAfterOneBrokerAndOneElasticsearchNodeAreKilled() throws Exception {
		String topic = "cluster-" + UUID.randomUUID();
		String index = "cluster-" + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				cluster.kafkaBootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
			// The broker's defaults: three replicas, two of them in sync for a write.
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) -1))).all().get();
			TopicDescription description = fullyReplicated(admin, topic);
			assertThat(description.partitions()).allSatisfy((partition) -> assertThat(partition.isr()).hasSize(3));
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
			assertThat(admin.describeConfigs(List.of(resource))
				.all()
				.get()
				.get(resource)
				.get("min.insync.replicas")
				.value()).isEqualTo("2");
			put(cluster.elasticsearchUri(), "/" + index, "{}");
			assertThat(
					get(cluster.elasticsearchUri(), "/_cluster/health/" + index + "?wait_for_status=green&timeout=60s"))
				.contains("\"status\":\"green\"")
				.contains("\"number_of_nodes\":3")
				.contains("\"active_shards\":2");

			try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
				for (int n = 0; n < 100; n++) {
					producer.send(new ProducerRecord<>(topic, "before-" + n, "mention " + n)).get();
					put(cluster.elasticsearchUri(), "/" + index + "/_doc/before-" + n, "{\"n\":" + n + "}");
				}

				// The leader of partition 0 and the node that holds the index's primary.
				int leader = description.partitions().get(0).leader().id();
				int broker = leader - 1;
				int node = primaryNode(index);
				long killedAt = System.nanoTime();
				cluster.killKafkaBroker(broker);
				cluster.killElasticsearchNode(node);
				URI survivor = cluster.elasticsearchUris().get((node + 1) % LocalCluster.SIZE);

				long firstWrite = 0;
				for (int n = 0; n < 100; n++) {
					producer.send(new ProducerRecord<>(topic, "after-" + n, "mention " + n)).get();
					if (n == 0) {
						firstWrite = System.nanoTime();
					}
				}
				System.out.printf("Kafka: first acknowledged write %d ms after broker %d was killed%n",
						(firstWrite - killedAt) / 1_000_000, leader);
				long indexed = indexUntilAccepted(survivor, index, "after-0");
				System.out.printf("Elasticsearch: first accepted write %d ms after node %d was killed%n",
						(indexed - killedAt) / 1_000_000, node + 1);
				for (int n = 1; n < 100; n++) {
					put(survivor, "/" + index + "/_doc/after-" + n, "{\"n\":" + n + "}");
				}
				assertThat(consumeAll(topic)).hasSize(200);
				get(survivor, "/" + index + "/_refresh");
				assertThat(get(survivor, "/" + index + "/_count")).contains("\"count\":200");
				assertThat(get(survivor, "/_cluster/health/" + index)).contains("\"number_of_nodes\":2")
					.doesNotContain("\"status\":\"red\"");
			}
		}
	}

	/**
	 * Describe a new topic once every broker knows it and each partition has its three
	 * replicas in sync.
	 */
	private static TopicDescription fullyReplicated(Admin admin, String topic) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			try {
				TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
				if (description.partitions().stream().allMatch((partition) -> partition.isr().size() == 3)
						|| System.nanoTime() > deadline) {
					return description;
				}
			}
			catch (ExecutionException ex) {
				assertThat(System.nanoTime()).as("topic %s not known within 60 s: %s", topic, ex).isLessThan(deadline);
			}
			Thread.sleep(200);
		}
	}

	private static int primaryNode(String index) throws Exception {
		String shards = get(cluster.elasticsearchUri(), "/_cat/shards/" + index + "?h=prirep,node");
		Matcher matcher = Pattern.compile("p\\s+elasticsearch-(\\d)").matcher(shards);
		assertThat(matcher.find()).as(shards).isTrue();
		return Integer.parseInt(matcher.group(1)) - 1;
	}

	/**
	 * Index one document, trying again while the cluster promotes the replica of the lost
	 * primary; returns when it was accepted.
	 */
	private static long indexUntilAccepted(URI node, String index, String id) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(node.resolve("/" + index + "/_doc/" + id + "?timeout=5s"))
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json")
					.PUT(BodyPublishers.ofString("{\"n\":0}"))
					.build(), BodyHandlers.ofString());
			if (response.statusCode() / 100 == 2) {
				return System.nanoTime();
			}
			assertThat(System.nanoTime()).as("Elasticsearch took no write within 60 s: " + response.body())
				.isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	private static List<ConsumerRecord<String, String>> consumeAll(String topic) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "local-cluster-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (keys.size() < 200 && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					records.add(record);
					keys.add(record.key());
				}
			}
		}
		return records;
	}

	private static Properties producerConfig() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		return config;
	}

	private static String put(URI node, String path, String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.resolve(path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
		return response.body();
	}

	private static String get(URI node, String path) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(90)).GET().build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
		return response.body();
	}

}
