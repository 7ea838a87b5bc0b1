package io.grapevine.digest.sending;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grapevine.digest.analytics.InsightsClient;
import io.grapevine.digest.archive.DeliveryLedger;
import io.grapevine.digest.archive.SavedSearchSubscriptions;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.SavedSearchDigest;
import io.grapevine.digest.composition.SavedSearchSubscription;
import io.grapevine.digest.delivery.EmailChannel;
import io.grapevine.digest.delivery.EmailDelivery;
import io.grapevine.digest.rendering.RenderedDigest;
import io.grapevine.digest.rendering.SavedSearchRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends each subscriber of a saved search the search's matches of the day before in their
 * zone, once their sending time has passed there. Each email is claimed in the
 * {@link DeliveryLedger} as {@code saved-search:<id>:<username>:<day>:email} before it is
 * sent and marked sent after, so a schedule that ticks again, a retry or a second replica
 * never sends it twice; those marked sent are skipped before anything is composed.
 */
public class SavedSearchSender {

	/** The ledger's name of the one channel of these emails. */
	static final String CHANNEL = "email";

	private static final Logger logger = LoggerFactory.getLogger(SavedSearchSender.class);

	private final SavedSearchSubscriptions subscriptions;

	private final InsightsClient search;

	private final SavedSearchRenderer renderer;

	private final EmailDelivery email;

	private final DeliveryLedger ledger;

	private final LedgerDelivery delivery;

	private final Clock clock;

	private final Settings settings;

	/**
	 * Create a sender.
	 * @param subscriptions where the subscriptions and searches are read
	 * @param search asks search-service for a search's matches
	 * @param renderer renders the email
	 * @param email the SMTP delivery
	 * @param ledger the delivery ledger
	 * @param clock the clock
	 * @param settings when and how the emails go
	 */
	public SavedSearchSender(SavedSearchSubscriptions subscriptions, InsightsClient search,
			SavedSearchRenderer renderer, EmailDelivery email, DeliveryLedger ledger, Clock clock, Settings settings) {
		this.subscriptions = subscriptions;
		this.search = search;
		this.renderer = renderer;
		this.email = email;
		this.ledger = ledger;
		this.delivery = new LedgerDelivery(ledger);
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * Send every saved-search email that is due now and not sent yet; one that fails is
	 * tried again at the next check.
	 * @return the ledger ids of the emails this check dealt with: sent, found sent by
	 * another replica, or not to be sent (the search deleted, the person unsubscribed)
	 */
	public Flux<String> sendDue() {
		return Flux.defer(() -> {
			Instant now = this.clock.instant();
			return this.subscriptions.all().flatMapMany((all) -> {
				Map<String, Due> due = new LinkedHashMap<>();
				for (SavedSearchSubscription subscription : all) {
					subscription.due(now, this.settings.time())
						.ifPresent((day) -> due.put(subscription.deliveryId(day), new Due(subscription, day)));
				}
				return this.ledger.sent(due.keySet(), CHANNEL)
					.flatMapMany((sent) -> Flux.fromIterable(due.entrySet())
						.filter((entry) -> !sent.contains(entry.getKey()))
						.concatMap((entry) -> send(entry.getValue().subscription(), entry.getValue().day())
							.thenReturn(entry.getKey())
							.onErrorResume((ex) -> {
								logger.warn("Could not send {}; trying again at the next check: {}", entry.getKey(),
										ex.getMessage());
								return Mono.empty();
							})));
			});
		});
	}

	/**
	 * Send one subscriber a day's email of their saved search, unless the search was
	 * deleted or they unsubscribed meanwhile.
	 * @param subscription the subscription
	 * @param day the day, in their zone
	 * @return completion once the email is sent, or was sent already, or is not to be
	 * sent
	 */
	public Mono<Void> send(SavedSearchSubscription subscription, Period day) {
		String id = subscription.deliveryId(day);
		return this.subscriptions.search(subscription.searchId()).flatMap((found) -> {
			if (found.isEmpty()) {
				logger.info("{}: the saved search {} was deleted; nothing is sent", id, subscription.searchId());
				return Mono.<Void>empty();
			}
			return this.subscriptions.subscribed(subscription.searchId(), subscription.username())
				.flatMap((subscribed) -> {
					if (!subscribed) {
						logger.info("{}: {} unsubscribed; nothing is sent", id, subscription.username());
						return Mono.<Void>empty();
					}
					return this.search.savedSearch(found.get(), day, this.settings.mentions())
						.map((matches) -> SavedSearchDigest.compose(found.get(), subscription, day, matches,
								this.settings.dashboardUrl(), this.settings.mentions()))
						.flatMap((digest) -> deliver(id, digest));
				});
		});
	}

	private Mono<Void> deliver(String id, SavedSearchDigest digest) {
		RenderedDigest rendered = this.renderer.render(digest);
		EmailChannel channel = new EmailChannel(this.email, List.of(digest.subscription().email()),
				this.settings.attempts(), this.settings.firstBackoff(), this.settings.maxBackoff());
		return this.delivery.deliver(id, List.of(channel), (each) -> CHANNEL,
				(each) -> each.deliver(rendered)
					.doOnSuccess((done) -> logger.info("{}: emailed '{}' to {}", id, rendered.subject(),
							digest.subscription().username())));
	}

	/**
	 * When and how the emails go.
	 *
	 * @param time the local time, in each subscriber's zone, from which the day before is
	 * sent
	 * @param mentions how many of the widest-reaching matches an email shows
	 * @param dashboardUrl the dashboard the emails link to
	 * @param attempts how many times the SMTP server is tried in one send
	 * @param firstBackoff the first wait between tries
	 * @param maxBackoff the longest wait between tries
	 */
	public record Settings(LocalTime time, int mentions, URI dashboardUrl, int attempts, Duration firstBackoff,
			Duration maxBackoff) {

	}

	private record Due(SavedSearchSubscription subscription, Period day) {
	}

}
