/**
 * Mention search on Elasticsearch: queries, sorting by the cursor, highlights.
 */
package io.grapevine.search.mentions.elasticsearch;
