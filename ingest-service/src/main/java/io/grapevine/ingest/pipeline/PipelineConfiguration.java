package io.grapevine.ingest.pipeline;

import java.time.Clock;
import java.util.List;

import io.grapevine.ingest.source.DisabledSource;
import io.grapevine.ingest.source.Source;
import io.grapevine.ingest.source.SourceContext;
import io.grapevine.ingest.source.SourceFactory;
import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.kafka.GrapevineKafkaProperties;
import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.TopicMatcher;
import reactor.kafka.sender.KafkaSender;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Wires the source instances the organization file declares, a loop for every pulled one,
 * and the board that reports on them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestGroupProperties.class)
class PipelineConfiguration {

	@Bean
	SourceRegistry sourceRegistry(Organization organization, ObjectProvider<SourceFactory> factories,
			Environment environment, WebClient.Builder webClient, Clock clock, ObjectProvider<Source> builtIn,
			ObjectProvider<DisabledSource> builtInDisabled) {
		return new SourceRegistry(organization.sources(), factories.orderedStream().toList(), environment,
				new SourceContext(organization, webClient, clock), builtIn.orderedStream().toList(),
				builtInDisabled.orderedStream().toList());
	}

	@Bean
	SourceStatusBoard sourceStatusBoard(SourceRegistry registry) {
		SourceStatusBoard board = new SourceStatusBoard();
		registry.pulled().forEach((source) -> board.register(SourceStatus.enabled(source.instanceId())));
		registry.pushed().forEach((instanceId) -> board.register(SourceStatus.enabled(instanceId)));
		registry.disabled().forEach((instanceId) -> board.register(SourceStatus.disabled(instanceId)));
		return board;
	}

	@Bean
	SourceHealth sourcesHealthContributor(SourceStatusBoard board, Clock clock) {
		return new SourceHealth(board, clock);
	}

	@Bean
	SourceMetrics sourceMetrics(SourceStatusBoard board, Clock clock) {
		return new SourceMetrics(board, clock);
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
	IngestPipeline ingestPipeline(SourceRegistry registry, MentionPublisher publisher, CursorStore cursorStore,
			SourceStatusBoard board, Clock clock, GrapevineKafkaProperties kafka, IngestGroupProperties group) {
		List<SourceRunner> runners = registry.pulled()
			.stream()
			.map((source) -> new SourceRunner(source, publisher, cursorStore, board, clock))
			.toList();
		return new IngestPipeline(cursorStore, runners, kafka, group);
	}

}
