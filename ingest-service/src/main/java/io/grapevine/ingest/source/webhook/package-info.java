/**
 * The webhook source: systems that push mentions (a CRM, a form, a monitoring vendor)
 * post signed JSON to {@code POST /api/ingest/{name}} for a declared {@code webhook}
 * instance.
 */
package io.grapevine.ingest.source.webhook;
