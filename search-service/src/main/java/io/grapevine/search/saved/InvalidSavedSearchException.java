package io.grapevine.search.saved;

/**
 * Thrown when a saved search or a subscription cannot be taken as sent; answered as a 400
 * problem detail naming the field at fault.
 */
public class InvalidSavedSearchException extends RuntimeException {

	private final String field;

	/**
	 * Create the exception.
	 * @param field the field at fault, such as {@code name} or {@code filters.department}
	 * @param message what is wrong and how to fix it
	 */
	public InvalidSavedSearchException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * Create the exception for a cause that says more, such as where a query stops
	 * parsing.
	 * @param field the field at fault
	 * @param message what is wrong and how to fix it
	 * @param cause what found it
	 */
	public InvalidSavedSearchException(String field, String message, Throwable cause) {
		super(message, cause);
		this.field = field;
	}

	/**
	 * The field at fault.
	 * @return its name, dotted for nested fields
	 */
	public String field() {
		return this.field;
	}

}
