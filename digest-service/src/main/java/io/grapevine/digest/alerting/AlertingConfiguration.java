package io.grapevine.digest.alerting;

import java.time.Clock;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.grapevine.digest.DigestProperties;
import io.grapevine.digest.archive.DeliveryLedger;
import io.grapevine.digest.delivery.ChannelWebhooks;
import io.grapevine.digest.delivery.EmailDelivery;
import io.grapevine.digest.delivery.WebhookPoster;
import io.grapevine.listening.organization.Organization;

/**
 * Wires spike alerts: the baseline read from Elasticsearch, the detector, the notifier on
 * the digests' channels and ledger, the Kafka consumer, the alerts API and page; off with
 * {@code grapevine.alerts.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "grapevine.alerts.enabled", havingValue = "true", matchIfMissing = true)
class AlertingConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AlertingConfiguration.class);

	@Bean
	AlertMutes alertMutes(AlertProperties properties, Organization organization) {
		for (String topic : properties.muted()) {
			if (organization.topic(topic).isEmpty()) {
				throw new IllegalStateException("grapevine.alerts.muted names the topic '" + topic
						+ "', which the organization file does not have");
			}
		}
		return new AlertMutes(Set.copyOf(properties.muted()));
	}

	@Bean
	AlertArchive alertArchive(ElasticsearchClient client) {
		AlertArchive archive = new AlertArchive(client);
		archive.createIndicesIfAbsent();
		return archive;
	}

	@Bean
	Baseline alertBaseline(AlertProperties properties) {
		return new Baseline(properties.baselineDays());
	}

	@Bean
	StormDetector stormDetector(Clock clock, AlertProperties properties, Baseline baseline, AlertMutes mutes,
			Organization organization) {
		return new StormDetector(clock, properties.thresholds(), baseline, mutes,
				(topic) -> organization.topic(topic).isPresent(), organization.accounts());
	}

	@Bean
	AlertNotifier alertNotifier(Organization organization, EmailDelivery email, WebClient.Builder builder,
			ChannelWebhooks webhooks, DeliveryLedger ledger, DigestProperties digest) {
		DigestProperties.Delivery delivery = digest.delivery();
		WebhookPoster poster = new WebhookPoster(builder, delivery.attempts(), delivery.firstBackoff(),
				delivery.maxBackoff(), delivery.timeout());
		return new AlertNotifier(organization, email, poster, webhooks, ledger, digest.dashboardUrl());
	}

	@Bean
	MentionAlertConsumer mentionAlertConsumer(AlertProperties properties, Environment environment,
			StormDetector detector, AlertArchive archive, AlertNotifier notifier, AlertMutes mutes, Baseline baseline,
			ElasticsearchClient client, Clock clock, MeterRegistry meterRegistry) {
		String servers = properties.bootstrapServers().isBlank()
				? environment.getProperty("grapevine.kafka.bootstrap-servers",
						environment.getProperty("GRAPEVINE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"))
				: properties.bootstrapServers();
		logger.info(
				"Alerts: spike when a topic's last {} holds at least {} mentions and {}x its baseline or "
						+ "{} more negative share; reach alerts from {}",
				properties.window(), properties.minCount(), properties.volumeFactor(), properties.negativeRise(),
				properties.highReach());
		return new MentionAlertConsumer(servers, detector, archive, notifier, mutes, baseline,
				new BaselineLoader(client, properties.mentionsIndex(), properties.baselineDays(), clock), clock,
				properties.window(), properties.tick(), meterRegistry);
	}

	@Bean
	RouterFunction<ServerResponse> alertRoutes(AlertArchive archive, AlertMutes mutes, Organization organization,
			Clock clock) {
		return AlertRoutes.routes(archive, mutes, organization, clock);
	}

	@Bean
	RouterFunction<ServerResponse> alertPages(AlertArchive archive, AlertMutes mutes, Organization organization,
			Clock clock) {
		return AlertPages.routes(archive, mutes, organization, clock);
	}

}
