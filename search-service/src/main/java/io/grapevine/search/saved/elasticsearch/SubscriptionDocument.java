package io.grapevine.search.saved.elasticsearch;

import java.time.Instant;
import java.time.ZoneId;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.grapevine.search.saved.Subscription;

/**
 * A subscription as the index {@value SubscriptionStore#INDEX} keeps it, {@code _id} =
 * {@code <search id>:<username>}.
 *
 * @param searchId the saved search
 * @param username who subscribed
 * @param email where the daily email goes
 * @param timeZone the zone of their days, e.g. {@code Europe/London}
 * @param since when they subscribed, ISO-8601
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubscriptionDocument(String searchId, String username, String email, String timeZone, String since) {

	static SubscriptionDocument of(Subscription subscription) {
		return new SubscriptionDocument(subscription.searchId(), subscription.username(), subscription.email(),
				subscription.timeZone().getId(), subscription.since().toString());
	}

	Subscription toSubscription() {
		return new Subscription(this.searchId, this.username, this.email, ZoneId.of(this.timeZone),
				Instant.parse(this.since));
	}

}
