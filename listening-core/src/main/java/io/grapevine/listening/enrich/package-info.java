/** Enrichment of mentions at ingest: language, sentiment, near-duplicates and reach. */
package io.grapevine.listening.enrich;
