/**
 * The HTTP API of saved searches and their subscriptions, {@code /api/saved-searches}.
 */
package io.grapevine.search.saved.web;
