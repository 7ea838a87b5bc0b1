/**
 * Saved searches and their subscriptions in Elasticsearch: the indices
 * {@code saved-searches} and {@code saved-search-subscriptions}, documents as records.
 */
package io.grapevine.search.saved.elasticsearch;
