package io.grapevine.search.web;

import java.util.Optional;

import io.grapevine.listening.query.QueryParseException;

/**
 * Thrown when a listening query parameter cannot be parsed; answered as a 400 problem
 * detail that also says where in the query the problem is and what was expected there.
 */
public class InvalidQueryException extends InvalidParameterException {

	private final int position;

	private final String expected;

	private final String found;

	public InvalidQueryException(String parameter, QueryParseException cause) {
		super(parameter, cause.getMessage());
		initCause(cause);
		this.position = cause.position();
		this.expected = cause.expected();
		this.found = cause.found();
	}

	/**
	 * Where in the query the problem is.
	 * @return a 0-based character offset; the query's length for its end
	 */
	public int position() {
		return this.position;
	}

	/**
	 * What the parser expected there.
	 * @return a description such as {@code a term or '('}
	 */
	public String expected() {
		return this.expected;
	}

	/**
	 * What the parser found there.
	 * @return a description such as {@code end of query}, if the parser said
	 */
	public Optional<String> found() {
		return Optional.ofNullable(this.found);
	}

}
