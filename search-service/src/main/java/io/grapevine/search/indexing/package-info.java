/**
 * The indexer: consumes {@code mentions} from Kafka and bulk-writes them into the monthly
 * indices.
 */
package io.grapevine.search.indexing;
