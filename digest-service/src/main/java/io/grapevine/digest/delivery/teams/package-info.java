/**
 * Digests delivered to Microsoft Teams channels as Adaptive Cards through workflow
 * webhooks.
 */
package io.grapevine.digest.delivery.teams;
