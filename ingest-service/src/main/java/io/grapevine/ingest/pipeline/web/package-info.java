/**
 * The HTTP API that shows the state of every source instance.
 */
package io.grapevine.ingest.pipeline.web;
