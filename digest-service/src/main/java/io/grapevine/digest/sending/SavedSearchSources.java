package io.grapevine.digest.sending;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.grapevine.digest.analytics.InsightsClient;
import io.grapevine.digest.archive.SavedSearchSubscriptions;
import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.SavedSearchDigest;
import io.grapevine.digest.composition.SavedSearchSubscription;

/**
 * Reads what a saved search's subscriber receives for a day: the search as it is now, and
 * its widest-reaching matches from search-service, unless the search was deleted or the
 * subscriber left it meanwhile.
 */
public class SavedSearchSources {

	private static final Logger logger = LoggerFactory.getLogger(SavedSearchSources.class);

	private final SavedSearchSubscriptions subscriptions;

	private final InsightsClient search;

	private final URI dashboard;

	private final int mentions;

	/**
	 * Create the sources.
	 * @param subscriptions where the searches and subscriptions are read
	 * @param search asks search-service for a search's matches
	 * @param dashboard the dashboard the emails link to
	 * @param mentions how many of the widest-reaching matches an email shows
	 */
	public SavedSearchSources(SavedSearchSubscriptions subscriptions, InsightsClient search, URI dashboard,
			int mentions) {
		this.subscriptions = subscriptions;
		this.search = search;
		this.dashboard = dashboard;
		this.mentions = mentions;
	}

	/**
	 * Read a subscriber's matches of a day.
	 * @param subscriber the subscriber
	 * @param day the day, in their zone
	 * @return the matches, or nothing when the search was deleted or they unsubscribed
	 */
	Mono<SavedSearchDigest> read(Audience.Subscriber subscriber, Period day) {
		SavedSearchSubscription subscription = new SavedSearchSubscription(subscriber.searchId(), subscriber.username(),
				subscriber.email(), subscriber.zone(), null);
		String id = subscription.deliveryId(day);
		return this.subscriptions.search(subscriber.searchId()).flatMap((found) -> {
			if (found.isEmpty()) {
				logger.info("{}: the saved search {} was deleted; nothing is sent", id, subscriber.searchId());
				return Mono.<SavedSearchDigest>empty();
			}
			return this.subscriptions.subscribed(subscriber.searchId(), subscriber.username()).flatMap((subscribed) -> {
				if (!subscribed) {
					logger.info("{}: {} unsubscribed; nothing is sent", id, subscriber.username());
					return Mono.<SavedSearchDigest>empty();
				}
				return this.search.savedSearch(found.get(), day, this.mentions)
					.map((matches) -> SavedSearchDigest.compose(found.get(), subscription, day, matches, this.dashboard,
							this.mentions));
			});
		});
	}

}
