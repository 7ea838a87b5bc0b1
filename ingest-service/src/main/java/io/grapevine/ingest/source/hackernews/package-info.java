/**
 * The Hacker News source, searching stories and comments through Algolia's HN Search API.
 */
package io.grapevine.ingest.source.hackernews;
