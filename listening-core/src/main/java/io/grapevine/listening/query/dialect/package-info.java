/**
 * Compiles a listening query to the search syntax of a social API, so that a source asks
 * the API for fewer posts than it would with keywords alone.
 * <p>
 * A dialect query is only ever wider than the listening query: what the API cannot
 * express (proximity, prefixes, {@code site:}, {@code topic:}, {@code sentiment:}, OR
 * where the API has none) is dropped or split into several queries, never narrowed, so
 * the API returns every post the listening query matches and more. A source uses a
 * dialect by calling its one static method, such as {@code XDialect.compile(query)},
 * running each query of the list (their results together cover the listening query), and
 * then matching what it fetched in-process with {@code ListeningQuery.matches}, which
 * decides. An empty list means no post of that source can match, so there is nothing to
 * fetch; a list of one empty string means no restriction could be expressed, so the
 * source falls back to its keywords or its unfiltered listing.
 */
package io.grapevine.listening.query.dialect;
