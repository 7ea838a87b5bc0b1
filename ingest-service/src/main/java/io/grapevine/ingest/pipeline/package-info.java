/**
 * The loop that runs each source instance (fetch, tag, publish, then move the cursor),
 * and the Kafka consumer group that shares the instances out among the ingest replicas.
 */
package io.grapevine.ingest.pipeline;
