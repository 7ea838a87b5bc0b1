/**
 * The demo source, which replays a shipped sample of mentions moved to the present.
 */
package io.grapevine.ingest.source.demo;
