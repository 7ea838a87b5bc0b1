/**
 * What every source offers the pipeline: pages of mentions fetched since a cursor.
 */
package io.grapevine.ingest.source;
