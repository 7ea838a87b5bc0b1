package io.grapevine.digest.delivery;

import java.net.URI;

import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.rendering.RenderedDigest;
import reactor.core.publisher.Mono;

/**
 * One way a department receives its digests: email to its members, its Slack channel or
 * its Teams channel.
 */
public interface DigestChannel {

	/**
	 * The channel's name in the delivery ledger and in messages.
	 * @return {@code email}, {@code slack} or {@code teams}
	 */
	String name();

	/**
	 * Deliver a digest.
	 * @param digest the composed digest
	 * @param rendered its email rendering
	 * @param archiveLink its archive page
	 * @param searchLink the dashboard search for its period
	 * @return completes once the channel took it; fails with
	 * {@link DeliveryFailedException}
	 */
	Mono<Void> deliver(Digest digest, RenderedDigest rendered, URI archiveLink, URI searchLink);

}
