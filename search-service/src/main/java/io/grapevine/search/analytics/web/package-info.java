/**
 * The HTTP API for analytics under {@code /api/analytics}: the summary, share of voice,
 * new voices, rising terms and the mentions waiting for an answer.
 */
package io.grapevine.search.analytics.web;
