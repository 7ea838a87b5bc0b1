/**
 * The Mastodon source, polling the public hashtag timelines of one Mastodon server.
 */
package io.grapevine.ingest.source.mastodon;
