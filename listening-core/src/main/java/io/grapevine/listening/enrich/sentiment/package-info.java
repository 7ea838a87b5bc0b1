/** Sentiment of mentions at ingest: a lexicon and rules scorer that runs offline. */
package io.grapevine.listening.enrich.sentiment;
