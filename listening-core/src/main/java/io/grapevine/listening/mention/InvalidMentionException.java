package io.grapevine.listening.mention;

/**
 * Thrown when data cannot be a mention; the message says which field is wrong and why.
 */
public class InvalidMentionException extends RuntimeException {

	public InvalidMentionException(String message) {
		super(message);
	}

	public InvalidMentionException(String message, Throwable cause) {
		super(message, cause);
	}

}
