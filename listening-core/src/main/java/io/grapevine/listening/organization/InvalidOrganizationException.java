package io.grapevine.listening.organization;

/**
 * Thrown when the organization file cannot be used; the message names the file, the entry
 * and what to change.
 */
public class InvalidOrganizationException extends RuntimeException {

	public InvalidOrganizationException(String message) {
		super(message);
	}

	public InvalidOrganizationException(String message, Throwable cause) {
		super(message, cause);
	}

}
