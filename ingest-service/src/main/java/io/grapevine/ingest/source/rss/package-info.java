/**
 * The RSS and Atom source: one instance reads a list of feeds with conditional GETs and
 * publishes the entries it has not seen before.
 */
package io.grapevine.ingest.source.rss;
