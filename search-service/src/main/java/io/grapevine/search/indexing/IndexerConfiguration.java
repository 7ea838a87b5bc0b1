package io.grapevine.search.indexing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.kafka.GrapevineKafkaAutoConfiguration;
import io.grapevine.kafka.GrapevineKafkaProperties;
import io.grapevine.kafka.KafkaTopicProvisioner;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.organization.Organization;
import io.grapevine.search.handling.elasticsearch.ReplyAnswers;
import io.grapevine.search.index.ChangedDays;
import io.grapevine.search.index.MentionIndexTemplate;
import io.grapevine.search.index.RetentionProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import reactor.kafka.receiver.MicrometerConsumerListener;
import reactor.kafka.receiver.ReceiverOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the indexer unless {@code grapevine.search.indexer.enabled} is false.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "grapevine.search.indexer.enabled", matchIfMissing = true)
class IndexerConfiguration {

	@Bean
	IndexerProgress indexerHealthIndicator(IndexerProperties properties, MeterRegistry meterRegistry) {
		return new IndexerProgress(Clock.systemUTC(), properties.stallTimeout(), meterRegistry);
	}

	@Bean
	MentionIndexer mentionIndexer(GrapevineKafkaProperties kafka, KafkaTopicProvisioner topics,
			ElasticsearchAsyncClient client, MentionIndexTemplate template, DeadLetterPublisher deadLetters,
			IndexerProperties properties, MeterRegistry meterRegistry, Organization organization,
			ReplyAnswers replyAnswers, RetentionProperties retention, IndexerProgress progress, ChangedDays changedDays,
			ObjectProvider<ObservationRegistry> observations) {
		// The indexer observes every record itself, from receipt until indexed or set
		// aside, in the trace its producer's traceparent header names (the receiver's own
		// observation would end at receipt), so a mention is followed from the ingest
		// publication into the indexer's spans and log lines.
		ReceiverOptions<String, String> options = receiverOptions(kafka, properties, meterRegistry);
		return new MentionIndexer(options, client, template, deadLetters, properties, meterRegistry,
				organization.accounts(), replyAnswers, new PublicationWindow(retention.retention(), Clock.systemUTC()),
				progress, changedDays, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	static ReceiverOptions<String, String> receiverOptions(GrapevineKafkaProperties kafka, IndexerProperties properties,
			MeterRegistry meterRegistry) {
		Map<String, Object> config = GrapevineKafkaAutoConfiguration.consumerConfig(kafka, properties.groupId());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batchSize());
		return ReceiverOptions.<String, String>create(config)
			.consumerListener(new MicrometerConsumerListener(meterRegistry))
			.commitInterval(Duration.ofSeconds(1))
			.subscription(List.of(KafkaTopicNames.MENTIONS));
	}

}
