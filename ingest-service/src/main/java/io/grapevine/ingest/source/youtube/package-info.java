/**
 * The YouTube source, reading the newest comments and replies on chosen channels and
 * videos through the YouTube Data API v3 ({@code commentThreads.list}).
 */
package io.grapevine.ingest.source.youtube;
