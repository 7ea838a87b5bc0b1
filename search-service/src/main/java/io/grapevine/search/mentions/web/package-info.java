/**
 * The HTTP API for searching mentions, {@code GET /api/mentions}, and exporting them,
 * {@code GET /api/mentions/export}.
 */
package io.grapevine.search.mentions.web;
