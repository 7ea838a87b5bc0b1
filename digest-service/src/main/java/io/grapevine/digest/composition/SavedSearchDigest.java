package io.grapevine.digest.composition;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.sections.Item;
import io.grapevine.digest.composition.sections.SearchAnswers;
import io.grapevine.digest.composition.sections.SectionsComposer;

/**
 * The daily email of a saved search to one subscriber: how many mentions matched on the
 * day before in their zone and the widest-reaching of them, near-duplicates folded.
 *
 * @param search the saved search
 * @param subscription who receives it
 * @param day the day, in the subscriber's zone
 * @param total the mentions that matched, copies included
 * @param mentions the widest-reaching matches, one per cluster of copies
 * @param permalink the search on the dashboard
 */
public record SavedSearchDigest(SavedSearch search, SavedSearchSubscription subscription, Period day, long total,
		List<Item> mentions, URI permalink) {

	public SavedSearchDigest {
		Objects.requireNonNull(search, "search");
		Objects.requireNonNull(subscription, "subscription");
		Objects.requireNonNull(day, "day");
		mentions = List.copyOf(mentions);
		Objects.requireNonNull(permalink, "permalink");
	}

	/**
	 * Compose the email from search-service's answer.
	 * @param search the saved search
	 * @param subscription who receives it
	 * @param day the day
	 * @param matches the day's matches, widest reach first, folded
	 * @param dashboard the dashboard's URL, for the links
	 * @param size how many mentions to show at most
	 * @return the email's content
	 */
	public static SavedSearchDigest compose(SavedSearch search, SavedSearchSubscription subscription, Period day,
			SearchAnswers.ReachedMentions matches, URI dashboard, int size) {
		Period period = day;
		List<Item> mentions = SectionsComposer.mattersMost(matches, period,
				SectionsComposer.links(dashboard, Optional.empty(), period), size);
		return new SavedSearchDigest(search, subscription, day, matches.total(), mentions, search.permalink(dashboard));
	}

	/**
	 * The email's subject: "Delays on line 4 · saved search · Thu 19 Nov 2026 · 12
	 * mentions".
	 * @return the subject
	 */
	public String subject() {
		return this.search.name() + " · saved search · " + Digest.DAY.format(this.day.day()) + " · "
				+ Digest.mentions(this.total);
	}

}
