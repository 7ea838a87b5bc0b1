package io.grapevine.search.people;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Someone a mention may be assigned to.
 *
 * @param name the name they sign in with, or their address when they only receive digests
 * @param email their email address, when known
 * @param department the id of their department, when known
 * @param kinds how the platform knows them: {@code user} (a local user), {@code member}
 * (a member of a department in the organization file), {@code signed-in} (someone who has
 * signed in)
 */
public record Person(String name, Optional<String> email, Optional<String> department, Set<String> kinds) {

	public Person {
		email = (email != null) ? email : Optional.empty();
		department = (department != null) ? department : Optional.empty();
		kinds = (kinds != null) ? new TreeSet<>(kinds) : new TreeSet<>();
	}

	/**
	 * This person and another record of the same person, in one.
	 * @param other another record of the same name
	 * @return the two merged, the known values of either kept
	 */
	public Person merge(Person other) {
		Set<String> both = new TreeSet<>(this.kinds);
		both.addAll(other.kinds);
		return new Person(this.name, this.email.or(other::email), this.department.or(other::department), both);
	}

}
