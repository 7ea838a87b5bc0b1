/**
 * Near-duplicate clusters at ingest: retweets, cross-posts and syndicated copies of one
 * post share a cluster id, found by MinHash and locality-sensitive hashing over recent
 * mentions.
 */
package io.grapevine.listening.enrich.cluster;
