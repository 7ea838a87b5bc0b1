/**
 * The loop that runs each source instance: fetch, tag, publish, then move the cursor.
 */
package io.grapevine.ingest.pipeline;
