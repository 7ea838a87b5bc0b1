package io.grapevine.digest.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.delivery.slack.SlackDigestMessage;
import io.grapevine.digest.delivery.teams.TeamsDigestCard;

/**
 * The channels each audience receives its digests on, in the order email, Slack, Teams:
 * email when it has members, Slack and Teams when the organization file names their
 * webhooks.
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
	 * @param webhooks the audiences' webhook URLs
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
	 * An audience's channels.
	 * @param audience a department, all staff or the board
	 * @return its channels, possibly none
	 */
	public List<DigestChannel> of(Audience audience) {
		String where = "the %s webhook of " + describe(audience);
		List<DigestChannel> channels = new ArrayList<>();
		if (!audience.members().isEmpty()) {
			channels.add(new EmailChannel(this.email, audience.members(), this.attempts, this.firstBackoff,
					this.maxBackoff));
		}
		this.webhooks.slack(audience.id())
			.ifPresent((url) -> channels
				.add(new WebhookChannel("slack", this.poster, url, where.formatted("Slack"), SlackDigestMessage::of)));
		this.webhooks.teams(audience.id())
			.ifPresent((url) -> channels
				.add(new WebhookChannel("teams", this.poster, url, where.formatted("Teams"), TeamsDigestCard::of)));
		return channels;
	}

	private static String describe(Audience audience) {
		if (audience instanceof Audience.Board) {
			return "the board";
		}
		if (audience instanceof Audience.AllStaff) {
			return "all staff";
		}
		return "department " + audience.id();
	}

}
