/**
 * The HTTP API for searching mentions, {@code GET /api/mentions}.
 */
package io.grapevine.search.mentions.web;
