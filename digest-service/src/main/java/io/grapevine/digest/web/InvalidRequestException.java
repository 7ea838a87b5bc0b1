package io.grapevine.digest.web;

import java.util.Optional;

/**
 * Thrown when a request's body or parameters are not usable; answered with 400, naming
 * the field that is wrong when one is.
 */
class InvalidRequestException extends RuntimeException {

	private final String field;

	InvalidRequestException(String message) {
		this(null, message);
	}

	/**
	 * A value of the request's body that is not usable.
	 * @param field the field's name in the body, as in {@code period}
	 * @param message what is wrong and what to send instead
	 */
	InvalidRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * The field of the request's body that is wrong.
	 * @return its name, or empty when the request as a whole is
	 */
	Optional<String> field() {
		return Optional.ofNullable(this.field);
	}

}
