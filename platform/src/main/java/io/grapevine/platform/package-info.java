/**
 * The one-command local run of the whole platform: real Kafka and Elasticsearch, the
 * three services, a local mailbox and the demo source.
 */
package io.grapevine.platform;
