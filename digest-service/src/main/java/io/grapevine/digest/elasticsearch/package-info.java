/**
 * How the service calls Elasticsearch: the blocking client on bounded-elastic threads,
 * its failures as one unavailable exception, indices created once.
 */
package io.grapevine.digest.elasticsearch;
