/**
 * Publishes what webhooks receive to Kafka: enriched, tagged mentions to
 * {@code mentions}, refused bodies to {@code mentions.dlq}.
 */
package io.grapevine.ingest.source.webhook.kafka;
