package io.grapevine.listening.organization;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A department that listens for the topics it owns and follows, and receives its own
 * digests.
 *
 * @param id stable identifier used in URLs, tags and the API (lower case, digits, dashes)
 * @param name display name
 * @param timeZone the zone its digests are scheduled in
 * @param digestTime local time of day at which its daily digest is sent
 * @param members email addresses that receive its digests
 * @param slackWebhook the environment variable that holds its Slack incoming webhook URL,
 * if it uses Slack (the URL is a secret, so the organization file only names it)
 * @param teamsWebhook the environment variable that holds its Microsoft Teams workflow
 * webhook URL, if it uses Teams
 * @param topics the listening topics it owns
 * @param follows ids of topics owned by other departments that it listens to as well
 * @param rhythm which digests it receives (daily, weekly or both)
 */
public record Department(String id, String name, ZoneId timeZone, LocalTime digestTime, List<String> members,
		Optional<String> slackWebhook, Optional<String> teamsWebhook, List<Topic> topics, List<String> follows,
		DigestRhythm rhythm) {

	public Department {
		members = (members != null) ? List.copyOf(members) : List.of();
		slackWebhook = (slackWebhook != null) ? slackWebhook : Optional.empty();
		teamsWebhook = (teamsWebhook != null) ? teamsWebhook : Optional.empty();
		topics = (topics != null) ? List.copyOf(topics) : List.of();
		follows = (follows != null) ? List.copyOf(follows) : List.of();
		rhythm = (rhythm != null) ? rhythm : DigestRhythm.DAILY_ONLY;
	}

	/**
	 * A department that receives the daily digest only.
	 * @param id stable identifier
	 * @param name display name
	 * @param timeZone the zone its digests are scheduled in
	 * @param digestTime local time of day of its daily digest
	 * @param members email addresses that receive its digests
	 * @param slackWebhook the environment variable that holds its Slack incoming webhook
	 * URL, if it uses Slack
	 * @param teamsWebhook the environment variable that holds its Microsoft Teams
	 * workflow webhook URL, if it uses Teams
	 * @param topics the listening topics it owns
	 * @param follows ids of topics owned by other departments that it listens to as well
	 */
	public Department(String id, String name, ZoneId timeZone, LocalTime digestTime, List<String> members,
			Optional<String> slackWebhook, Optional<String> teamsWebhook, List<Topic> topics, List<String> follows) {
		this(id, name, timeZone, digestTime, members, slackWebhook, teamsWebhook, topics, follows,
				DigestRhythm.DAILY_ONLY);
	}

	/**
	 * A department that follows no other department's topics.
	 * @param id stable identifier
	 * @param name display name
	 * @param timeZone the zone its digests are scheduled in
	 * @param digestTime local time of day of its daily digest
	 * @param members email addresses that receive its digests
	 * @param slackWebhook the environment variable that holds its Slack incoming webhook
	 * URL, if it uses Slack (the URL is a secret, so the organization file only names it)
	 * @param teamsWebhook the environment variable that holds its Microsoft Teams
	 * workflow webhook URL, if it uses Teams
	 * @param topics the listening topics it owns
	 */
	public Department(String id, String name, ZoneId timeZone, LocalTime digestTime, List<String> members,
			Optional<String> slackWebhook, Optional<String> teamsWebhook, List<Topic> topics) {
		this(id, name, timeZone, digestTime, members, slackWebhook, teamsWebhook, topics, List.of());
	}

	/**
	 * Whether it listens to a topic, as its owner or a follower.
	 * @param topicId the topic id
	 * @return whether it owns or follows the topic
	 */
	public boolean listensTo(String topicId) {
		return this.follows.contains(topicId) || this.topics.stream().anyMatch((topic) -> topic.id().equals(topicId));
	}

}
