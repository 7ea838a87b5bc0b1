package io.grapevine.digest.sending;

import java.util.List;

/**
 * Thrown when a digest is asked for a department the organization file does not have.
 */
public class UnknownDepartmentException extends RuntimeException {

	public UnknownDepartmentException(String department, List<String> known) {
		super("the organization file has no department '" + department + "'; known departments are "
				+ String.join(", ", known));
	}

}
