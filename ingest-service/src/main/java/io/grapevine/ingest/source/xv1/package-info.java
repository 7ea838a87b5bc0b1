/**
 * The X API v1.1 source through Twitter4J, for accounts that still have v1.1 access:
 * standard search and user timelines with OAuth 1.0a user credentials.
 */
package io.grapevine.ingest.source.xv1;
