package io.grapevine.search.saved;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Someone who receives a saved search's matches of the previous day by email every
 * morning in their time zone.
 *
 * @param searchId the saved search
 * @param username who subscribed
 * @param email where the email goes: their own address from sign-in
 * @param timeZone the zone whose days and morning the email follows
 * @param since when they subscribed
 */
public record Subscription(String searchId, String username, String email, ZoneId timeZone, Instant since) {

	public Subscription {
		Objects.requireNonNull(searchId, "searchId");
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(email, "email");
		Objects.requireNonNull(timeZone, "timeZone");
		Objects.requireNonNull(since, "since");
	}

	/**
	 * The id of a subscription.
	 * @param searchId the saved search
	 * @param username who subscribed
	 * @return {@code <search id>:<username>}
	 */
	public static String id(String searchId, String username) {
		return searchId + ":" + username;
	}

	/**
	 * This subscription's id.
	 * @return {@code <search id>:<username>}
	 */
	public String id() {
		return id(this.searchId, this.username);
	}

}
