package io.grapevine.listening.organization;

import java.net.URI;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A department that listens for its own topics and receives its own digests.
 *
 * @param id stable identifier used in URLs, tags and the API (lower case, digits, dashes)
 * @param name display name
 * @param timeZone the zone its digests are scheduled in
 * @param digestTime local time of day at which its daily digest is sent
 * @param members email addresses that receive its digests
 * @param slackWebhook Slack incoming webhook, if it uses Slack
 * @param teamsWebhook Microsoft Teams workflow webhook, if it uses Teams
 * @param topics the listening topics it owns
 */
public record Department(String id, String name, ZoneId timeZone, LocalTime digestTime, List<String> members,
		Optional<URI> slackWebhook, Optional<URI> teamsWebhook, List<Topic> topics) {

	public Department {
		members = (members != null) ? List.copyOf(members) : List.of();
		slackWebhook = (slackWebhook != null) ? slackWebhook : Optional.empty();
		teamsWebhook = (teamsWebhook != null) ? teamsWebhook : Optional.empty();
		topics = (topics != null) ? List.copyOf(topics) : List.of();
	}

}
