/**
 * Listening queries compiled to Elasticsearch queries, so search and digests run the
 * language ingest matches with.
 */
package io.grapevine.search.query;
