package io.grapevine.ingest.pipeline;

import java.time.Clock;
import java.util.List;

import io.grapevine.ingest.source.DisabledSource;
import io.grapevine.ingest.source.Source;
import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.kafka.GrapevineKafkaProperties;
import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.TopicMatcher;
import reactor.kafka.sender.KafkaSender;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires a loop for every enabled source instance and the board that reports on them.
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

	@Bean
	SourceStatusBoard sourceStatusBoard(ObjectProvider<Source> sources, ObjectProvider<DisabledSource> disabled) {
		SourceStatusBoard board = new SourceStatusBoard();
		sources.orderedStream().forEach((source) -> board.register(SourceStatus.enabled(source.instanceId())));
		disabled.orderedStream().forEach((source) -> board.register(SourceStatus.disabled(source.instanceId())));
		return board;
	}

	@Bean
	CursorStore cursorStore(GrapevineKafkaProperties properties, KafkaSender<String, String> kafkaSender) {
		return new CursorStore(properties, kafkaSender);
	}

	@Bean
	MentionPublisher mentionPublisher(ObjectProvider<MentionEnricher> enricher, Organization organization,
			KafkaSender<String, String> kafkaSender, DeadLetterPublisher deadLetterPublisher) {
		return new MentionPublisher(
				enricher.orderedStream().reduce(MentionEnricher::andThen).orElseGet(MentionEnricher::none),
				new TopicMatcher(organization), kafkaSender, deadLetterPublisher);
	}

	@Bean
	IngestPipeline ingestPipeline(ObjectProvider<Source> sources, MentionPublisher publisher, CursorStore cursorStore,
			SourceStatusBoard board, Clock clock) {
		List<SourceRunner> runners = sources.orderedStream()
			.map((source) -> new SourceRunner(source, publisher, cursorStore, board, clock))
			.toList();
		return new IngestPipeline(cursorStore, runners);
	}

}
