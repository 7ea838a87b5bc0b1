package io.grapevine.ingest.source.webhook;

import java.util.List;

import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import reactor.core.publisher.Mono;

/**
 * Where a webhook hands what it was sent: the mentions to enrich, tag and publish, and
 * the bodies it refused, to set aside.
 */
public interface WebhookPublisher {

	/**
	 * Enrich, tag and publish mentions; completes once Kafka has acknowledged all of
	 * them.
	 * @param instanceId the webhook instance
	 * @param mentions the mapped mentions
	 * @return completion, or an error when they could not all be published
	 */
	Mono<Void> publish(String instanceId, List<Mention> mentions);

	/**
	 * Set aside a body that could not be used.
	 * @param deadLetter the raw body with the instance and reason
	 * @return completion once Kafka has acknowledged it
	 */
	Mono<Void> deadLetter(DeadLetter deadLetter);

}
