/**
 * Benchmarks of enrichment and topic matching at ingest, run with
 * {@code ./mvnw -q -B -pl listening-core -Pbench verify}.
 */
package io.grapevine.listening.bench;
