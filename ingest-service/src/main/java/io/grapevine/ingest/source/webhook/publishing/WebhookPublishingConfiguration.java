package io.grapevine.ingest.source.webhook.publishing;

import io.grapevine.ingest.pipeline.MentionPublisher;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the webhook source to the pipeline's publish path.
 */
@Configuration(proxyBeanMethods = false)
class WebhookPublishingConfiguration {

	@Bean
	PipelineWebhookPublisher webhookPublisher(MentionPublisher mentionPublisher) {
		return new PipelineWebhookPublisher(mentionPublisher);
	}

}
