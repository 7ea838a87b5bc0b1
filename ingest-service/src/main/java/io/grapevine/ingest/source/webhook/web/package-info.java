/**
 * The HTTP side of the webhook source: the signed {@code POST /api/ingest/{name}}
 * endpoint and its problem details.
 */
package io.grapevine.ingest.source.webhook.web;
