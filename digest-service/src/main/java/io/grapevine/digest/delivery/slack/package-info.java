/**
 * Digests delivered to Slack channels as Block Kit messages through incoming webhooks.
 */
package io.grapevine.digest.delivery.slack;
