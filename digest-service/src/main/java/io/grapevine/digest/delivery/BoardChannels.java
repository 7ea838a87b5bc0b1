package io.grapevine.digest.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.grapevine.digest.composition.BoardDigest;
import io.grapevine.digest.delivery.slack.SlackBoardMessage;
import io.grapevine.digest.delivery.teams.TeamsBoardCard;
import io.grapevine.digest.rendering.RenderedDigest;
import io.grapevine.listening.organization.Department;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The channels the board receives its monthly digest on, as departments receive theirs:
 * email when it has members, Slack and Teams when the organization file names their
 * webhooks.
 */
public class BoardChannels {

	private static final Logger logger = LoggerFactory.getLogger(BoardChannels.class);

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
	 * @param webhooks the webhook URLs, the board's among them
	 * @param attempts how many times email is tried
	 * @param firstBackoff the first wait between email tries
	 * @param maxBackoff the longest wait between email tries
	 */
	public BoardChannels(EmailDelivery email, WebhookPoster poster, ChannelWebhooks webhooks, int attempts,
			Duration firstBackoff, Duration maxBackoff) {
		this.email = email;
		this.poster = poster;
		this.webhooks = webhooks;
		this.attempts = attempts;
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * The board's channels.
	 * @param board the board's audience
	 * @return its channels, possibly none
	 */
	public List<BoardChannel> of(Department board) {
		List<BoardChannel> channels = new ArrayList<>();
		if (!board.members().isEmpty()) {
			List<String> members = board.members();
			channels.add(channel("email",
					(digest, rendered, archiveLink, searchLink) -> this.email.deliver(members, rendered)
						.retryWhen(Retry.backoff(this.attempts - 1, this.firstBackoff)
							.maxBackoff(this.maxBackoff)
							.doBeforeRetry((signal) -> logger.warn("{}; trying again (try {} of {})",
									signal.failure().getMessage(), signal.totalRetries() + 2, this.attempts))
							.onRetryExhaustedThrow((spec, signal) -> signal.failure()))));
		}
		String where = "the %s webhook of the board";
		this.webhooks.slack(board.id())
			.ifPresent((url) -> channels.add(channel("slack", (digest, rendered, archiveLink, searchLink) -> this.poster
				.post(url, SlackBoardMessage.of(digest, archiveLink, searchLink), where.formatted("Slack")))));
		this.webhooks.teams(board.id())
			.ifPresent((url) -> channels.add(channel("teams", (digest, rendered, archiveLink, searchLink) -> this.poster
				.post(url, TeamsBoardCard.of(digest, archiveLink, searchLink), where.formatted("Teams")))));
		return channels;
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
