/**
 * The client of search-service's analytics API.
 */
package io.grapevine.digest.analytics;
