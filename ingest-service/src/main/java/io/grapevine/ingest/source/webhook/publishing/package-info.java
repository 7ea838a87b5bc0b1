/**
 * Hands what webhooks receive to the pipeline's publish path: enriched, tagged mentions
 * to {@code mentions}, refused bodies to {@code mentions.dlq}.
 */
package io.grapevine.ingest.source.webhook.publishing;
