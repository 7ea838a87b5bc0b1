/**
 * Mention search on Elasticsearch: queries, sorting by the cursor, highlights, and the
 * export of every match over a point in time.
 */
package io.grapevine.search.mentions.elasticsearch;
