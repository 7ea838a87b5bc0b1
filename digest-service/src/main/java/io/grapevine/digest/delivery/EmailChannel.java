package io.grapevine.digest.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.rendering.RenderedDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Delivers digests by email to a department's members (or a saved search's subscriber),
 * trying again with backoff while the SMTP server does not take it.
 */
public class EmailChannel implements DigestChannel {

	private static final Logger logger = LoggerFactory.getLogger(EmailChannel.class);

	private final EmailDelivery delivery;

	private final List<String> members;

	private final int attempts;

	private final Duration firstBackoff;

	private final Duration maxBackoff;

	/**
	 * Create the channel.
	 * @param delivery the SMTP delivery
	 * @param members the addresses to send to
	 * @param attempts how many times to try (1 or more)
	 * @param firstBackoff the wait before the second try, doubling after
	 * @param maxBackoff the longest wait between tries
	 */
	public EmailChannel(EmailDelivery delivery, List<String> members, int attempts, Duration firstBackoff,
			Duration maxBackoff) {
		this.delivery = delivery;
		this.members = List.copyOf(members);
		this.attempts = attempts;
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	@Override
	public String name() {
		return "email";
	}

	@Override
	public Mono<Void> deliver(Digest digest, RenderedDigest rendered, URI archiveLink, URI searchLink) {
		return deliver(rendered);
	}

	/**
	 * Email a rendered digest, the department's, the board's or a saved search's, to the
	 * recipients.
	 * @param rendered the email
	 * @return completes once the SMTP server took it
	 */
	public Mono<Void> deliver(RenderedDigest rendered) {
		return this.delivery.deliver(this.members, rendered)
			.retryWhen(Retry.backoff(this.attempts - 1, this.firstBackoff)
				.maxBackoff(this.maxBackoff)
				.doBeforeRetry((signal) -> logger.warn("{}; trying again (try {} of {})", signal.failure().getMessage(),
						signal.totalRetries() + 2, this.attempts))
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

}
