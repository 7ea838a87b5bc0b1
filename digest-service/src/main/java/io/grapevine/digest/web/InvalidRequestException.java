package io.grapevine.digest.web;

/**
 * Thrown when a request's body or parameters are not usable; answered with 400.
 */
class InvalidRequestException extends RuntimeException {

	InvalidRequestException(String message) {
		super(message);
	}

}
