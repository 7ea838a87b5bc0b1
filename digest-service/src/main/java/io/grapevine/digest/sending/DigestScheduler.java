package io.grapevine.digest.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.archive.SavedSearchSubscriptions;
import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.SavedSearchSubscription;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;

/**
 * Checks at a fixed interval which audiences' digests are due (their digest time has
 * passed in their zone: every day for a daily digest, on their weekly day for a weekly
 * one, on the first day of the month for the board's, and the archive does not have that
 * period's digest yet) and sends them: the departments', then all staff's (which links to
 * theirs), then the board's, then the saved searches' emails of the day before to their
 * subscribers; a failed send is tried again at the next check. The departments' digests
 * of a check are composed and sent a few at once
 * ({@code grapevine.digest.schedule.concurrency}).
 */
public class DigestScheduler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DigestScheduler.class);

	private final Organization organization;

	private final DigestSender sender;

	private final Clock clock;

	private final Duration checkInterval;

	private final boolean enabled;

	private final Optional<SavedSearches> savedSearches;

	/**
	 * How many departments' digests a check composes and sends at once unless told
	 * otherwise: each digest asks its sections at once, so a few digests at once keep
	 * search-service and Elasticsearch busy while one digest waits on its slowest answer.
	 */
	public static final int DEFAULT_CONCURRENCY = 4;

	/** The most departments' digests a check may compose and send at once. */
	public static final int MAX_CONCURRENCY = 64;

	private final int concurrency;

	private volatile Disposable checks;

	public DigestScheduler(Organization organization, DigestSender sender, Clock clock, Duration checkInterval,
			boolean enabled) {
		this(organization, sender, Optional.empty(), clock, checkInterval, enabled);
	}

	/**
	 * A schedule that also sends the saved searches' emails, composing
	 * {@value #DEFAULT_CONCURRENCY} departments' digests at once.
	 * @param organization the organization
	 * @param sender sends every audience's digests, the saved searches' subscribers'
	 * included
	 * @param savedSearches who subscribed to saved searches, and when their emails go
	 * @param clock the clock
	 * @param checkInterval how often to check
	 * @param enabled whether to check at all
	 */
	public DigestScheduler(Organization organization, DigestSender sender, Optional<SavedSearches> savedSearches,
			Clock clock, Duration checkInterval, boolean enabled) {
		this(organization, sender, savedSearches, clock, checkInterval, enabled, DEFAULT_CONCURRENCY);
	}

	/**
	 * A schedule that also sends the saved searches' emails, composing and sending some
	 * departments' digests at once.
	 * @param organization the organization
	 * @param sender sends every audience's digests, the saved searches' subscribers'
	 * included
	 * @param savedSearches who subscribed to saved searches, and when their emails go
	 * @param clock the clock
	 * @param checkInterval how often to check
	 * @param enabled whether to check at all
	 * @param concurrency how many departments' digests to compose and send at once
	 * (1..{@value #MAX_CONCURRENCY})
	 */
	public DigestScheduler(Organization organization, DigestSender sender, Optional<SavedSearches> savedSearches,
			Clock clock, Duration checkInterval, boolean enabled, int concurrency) {
		requireConcurrency(concurrency, "the schedule's concurrency");
		this.concurrency = concurrency;
		this.savedSearches = savedSearches;
		this.organization = organization;
		this.sender = sender;
		this.clock = clock;
		this.checkInterval = checkInterval;
		this.enabled = enabled;
	}

	/**
	 * Send every digest that is due now and not archived yet.
	 * @return the digests sent by this check
	 */
	public Flux<ArchivedDigest> sendDue() {
		return Flux.defer(() -> {
			Instant now = this.clock.instant();
			List<Department> organizationWide = new ArrayList<>();
			this.organization.allStaff().ifPresent(organizationWide::add);
			this.organization.board().ifPresent(organizationWide::add);
			// The departments' digests several at once, each sent as soon as it is
			// ready; all staff's (which links to theirs) and the board's once they are
			// all done.
			return Flux.fromIterable(this.organization.departments())
				.flatMap((settings) -> dueOf(now, settings), this.concurrency)
				.concatWith(Flux.fromIterable(organizationWide).concatMap((settings) -> dueOf(now, settings)))
				.concatWith(sendDueSavedSearches());
		});
	}

	private Flux<ArchivedDigest> dueOf(Instant now, Department settings) {
		Audience audience = Audience.of(settings);
		return Flux.fromIterable(rhythms(audience, settings))
			.concatMap((rhythm) -> due(now, audience, settings, rhythm));
	}

	/**
	 * Refuse a number of digests at once outside 1..{@value #MAX_CONCURRENCY}.
	 * @param concurrency the number
	 * @param name what sets it, for the message
	 */
	public static void requireConcurrency(int concurrency, String name) {
		if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
			throw new IllegalArgumentException(name + " must be between 1 and " + MAX_CONCURRENCY
					+ " (how many departments' digests are composed and sent at once; " + DEFAULT_CONCURRENCY
					+ " unless set); was " + concurrency);
		}
	}

	// The board's digest is monthly; the others' daily, weekly or both as the file says.
	private static List<Period.Rhythm> rhythms(Audience audience, Department settings) {
		if (audience instanceof Audience.Board) {
			return List.of(Period.Rhythm.MONTHLY);
		}
		List<Period.Rhythm> rhythms = new ArrayList<>();
		if (settings.rhythm().daily()) {
			rhythms.add(Period.Rhythm.DAILY);
		}
		if (settings.rhythm().weekly()) {
			rhythms.add(Period.Rhythm.WEEKLY);
		}
		return rhythms;
	}

	private Mono<ArchivedDigest> due(Instant now, Audience audience, Department settings, Period.Rhythm rhythm) {
		return Period.due(rhythm, now, audience.zone(), settings.rhythm().weeklyDay(), settings.digestTime())
			.map((period) -> this.sender.sendIfNotArchived(audience, period).onErrorResume((ex) -> {
				logger.warn("Could not send the {} digest {} of {}; trying again at the next check in {}: {}",
						rhythm.word(), ArchivedDigest.scheduledId(audience.id(), period), audience.id(),
						this.checkInterval, ex.getMessage());
				return Mono.empty();
			}))
			.orElseGet(Mono::empty);
	}

	/**
	 * Send each saved search's subscriber the day before in their zone once their sending
	 * time has passed there, unless the delivery ledger has it sent: these digests are
	 * not archived, so the ledger alone remembers them.
	 * @return the emails sent by this check
	 */
	public Flux<ArchivedDigest> sendDueSavedSearches() {
		return this.savedSearches.map((searches) -> Flux.defer(() -> {
			Instant now = this.clock.instant();
			return searches.subscriptions().all().flatMapMany((all) -> {
				List<DigestSender.Due> due = new ArrayList<>();
				for (SavedSearchSubscription subscription : all) {
					subscription.due(now, searches.time())
						.ifPresent((day) -> due.add(new DigestSender.Due(subscription.audience(), day)));
				}
				return this.sender.sendIfNotDelivered(due);
			});
		}).onErrorResume((ex) -> {
			logger.warn("Could not send the saved searches' emails; trying again at the next check in {}: {}",
					this.checkInterval, ex.getMessage());
			return Flux.empty();
		})).orElseGet(Flux::empty);
	}

	@Override
	public void start() {
		if (!this.enabled) {
			logger.info("Scheduled digests are off (grapevine.digest.schedule.enabled=false)");
			return;
		}
		logger.info("Checking for due digests every {} for {} department(s)", this.checkInterval,
				this.organization.departments().size());
		this.checks = Flux.interval(Duration.ZERO, this.checkInterval)
			.onBackpressureDrop()
			.concatMap((tick) -> sendDue(), 1)
			.subscribe(null, (ex) -> logger.error("Digest checks stopped", ex));
	}

	@Override
	public void stop() {
		Disposable running = this.checks;
		if (running != null) {
			running.dispose();
			this.checks = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.checks != null;
	}

	/**
	 * Who subscribed to saved searches, and when their emails go.
	 *
	 * @param subscriptions the subscriptions search-service keeps
	 * @param time the local time, in each subscriber's zone, from which the day before is
	 * sent
	 */
	public record SavedSearches(SavedSearchSubscriptions subscriptions, LocalTime time) {

	}

}
