/**
 * The ingest service: pulls mentions from social sources and publishes them to Kafka.
 */
package io.grapevine.ingest;
