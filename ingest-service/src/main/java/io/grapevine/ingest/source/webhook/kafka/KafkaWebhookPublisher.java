package io.grapevine.ingest.source.webhook.kafka;

import java.util.List;

import io.grapevine.ingest.source.webhook.WebhookPublisher;
import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.listening.KafkaTopicNames;
import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.organization.TopicMatcher;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Enriches, tags and publishes webhook mentions keyed by mention id, and sets refused
 * bodies aside.
 */
class KafkaWebhookPublisher implements WebhookPublisher {

	private final MentionEnricher enricher;

	private final TopicMatcher matcher;

	private final KafkaSender<String, String> sender;

	private final DeadLetterPublisher deadLetters;

	KafkaWebhookPublisher(MentionEnricher enricher, TopicMatcher matcher, KafkaSender<String, String> sender,
			DeadLetterPublisher deadLetters) {
		this.enricher = enricher;
		this.matcher = matcher;
		this.sender = sender;
		this.deadLetters = deadLetters;
	}

	@Override
	public Mono<Void> publish(String instanceId, List<Mention> mentions) {
		return this.sender.send(Flux.fromIterable(mentions).map(this::record)).doOnNext((result) -> {
			if (result.exception() != null) {
				throw new IllegalStateException(
						"Kafka did not acknowledge mention " + result.correlationMetadata() + " of " + instanceId,
						result.exception());
			}
		}).then();
	}

	private SenderRecord<String, String, String> record(Mention mention) {
		Mention tagged = this.matcher.tag(this.enricher.enrich(mention));
		return SenderRecord.create(
				new ProducerRecord<>(KafkaTopicNames.MENTIONS, tagged.id(), MentionJson.write(tagged)), tagged.id());
	}

	@Override
	public Mono<Void> deadLetter(DeadLetter deadLetter) {
		return this.deadLetters.publish(deadLetter);
	}

}
