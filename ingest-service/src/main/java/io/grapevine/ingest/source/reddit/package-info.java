/**
 * The Reddit source, reading the newest posts and comments that match the organization's
 * query, and optionally the newest posts of chosen subreddits, through Reddit's app-only
 * OAuth API.
 */
package io.grapevine.ingest.source.reddit;
