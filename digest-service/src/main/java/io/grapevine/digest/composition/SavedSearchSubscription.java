package io.grapevine.digest.composition;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;

/**
 * Someone who receives a saved search's matches of each day by email, as search-service
 * keeps them in the index {@code saved-search-subscriptions}.
 *
 * @param searchId the saved search
 * @param username who subscribed
 * @param email where the email goes
 * @param timeZone the zone of their days and mornings
 * @param since when they subscribed
 */
public record SavedSearchSubscription(String searchId, String username, String email, ZoneId timeZone, Instant since) {

	/** The prefix of the ids of saved searches' emails in the delivery ledger. */
	public static final String DELIVERY_PREFIX = "saved-search:";

	public SavedSearchSubscription {
		Objects.requireNonNull(searchId, "searchId");
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(email, "email");
		timeZone = (timeZone != null) ? timeZone : ZoneId.of("UTC");
		since = (since != null) ? since : Instant.EPOCH;
	}

	/**
	 * The day whose email is due for this subscriber now: yesterday in their zone once
	 * the sending time has passed there, and only a day whose email fell due after they
	 * subscribed, so a new subscriber's first email comes at the next sending time.
	 * @param now the instant
	 * @param sendTime the local time emails are sent
	 * @return the day, if one is due
	 */
	public Optional<Period> due(Instant now, LocalTime sendTime) {
		return Period.dayDue(now, this.timeZone, sendTime)
			.filter((day) -> !this.since.isAfter(day.dueAt(sendTime).toInstant()));
	}

	/**
	 * The id of the email of one day in the delivery ledger.
	 * @param day the day
	 * @return {@code saved-search:<search id>:<username>:<yyyy-MM-dd>}; the ledger adds
	 * {@code :email}
	 */
	public String deliveryId(Period day) {
		return audience().id() + ":" + day.day();
	}

	/**
	 * The subscriber as an audience of digests.
	 * @return the audience
	 */
	public Audience.Subscriber audience() {
		return new Audience.Subscriber(this.searchId, this.username, this.email, this.timeZone);
	}

}
