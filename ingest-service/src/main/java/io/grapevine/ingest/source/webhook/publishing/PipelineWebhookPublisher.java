package io.grapevine.ingest.source.webhook.publishing;

import java.util.List;

import io.grapevine.ingest.pipeline.MentionPublisher;
import io.grapevine.ingest.source.webhook.WebhookPublisher;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import reactor.core.publisher.Mono;

/**
 * Publishes webhook mentions and refused bodies the way the pulled sources' loops do,
 * through the pipeline's {@link MentionPublisher}.
 */
class PipelineWebhookPublisher implements WebhookPublisher {

	private final MentionPublisher publisher;

	PipelineWebhookPublisher(MentionPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public Mono<Void> publish(String instanceId, List<Mention> mentions) {
		return this.publisher.publish(instanceId, mentions);
	}

	@Override
	public Mono<Void> deadLetter(DeadLetter deadLetter) {
		return this.publisher.deadLetter(List.of(deadLetter));
	}

}
