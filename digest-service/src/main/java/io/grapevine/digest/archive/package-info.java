/**
 * The archive of sent digests in the Elasticsearch index {@code digests}.
 */
package io.grapevine.digest.archive;
