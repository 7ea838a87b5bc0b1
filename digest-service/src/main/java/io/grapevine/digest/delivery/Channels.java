package io.grapevine.digest.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.grapevine.listening.organization.Department;

/**
 * Which channels an audience of the organization file receives its digests on: email when
 * it has members, Slack and Teams when the file names their webhooks.
 */
final class Channels {

	private final EmailDelivery email;

	private final WebhookPoster poster;

	private final ChannelWebhooks webhooks;

	private final int attempts;

	private final Duration firstBackoff;

	private final Duration maxBackoff;

	Channels(EmailDelivery email, WebhookPoster poster, ChannelWebhooks webhooks, int attempts, Duration firstBackoff,
			Duration maxBackoff) {
		this.email = email;
		this.poster = poster;
		this.webhooks = webhooks;
		this.attempts = attempts;
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * An audience's channels, in the order email, Slack, Teams.
	 * @param <C> the kind of channel
	 * @param audience a department or the board
	 * @param email makes the channel that emails its members
	 * @param slack makes the channel that posts to its Slack webhook
	 * @param teams makes the channel that posts to its Teams webhook
	 * @return its channels, possibly none
	 */
	<C> List<C> of(Department audience, Function<EmailChannel, C> email, BiFunction<WebhookPoster, URI, C> slack,
			BiFunction<WebhookPoster, URI, C> teams) {
		List<C> channels = new ArrayList<>();
		if (!audience.members().isEmpty()) {
			channels.add(email.apply(new EmailChannel(this.email, audience.members(), this.attempts, this.firstBackoff,
					this.maxBackoff)));
		}
		this.webhooks.slack(audience.id()).ifPresent((url) -> channels.add(slack.apply(this.poster, url)));
		this.webhooks.teams(audience.id()).ifPresent((url) -> channels.add(teams.apply(this.poster, url)));
		return channels;
	}

}
