/**
 * The front door: one address and one sign-in for the pages and APIs of the services
 * behind it.
 */
package io.grapevine.gateway;
