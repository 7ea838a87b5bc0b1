package io.grapevine.digest.elasticsearch;

/**
 * Thrown when the digest archive in Elasticsearch cannot be read or written.
 */
public class ArchiveUnavailableException extends RuntimeException {

	public ArchiveUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
