package io.grapevine.search.web;

/**
 * Thrown when a query parameter cannot be used; answered as a 400 problem detail that
 * names the parameter.
 */
public class InvalidParameterException extends RuntimeException {

	private final String parameter;

	public InvalidParameterException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	/**
	 * The name of the query parameter at fault.
	 * @return the parameter name
	 */
	public String parameter() {
		return this.parameter;
	}

}
