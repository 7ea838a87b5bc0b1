package io.grapevine.digest.audience;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;

/**
 * Who a digest is for: a department, all staff of the organization, the board, or one
 * person subscribed to a saved search. Each has an id the archive, the delivery ledger
 * and the chat webhooks know it by, a name, the addresses its email goes to and the zone
 * its days are counted in.
 */
public sealed interface Audience {

	/**
	 * The id the archive, the delivery ledger and the webhooks know the audience by.
	 * @return a department id, {@value Organization#ALL_STAFF},
	 * {@value Organization#BOARD} or {@code saved-search:<search id>:<username>}
	 */
	String id();

	/**
	 * The audience's name, as in subjects and headings.
	 * @return the name
	 */
	String name();

	/**
	 * Where the digest's email goes.
	 * @return the addresses, possibly none
	 */
	List<String> members();

	/**
	 * The zone the audience's days are counted in.
	 * @return the zone
	 */
	ZoneId zone();

	/**
	 * The department the audience's mentions are those of.
	 * @return the department's id, or empty when the audience hears the whole
	 * organization
	 */
	default Optional<String> department() {
		return Optional.empty();
	}

	/**
	 * The audience a department of the organization file is: the department itself, or
	 * all staff or the board when it has their reserved id.
	 * @param department the department, all staff or the board as the file declares them
	 * @return the audience
	 */
	static Audience of(Department department) {
		return switch (department.id()) {
			case Organization.ALL_STAFF -> new AllStaff(department);
			case Organization.BOARD -> new Board(department);
			default -> new OfDepartment(department);
		};
	}

	/**
	 * A department, whose digest speaks of the topics it listens to.
	 *
	 * @param settings the department as the organization file declares it
	 */
	record OfDepartment(Department settings) implements Audience {

		public OfDepartment {
			Objects.requireNonNull(settings, "settings");
		}

		@Override
		public String id() {
			return this.settings.id();
		}

		@Override
		public String name() {
			return this.settings.name();
		}

		@Override
		public List<String> members() {
			return this.settings.members();
		}

		@Override
		public ZoneId zone() {
			return this.settings.timeZone();
		}

		@Override
		public Optional<String> department() {
			return Optional.of(this.settings.id());
		}

	}

	/**
	 * All staff of the organization, whose digest speaks of everything and splits it by
	 * department.
	 *
	 * @param settings its members, zone, time and rhythm as the organization file
	 * declares them
	 */
	record AllStaff(Department settings) implements Audience {

		public AllStaff {
			Objects.requireNonNull(settings, "settings");
		}

		@Override
		public String id() {
			return Organization.ALL_STAFF;
		}

		@Override
		public String name() {
			return this.settings.name();
		}

		@Override
		public List<String> members() {
			return this.settings.members();
		}

		@Override
		public ZoneId zone() {
			return this.settings.timeZone();
		}

	}

	/**
	 * The board, whose monthly digest speaks of the share of voice and of each
	 * department.
	 *
	 * @param settings its members, zone and time as the organization file declares them
	 */
	record Board(Department settings) implements Audience {

		public Board {
			Objects.requireNonNull(settings, "settings");
		}

		@Override
		public String id() {
			return Organization.BOARD;
		}

		@Override
		public String name() {
			return this.settings.name();
		}

		@Override
		public List<String> members() {
			return this.settings.members();
		}

		@Override
		public ZoneId zone() {
			return this.settings.timeZone();
		}

	}

	/**
	 * One person subscribed to a saved search, who receives its matches of each day.
	 *
	 * @param searchId the saved search
	 * @param username who subscribed
	 * @param email where the email goes
	 * @param zone the zone of their days
	 */
	record Subscriber(String searchId, String username, String email, ZoneId zone) implements Audience {

		public Subscriber {
			Objects.requireNonNull(searchId, "searchId");
			Objects.requireNonNull(username, "username");
			Objects.requireNonNull(email, "email");
			Objects.requireNonNull(zone, "zone");
		}

		@Override
		public String id() {
			return "saved-search:" + this.searchId + ":" + this.username;
		}

		@Override
		public String name() {
			return this.username;
		}

		@Override
		public List<String> members() {
			return List.of(this.email);
		}

	}

}
