package io.grapevine.listening.query;

/**
 * Thrown when a listening query cannot be parsed; the message says where, what was found
 * and what was expected.
 */
public class QueryParseException extends RuntimeException {

	private final int position;

	private final String found;

	private final String expected;

	QueryParseException(String message, int position, String found, String expected) {
		super(message);
		this.position = position;
		this.found = found;
		this.expected = expected;
	}

	static QueryParseException expected(String expected, String context, int position, String found) {
		return new QueryParseException(
				"expected " + expected + context + " at position " + position + ", found " + found, position, found,
				expected);
	}

	/**
	 * Where in the query the problem is.
	 * @return a 0-based character offset; the query's length for its end
	 */
	public int position() {
		return this.position;
	}

	/**
	 * What the parser found there.
	 * @return a description such as {@code 'foo:bar'} or {@code end of query}
	 */
	public String found() {
		return this.found;
	}

	/**
	 * What the parser expected there.
	 * @return a description such as {@code a term or '('}
	 */
	public String expected() {
		return this.expected;
	}

}
