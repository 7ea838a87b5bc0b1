/**
 * Delivery of rendered digests by email over SMTP.
 */
package io.grapevine.digest.delivery;
