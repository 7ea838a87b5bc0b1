package io.grapevine.digest.delivery.slack;

import java.net.URI;

import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.delivery.DigestChannel;
import io.grapevine.digest.delivery.WebhookPoster;
import io.grapevine.digest.rendering.RenderedDigest;
import reactor.core.publisher.Mono;

/**
 * Delivers digests to a department's Slack channel through its incoming webhook.
 */
public class SlackChannel implements DigestChannel {

	private final WebhookPoster poster;

	private final URI webhook;

	private final String description;

	/**
	 * Create the channel.
	 * @param poster posts with retries
	 * @param webhook the incoming webhook URL
	 * @param departmentId the department, for messages
	 */
	public SlackChannel(WebhookPoster poster, URI webhook, String departmentId) {
		this.poster = poster;
		this.webhook = webhook;
		this.description = "the Slack webhook of department " + departmentId;
	}

	@Override
	public String name() {
		return "slack";
	}

	@Override
	public Mono<Void> deliver(Digest digest, RenderedDigest rendered, URI archiveLink, URI searchLink) {
		return this.poster.post(this.webhook, SlackDigestMessage.of(digest, archiveLink, searchLink), this.description);
	}

}
