package io.grapevine.digest.delivery;

import java.time.Duration;
import java.util.List;

import io.grapevine.digest.delivery.slack.SlackDigestMessage;
import io.grapevine.digest.delivery.teams.TeamsDigestCard;
import io.grapevine.listening.organization.Department;

/**
 * The channels each department receives its digests on: email when it has members, and
 * Slack and Teams when the organization file names their webhooks.
 */
public class DigestChannels {

	private final Channels channels;

	/**
	 * Create the channel set.
	 * @param email the SMTP delivery
	 * @param poster posts to chat webhooks with retries
	 * @param webhooks the departments' webhook URLs
	 * @param attempts how many times email is tried
	 * @param firstBackoff the first wait between email tries
	 * @param maxBackoff the longest wait between email tries
	 */
	public DigestChannels(EmailDelivery email, WebhookPoster poster, ChannelWebhooks webhooks, int attempts,
			Duration firstBackoff, Duration maxBackoff) {
		this.channels = new Channels(email, poster, webhooks, attempts, firstBackoff, maxBackoff);
	}

	/**
	 * A department's channels.
	 * @param department the department
	 * @return its channels, possibly none
	 */
	public List<DigestChannel> of(Department department) {
		String where = "the %s webhook of department %s";
		return this.channels.of(department, (email) -> email,
				(poster, url) -> new WebhookChannel("slack", poster, url, where.formatted("Slack", department.id()),
						SlackDigestMessage::of),
				(poster, url) -> new WebhookChannel("teams", poster, url, where.formatted("Teams", department.id()),
						TeamsDigestCard::of));
	}

}
