package io.grapevine.digest.sending;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.grapevine.digest.archive.DeliveryLedger;
import io.grapevine.digest.delivery.DeliveryFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivers one digest on each of its channels at most once through the delivery ledger: a
 * channel is claimed, delivered and marked sent, or released with the reason when it
 * fails; a channel another replica holds or has sent is left alone.
 */
final class LedgerDelivery {

	private static final Logger logger = LoggerFactory.getLogger(LedgerDelivery.class);

	private final DeliveryLedger ledger;

	LedgerDelivery(DeliveryLedger ledger) {
		this.ledger = ledger;
	}

	/**
	 * Deliver a digest on its channels, one after the other.
	 * @param <C> the channel type
	 * @param id the digest id
	 * @param channels the channels
	 * @param name a channel's name in the ledger
	 * @param deliver delivers the digest on a channel
	 * @return completion once every channel has the digest; a
	 * {@link DeliveryFailedException} naming the channels that failed, or a
	 * {@link DeliveryInProgressException} naming those another replica holds
	 */
	<C> Mono<Void> deliver(String id, List<C> channels, Function<C, String> name, Function<C, Mono<Void>> deliver) {
		return Flux.fromIterable(channels)
			.concatMap((channel) -> deliverOnce(id, name.apply(channel), deliver.apply(channel)))
			.collectList()
			.flatMap((outcomes) -> {
				List<Outcome> failed = outcomes.stream().filter((outcome) -> outcome.error() != null).toList();
				if (!failed.isEmpty()) {
					return Mono.error(new DeliveryFailedException("digest " + id + " did not reach "
							+ failed.stream().map(Outcome::error).collect(Collectors.joining("; ")), null));
				}
				List<String> held = outcomes.stream()
					.filter((outcome) -> outcome.claim() == DeliveryLedger.Claim.HELD)
					.map(Outcome::channel)
					.toList();
				if (!held.isEmpty()) {
					return Mono.error(new DeliveryInProgressException(id, held));
				}
				return Mono.empty();
			});
	}

	private Mono<Outcome> deliverOnce(String id, String channel, Mono<Void> delivery) {
		return this.ledger.claim(id, channel).flatMap((claim) -> {
			if (claim != DeliveryLedger.Claim.CLAIMED) {
				try (MDC.MDCCloseable digest = MDC.putCloseable("digestId", id)) {
					logger.info("Digest {}: {} {}", id, channel, (claim == DeliveryLedger.Claim.SENT)
							? "took it already" : "is being sent by another replica");
				}
				return Mono.just(new Outcome(channel, claim, null));
			}
			return delivery.then(this.ledger.markSent(id, channel))
				.thenReturn(new Outcome(channel, claim, null))
				.onErrorResume((ex) -> this.ledger.release(id, channel, String.valueOf(ex.getMessage()))
					.thenReturn(new Outcome(channel, claim, ex.getMessage())));
		});
	}

	private record Outcome(String channel, DeliveryLedger.Claim claim, String error) {
	}

}
