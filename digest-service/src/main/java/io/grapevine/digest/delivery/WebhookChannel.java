package io.grapevine.digest.delivery;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.rendering.RenderedDigest;
import reactor.core.publisher.Mono;

/**
 * Delivers digests to a department's chat channel, Slack or Teams, through its webhook.
 */
final class WebhookChannel implements DigestChannel {

	private final String name;

	private final WebhookPoster poster;

	private final URI webhook;

	private final String description;

	private final Message message;

	/**
	 * Create the channel.
	 * @param name {@code slack} or {@code teams}
	 * @param poster posts with retries
	 * @param webhook the webhook URL
	 * @param description what the webhook is, for messages
	 * @param message writes the chat's message for a digest
	 */
	WebhookChannel(String name, WebhookPoster poster, URI webhook, String description, Message message) {
		this.name = name;
		this.poster = poster;
		this.webhook = webhook;
		this.description = description;
		this.message = message;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Mono<Void> deliver(Digest digest, RenderedDigest rendered, URI archiveLink, URI searchLink) {
		return this.poster.post(this.webhook, this.message.of(digest, archiveLink, searchLink), this.description);
	}

	/**
	 * The chat's message for a digest.
	 */
	@FunctionalInterface
	interface Message {

		JsonNode of(Digest digest, URI archiveLink, URI searchLink);

	}

}
