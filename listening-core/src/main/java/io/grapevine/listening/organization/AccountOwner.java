package io.grapevine.listening.organization;

import java.util.Optional;

/**
 * Whose voice an account is: the organization's own (maybe a department's), or a
 * competitor's.
 */
public sealed interface AccountOwner {

	/**
	 * An account of the organization itself.
	 *
	 * @param department the department that runs it, if the organization file declares it
	 * under a department
	 */
	record Own(Optional<String> department) implements AccountOwner {

		public Own {
			department = (department != null) ? department : Optional.empty();
		}

		@Override
		public String toString() {
			return this.department.map((id) -> "department " + id).orElse("the organization");
		}

	}

	/**
	 * An account of a competitor.
	 *
	 * @param competitor the competitor's id
	 */
	record OfCompetitor(String competitor) implements AccountOwner {

		@Override
		public String toString() {
			return "competitor " + this.competitor;
		}

	}

}
