/**
 * The organization that listens: read from its file at start-up, its departments and
 * topics served to the dashboard.
 */
package io.grapevine.search.organization;
