package io.grapevine.digest.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;

/**
 * Checks at a fixed interval which audiences' digests are due (their digest time has
 * passed in their zone: every day for a daily digest, on their weekly day for a weekly
 * one, on the first day of the month for the board's, and the archive does not have that
 * period's digest yet) and sends them: the departments', then all staff's (which links to
 * theirs), then the board's, then the saved searches' emails of the day before to their
 * subscribers; a failed send is tried again at the next check.
 */
public class DigestScheduler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DigestScheduler.class);

	private final Organization organization;

	private final DigestSender sender;

	private final Clock clock;

	private final Duration checkInterval;

	private final boolean enabled;

	private final Optional<SavedSearchSender> savedSearches;

	private volatile Disposable checks;

	public DigestScheduler(Organization organization, DigestSender sender, Clock clock, Duration checkInterval,
			boolean enabled) {
		this(organization, sender, Optional.empty(), clock, checkInterval, enabled);
	}

	/**
	 * A schedule that also sends the saved searches' emails.
	 * @param organization the organization
	 * @param sender sends every audience's digests
	 * @param savedSearches sends the saved searches' daily emails
	 * @param clock the clock
	 * @param checkInterval how often to check
	 * @param enabled whether to check at all
	 */
	public DigestScheduler(Organization organization, DigestSender sender, Optional<SavedSearchSender> savedSearches,
			Clock clock, Duration checkInterval, boolean enabled) {
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
			List<Department> audiences = new ArrayList<>(this.organization.departments());
			this.organization.allStaff().ifPresent(audiences::add);
			this.organization.board().ifPresent(audiences::add);
			return Flux.fromIterable(audiences).concatMap((settings) -> {
				Audience audience = Audience.of(settings);
				return Flux.fromIterable(rhythms(audience, settings))
					.concatMap((rhythm) -> due(now, audience, settings, rhythm));
			}).concatWith(dueSavedSearches());
		});
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

	// The saved searches' emails are not archived digests: they are sent, and the ledger
	// remembers them.
	private Flux<ArchivedDigest> dueSavedSearches() {
		return this.savedSearches.map((sender) -> sender.sendDue().onErrorResume((ex) -> {
			logger.warn("Could not send the saved searches' emails; trying again at the next check in {}: {}",
					this.checkInterval, ex.getMessage());
			return Flux.empty();
		}).thenMany(Flux.<ArchivedDigest>empty())).orElseGet(Flux::empty);
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

}
