package io.grapevine.digest.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.grapevine.digest.delivery.slack.SlackChannel;
import io.grapevine.digest.delivery.teams.TeamsChannel;
import io.grapevine.listening.organization.Department;

/**
 * The channels each department receives its digests on: email when it has members, and
 * Slack and Teams when the organization file names their webhooks.
 */
public class DigestChannels {

	private final EmailDelivery email;

	private final WebhookPoster poster;

	private final ChannelWebhooks webhooks;

	private final int attempts;

	private final Duration firstBackoff;

	private final Duration maxBackoff;

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
		this.email = email;
		this.poster = poster;
		this.webhooks = webhooks;
		this.attempts = attempts;
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * A department's channels.
	 * @param department the department
	 * @return its channels, possibly none
	 */
	public List<DigestChannel> of(Department department) {
		List<DigestChannel> channels = new ArrayList<>();
		if (!department.members().isEmpty()) {
			channels.add(new EmailChannel(this.email, department.members(), this.attempts, this.firstBackoff,
					this.maxBackoff));
		}
		this.webhooks.slack(department.id())
			.ifPresent((url) -> channels.add(new SlackChannel(this.poster, url, department.id())));
		this.webhooks.teams(department.id())
			.ifPresent((url) -> channels.add(new TeamsChannel(this.poster, url, department.id())));
		return channels;
	}

}
