/**
 * Kafka plumbing shared by the Grapevine services: topics, the mention sender, dead
 * letters.
 */
package io.grapevine.kafka;
