package io.grapevine.search.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds the service's problem details (RFC 9457), each with a title and a type under
 * {@code https://grapevine.io/problems/}.
 */
public final class Problems {

	private static final String TYPES = "https://grapevine.io/problems/";

	private Problems() {
	}

	/**
	 * A problem detail.
	 * @param status the HTTP status
	 * @param detail what went wrong, for the person reading it
	 * @param title the kind of problem in a few words
	 * @param type the last part of the problem's type URI, e.g. {@code invalid-parameter}
	 * @return the problem detail, for further properties
	 */
	public static ProblemDetail of(HttpStatus status, String detail, String title, String type) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create(TYPES + type));
		return problem;
	}

}
