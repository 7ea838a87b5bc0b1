package io.grapevine.kafka;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.MicrometerProducerListener;
import reactor.kafka.sender.SenderOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Provisions Grapevine's topics at start-up and offers a string sender and the
 * dead-letter publisher to every service that has this module.
 */
@AutoConfiguration
@EnableConfigurationProperties(GrapevineKafkaProperties.class)
public class GrapevineKafkaAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KafkaTopicProvisioner kafkaTopicProvisioner(GrapevineKafkaProperties properties) {
		KafkaTopicProvisioner provisioner = new KafkaTopicProvisioner(properties);
		provisioner.provision();
		return provisioner;
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	KafkaSender<String, String> kafkaSender(GrapevineKafkaProperties properties, KafkaTopicProvisioner provisioner,
			ObjectProvider<ObservationRegistry> observations, ObjectProvider<MeterRegistry> meterRegistry) {
		SenderOptions<String, String> options = senderOptions(properties)
			// Observed sends carry the trace in a traceparent header, for the consumers
			// to continue it.
			.withObservation(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
		MeterRegistry registry = meterRegistry.getIfAvailable();
		if (registry != null) {
			// The producer's own meters (kafka.producer.*: sends, errors, retries,
			// latency).
			options = options.producerListener(new MicrometerProducerListener(registry));
		}
		return KafkaSender.create(options);
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetterPublisher deadLetterPublisher(KafkaSender<String, String> kafkaSender,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new DeadLetterPublisher(kafkaSender, meterRegistry.getIfAvailable(() -> Metrics.globalRegistry));
	}

	/**
	 * Producer settings for mentions: acknowledged by all in-sync replicas, idempotent
	 * (no duplicate from a retry), batched as load allows, and bounded in time so that a
	 * send that cannot succeed (a partition without a leader for longer than a broker
	 * failover takes) fails and is retried from the cursor instead of hanging. The same
	 * settings suit one broker.
	 * @param properties the Kafka settings
	 * @return sender options
	 */
	public static SenderOptions<String, String> senderOptions(GrapevineKafkaProperties properties) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		// At most five requests in flight per broker keeps the order of an idempotent
		// producer across retries.
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		// A leader lost to a killed broker is replaced within seconds (the controller
		// notices after broker.session.timeout.ms, 9 s by default): a request waits 15 s
		// for an answer and a record a minute for its acknowledgement, retries included.
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
		// No lingering: a source waits for each page's acknowledgement and then for its
		// cursor's, so a linger would be paid twice a page. Under load the producer still
		// batches what gathers while its requests are in flight.
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		return SenderOptions.<String, String>create(config).maxInFlight(1024);
	}

	/**
	 * Consumer settings every Grapevine consumer group starts from: string records, no
	 * automatic commit, and a session of 15 s, so that the group notices a member that
	 * died (killed, its machine lost) within seconds rather than the 45 s of Kafka's
	 * default, while a member that is only slow keeps its partitions.
	 * @param properties the Kafka settings
	 * @param groupId the consumer group
	 * @return consumer settings to add to
	 */
	public static Map<String, Object> consumerConfig(GrapevineKafkaProperties properties, String groupId) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
		config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
		config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		return config;
	}

}
