/**
 * The executive view's searches: one multi-search of aggregations per view.
 */
package io.grapevine.search.executive.elasticsearch;
