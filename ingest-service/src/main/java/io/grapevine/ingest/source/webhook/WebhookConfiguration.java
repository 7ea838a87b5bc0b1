package io.grapevine.ingest.source.webhook;

import java.time.Clock;
import java.time.Duration;

import io.grapevine.listening.organization.Organization;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Declares the webhook source type and the enabled webhook instances of the organization
 * file, checked at start-up.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	/** Keys remembered per service, across all webhook instances. */
	private static final int IDEMPOTENCY_KEYS = 10_000;

	private static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);

	@Bean
	WebhookSourceFactory webhookSourceFactory() {
		return new WebhookSourceFactory();
	}

	@Bean
	WebhookEndpoints webhookEndpoints(Organization organization, Environment environment) {
		return WebhookEndpoints.of(organization, environment);
	}

	@Bean
	IdempotencyStore webhookIdempotencyStore(Clock clock) {
		return new IdempotencyStore(IDEMPOTENCY_KEYS, IDEMPOTENCY_RETENTION, clock);
	}

}
