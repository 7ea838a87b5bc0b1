/**
 * Analytics on Elasticsearch aggregations.
 */
package io.grapevine.search.analytics.elasticsearch;
