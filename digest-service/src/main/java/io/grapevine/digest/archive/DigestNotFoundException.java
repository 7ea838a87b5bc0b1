package io.grapevine.digest.archive;

/**
 * Thrown when no archived digest has the id asked for.
 */
public class DigestNotFoundException extends RuntimeException {

	public DigestNotFoundException(String id) {
		super("no archived digest has the id '" + id + "'; GET /api/digests lists the archived digests");
	}

}
