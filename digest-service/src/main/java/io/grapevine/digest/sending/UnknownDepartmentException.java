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

	private UnknownDepartmentException(String message) {
		super(message);
	}

	static UnknownDepartmentException noBoard() {
		return new UnknownDepartmentException("the organization file has no 'board' section; add one with "
				+ "members, slackWebhook or teamsWebhook to send the monthly board digest");
	}

	static UnknownDepartmentException noAllStaff() {
		return new UnknownDepartmentException("the organization file has no 'allStaff' section; add one with "
				+ "members, slackWebhook or teamsWebhook to send an organization-wide digest");
	}

}
