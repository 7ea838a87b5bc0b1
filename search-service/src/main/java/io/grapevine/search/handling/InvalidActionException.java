package io.grapevine.search.handling;

/**
 * Thrown when an action lacks what it needs or names something unknown; answered as a 400
 * problem detail naming the field at fault.
 */
public class InvalidActionException extends RuntimeException {

	private final String field;

	public InvalidActionException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * The field of the action at fault.
	 * @return its name, such as {@code answerUrl}
	 */
	public String field() {
		return this.field;
	}

}
