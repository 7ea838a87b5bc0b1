/**
 * Searching mentions: the query, its filters, the opaque cursor and the pages of results.
 */
package io.grapevine.search.mentions;
