/** Enrichment of mapped mentions at ingest, from the organization's languages. */
package io.grapevine.ingest.enrichment;
