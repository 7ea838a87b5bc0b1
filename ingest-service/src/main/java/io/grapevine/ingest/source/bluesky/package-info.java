/**
 * The Bluesky sources: post search through the XRPC API with an app password, and the
 * Jetstream firehose of new posts filtered by the organization's topics.
 */
package io.grapevine.ingest.source.bluesky;
