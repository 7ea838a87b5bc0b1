/**
 * Reach at ingest: the author's audience and the engagement a mention earned folded into
 * one figure comparable across sources.
 */
package io.grapevine.listening.enrich.reach;
