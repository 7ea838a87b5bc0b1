package io.grapevine.digest.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.digest.audience.Period;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.DigestRhythm;
import io.grapevine.listening.organization.Organization;

/**
 * Checks at a fixed interval which departments' daily and weekly digests are due (their
 * digest time has passed in their zone, on their weekly day for a weekly digest, and the
 * archive does not have yesterday's or last week's yet) and sends them, then the board's
 * monthly digest of last month from its digest time on the first day of the month, then
 * the saved searches' emails of the day before to their subscribers; a failed send is
 * tried again at the next check.
 */
public class DigestScheduler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DigestScheduler.class);

	private final Organization organization;

	private final DigestSender sender;

	private final DigestArchive archive;

	private final Clock clock;

	private final Duration checkInterval;

	private final boolean enabled;

	private final Optional<BoardSender> board;

	private final Optional<SavedSearchSender> savedSearches;

	private volatile Disposable checks;

	public DigestScheduler(Organization organization, DigestSender sender, DigestArchive archive, Clock clock,
			Duration checkInterval, boolean enabled) {
		this(organization, sender, Optional.empty(), archive, clock, checkInterval, enabled);
	}

	/**
	 * A schedule that also sends the board's monthly digest.
	 * @param organization the organization
	 * @param sender sends departments' and the organization-wide digests
	 * @param board sends the board's digest, when the organization has a board
	 * @param archive tells which digests were sent
	 * @param clock the clock
	 * @param checkInterval how often to check
	 * @param enabled whether to check at all
	 */
	public DigestScheduler(Organization organization, DigestSender sender, Optional<BoardSender> board,
			DigestArchive archive, Clock clock, Duration checkInterval, boolean enabled) {
		this(organization, sender, board, Optional.empty(), archive, clock, checkInterval, enabled);
	}

	/**
	 * A schedule that also sends the board's monthly digest and the saved searches'
	 * emails.
	 * @param organization the organization
	 * @param sender sends departments' and the organization-wide digests
	 * @param board sends the board's digest, when the organization has a board
	 * @param savedSearches sends the saved searches' daily emails
	 * @param archive tells which digests were sent
	 * @param clock the clock
	 * @param checkInterval how often to check
	 * @param enabled whether to check at all
	 */
	public DigestScheduler(Organization organization, DigestSender sender, Optional<BoardSender> board,
			Optional<SavedSearchSender> savedSearches, DigestArchive archive, Clock clock, Duration checkInterval,
			boolean enabled) {
		this.board = board;
		this.savedSearches = savedSearches;
		this.organization = organization;
		this.sender = sender;
		this.archive = archive;
		this.clock = clock;
		this.checkInterval = checkInterval;
		this.enabled = enabled;
	}

	/**
	 * Send every daily and weekly digest that is due now and not archived yet.
	 * @return the digests sent by this check
	 */
	public Flux<ArchivedDigest> sendDue() {
		return Flux.defer(() -> {
			Instant now = this.clock.instant();
			// The organization-wide digest comes last, after the departments' digests it
			// links to.
			return Flux.fromIterable(this.organization.departments())
				.concatWith(Flux.fromIterable(this.organization.allStaff().stream().toList()))
				.concatMap((department) -> Flux.concat(dueDay(now, department), dueWeek(now, department)))
				.concatWith(dueMonth(now))
				.concatWith(dueSavedSearches());
		});
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

	private Mono<ArchivedDigest> dueMonth(Instant now) {
		Optional<Department> audience = this.organization.board();
		if (audience.isEmpty() || this.board.isEmpty()) {
			return Mono.empty();
		}
		Department board = audience.get();
		BoardSender sender = this.board.get();
		return Period.monthDue(now, board.timeZone(), board.digestTime()).map((period) -> {
			String id = BoardSender.scheduledId(period);
			return this.archive.exists(id)
				.flatMap((archived) -> archived ? Mono.<ArchivedDigest>empty() : sender.send(board, period, id))
				.onErrorResume((ex) -> {
					logger.warn("Could not send the board digest {}; trying again at the next check in {}: {}", id,
							this.checkInterval, ex.getMessage());
					return Mono.empty();
				});
		}).orElseGet(Mono::empty);
	}

	private Mono<ArchivedDigest> dueDay(Instant now, Department department) {
		if (!department.rhythm().daily()) {
			return Mono.empty();
		}
		return Period.dayDue(now, department.timeZone(), department.digestTime())
			.map((period) -> sendUnlessArchived(department, period, kind(department, ArchivedDigest.DAILY)))
			.orElseGet(Mono::empty);
	}

	private Mono<ArchivedDigest> dueWeek(Instant now, Department department) {
		DigestRhythm rhythm = department.rhythm();
		if (!rhythm.weekly()) {
			return Mono.empty();
		}
		return Period.weekDue(now, department.timeZone(), rhythm.weeklyDay(), department.digestTime())
			.map((period) -> sendUnlessArchived(department, period, kind(department, ArchivedDigest.WEEKLY)))
			.orElseGet(Mono::empty);
	}

	private static String kind(Department department, String rhythm) {
		return Organization.ALL_STAFF.equals(department.id()) ? ArchivedDigest.ALL_STAFF : rhythm;
	}

	private Mono<ArchivedDigest> sendUnlessArchived(Department department, Period period, String kind) {
		String id = ArchivedDigest.scheduledId(department.id(), period);
		return this.archive.exists(id)
			.flatMap((archived) -> archived ? Mono.<ArchivedDigest>empty()
					: this.sender.send(department, period, id, kind))
			.onErrorResume((ex) -> {
				logger.warn("Could not send the {} digest {} of {}; trying again at the next check in {}: {}", kind, id,
						department.id(), this.checkInterval, ex.getMessage());
				return Mono.empty();
			});
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
