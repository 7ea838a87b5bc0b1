/**
 * The search service: the Elasticsearch indexer, the search and analytics API, and the
 * dashboard.
 */
package io.grapevine.search;
