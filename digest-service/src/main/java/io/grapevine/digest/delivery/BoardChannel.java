package io.grapevine.digest.delivery;

import java.net.URI;

import io.grapevine.digest.composition.BoardDigest;
import io.grapevine.digest.rendering.RenderedDigest;
import reactor.core.publisher.Mono;

/**
 * One way the board receives its monthly digest: email to its members, its Slack channel
 * or its Teams channel.
 */
public interface BoardChannel {

	/**
	 * The channel's name in the delivery ledger and in messages.
	 * @return {@code email}, {@code slack} or {@code teams}
	 */
	String name();

	/**
	 * Deliver a board digest.
	 * @param digest the composed digest
	 * @param rendered its email rendering
	 * @param archiveLink its archive page
	 * @param searchLink the dashboard search for its month
	 * @return completes once the channel took it; fails with
	 * {@link DeliveryFailedException}
	 */
	Mono<Void> deliver(BoardDigest digest, RenderedDigest rendered, URI archiveLink, URI searchLink);

}
