package io.grapevine.digest.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.grapevine.digest.composition.BoardDigest;
import io.grapevine.digest.delivery.slack.SlackBoardMessage;
import io.grapevine.digest.delivery.teams.TeamsBoardCard;
import io.grapevine.digest.rendering.RenderedDigest;
import io.grapevine.listening.organization.Department;
import reactor.core.publisher.Mono;

/**
 * The channels the board receives its monthly digest on, as departments receive theirs:
 * email when it has members, Slack and Teams when the organization file names their
 * webhooks.
 */
public class BoardChannels {

	private final Channels channels;

	/**
	 * Create the channel set.
	 * @param email the SMTP delivery
	 * @param poster posts to chat webhooks with retries
	 * @param webhooks the webhook URLs, the board's among them
	 * @param attempts how many times email is tried
	 * @param firstBackoff the first wait between email tries
	 * @param maxBackoff the longest wait between email tries
	 */
	public BoardChannels(EmailDelivery email, WebhookPoster poster, ChannelWebhooks webhooks, int attempts,
			Duration firstBackoff, Duration maxBackoff) {
		this.channels = new Channels(email, poster, webhooks, attempts, firstBackoff, maxBackoff);
	}

	/**
	 * The board's channels.
	 * @param board the board's audience
	 * @return its channels, possibly none
	 */
	public List<BoardChannel> of(Department board) {
		String where = "the %s webhook of the board";
		return this.channels.of(board,
				(email) -> channel("email", (digest, rendered, archiveLink, searchLink) -> email.deliver(rendered)),
				(poster, url) -> channel("slack",
						(digest, rendered, archiveLink, searchLink) -> poster.post(url,
								SlackBoardMessage.of(digest, archiveLink, searchLink), where.formatted("Slack"))),
				(poster, url) -> channel("teams", (digest, rendered, archiveLink, searchLink) -> poster.post(url,
						TeamsBoardCard.of(digest, archiveLink, searchLink), where.formatted("Teams"))));
	}

	private static BoardChannel channel(String name, Delivery delivery) {
		return new BoardChannel() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public Mono<Void> deliver(BoardDigest digest, RenderedDigest rendered, URI archiveLink, URI searchLink) {
				return delivery.deliver(digest, rendered, archiveLink, searchLink);
			}

		};
	}

	@FunctionalInterface
	private interface Delivery {

		Mono<Void> deliver(BoardDigest digest, RenderedDigest rendered, URI archiveLink, URI searchLink);

	}

}
