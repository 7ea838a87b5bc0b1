package io.grapevine.digest.delivery;

/**
 * Thrown when the SMTP server cannot be reached or does not accept a digest.
 */
public class DeliveryFailedException extends RuntimeException {

	public DeliveryFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
