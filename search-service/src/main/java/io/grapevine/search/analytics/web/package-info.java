/**
 * The HTTP API for analytics, {@code GET /api/analytics/summary}.
 */
package io.grapevine.search.analytics.web;
