/**
 * Mention handling on Elasticsearch: the {@code handling} object of the mention
 * documents, written with optimistic concurrency, and the {@code mention-actions}
 * history.
 */
package io.grapevine.search.handling.elasticsearch;
