/**
 * The digest service: daily listening digests per department, emailed and archived.
 */
package io.grapevine.digest;
