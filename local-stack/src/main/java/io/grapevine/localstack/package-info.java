/**
 * Starts a real Kafka broker and a real Elasticsearch node on this machine, without
 * Docker, for the local run and the tests.
 */
package io.grapevine.localstack;
