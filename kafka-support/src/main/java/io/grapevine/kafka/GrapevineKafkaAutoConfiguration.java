package io.grapevine.kafka;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
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
	 * Producer settings for mentions: acknowledged by all replicas, idempotent, batched
	 * as load allows.
	 * @param properties the Kafka settings
	 * @return sender options
	 */
	public static SenderOptions<String, String> senderOptions(GrapevineKafkaProperties properties) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
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

}
