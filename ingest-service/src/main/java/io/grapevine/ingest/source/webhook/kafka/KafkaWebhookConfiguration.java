package io.grapevine.ingest.source.webhook.kafka;

import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.TopicMatcher;
import reactor.kafka.sender.KafkaSender;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the Kafka side of the webhook source.
 */
@Configuration(proxyBeanMethods = false)
class KafkaWebhookConfiguration {

	@Bean
	KafkaWebhookPublisher webhookPublisher(ObjectProvider<MentionEnricher> enricher, Organization organization,
			KafkaSender<String, String> kafkaSender, DeadLetterPublisher deadLetterPublisher) {
		return new KafkaWebhookPublisher(enricher.getIfAvailable(MentionEnricher::none), new TopicMatcher(organization),
				kafkaSender, deadLetterPublisher);
	}

}
