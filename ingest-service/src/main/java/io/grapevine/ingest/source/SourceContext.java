package io.grapevine.ingest.source;

import java.time.Clock;

import io.grapevine.listening.organization.Organization;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * What every source instance may need besides its own settings.
 *
 * @param organization the organization, whose topics say what to listen for
 * @param webClient a builder for HTTP clients (clone it before customizing)
 * @param clock the clock
 */
public record SourceContext(Organization organization, WebClient.Builder webClient, Clock clock) {
}
