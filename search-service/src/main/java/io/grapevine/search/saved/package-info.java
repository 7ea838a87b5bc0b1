/**
 * Saved searches: a listening query and the dashboard's filters kept under a name that
 * every member sees, and the people subscribed to each one's daily email.
 */
package io.grapevine.search.saved;
