/**
 * The HTTP API of mention handling: actions, a mention's history, the handling queue and
 * its summary.
 */
package io.grapevine.search.handling.web;
