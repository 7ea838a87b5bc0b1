/**
 * The X API v2 recent-search source.
 */
package io.grapevine.ingest.source.x;
