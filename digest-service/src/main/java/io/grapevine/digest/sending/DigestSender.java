package io.grapevine.digest.sending;

import java.time.Clock;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.grapevine.digest.analytics.AnalyticsClient;
import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.archive.DeliveryLedger;
import io.grapevine.digest.delivery.DigestChannel;
import io.grapevine.digest.delivery.DigestChannels;
import io.grapevine.digest.rendering.DigestRenderer;
import io.grapevine.digest.rendering.RenderedDigest;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;

/**
 * Composes, renders, delivers and archives the digest of any audience and period: a
 * department's daily or weekly digest, all staff's, the board's monthly digest, a saved
 * search's day for one subscriber (delivered, not archived). Each channel (email, Slack,
 * Teams) is claimed in the {@link DeliveryLedger} before it is delivered and marked sent
 * after, so a retry or a second replica never delivers a channel twice; a digest is
 * archived once every channel has taken it.
 */
public class DigestSender {

	private static final Logger logger = LoggerFactory.getLogger(DigestSender.class);

	private final Organization organization;

	private final DigestComposition composition;

	private final DigestRenderer renderer;

	private final DigestChannels channels;

	private final LedgerDelivery delivery;

	private final DigestArchive archive;

	private final Clock clock;

	private final DeliveryLedger ledger;

	public DigestSender(Organization organization, AnalyticsClient analytics, DigestRenderer renderer,
			DigestChannels channels, DeliveryLedger ledger, DigestArchive archive, Clock clock, int topMentions) {
		this(organization, analytics, renderer, channels, ledger, archive, clock, topMentions, Optional.empty());
	}

	/**
	 * Create a sender whose departments' and all staff's digests carry their sections.
	 * @param organization the organization
	 * @param analytics the analytics client
	 * @param renderer the email renderer
	 * @param channels the channels of each audience
	 * @param ledger the delivery ledger
	 * @param archive the digest archive
	 * @param clock the clock
	 * @param topMentions how many mentions each list shows at most
	 * @param sections what the sections are read from, or empty for digests of the
	 * summary alone
	 */
	public DigestSender(Organization organization, AnalyticsClient analytics, DigestRenderer renderer,
			DigestChannels channels, DeliveryLedger ledger, DigestArchive archive, Clock clock, int topMentions,
			Optional<SectionSources> sections) {
		this(organization, analytics, renderer, channels, ledger, archive, clock, topMentions, sections,
				Optional.empty());
	}

	/**
	 * Create a sender that also sends saved searches' subscribers their matches.
	 * @param organization the organization
	 * @param analytics the analytics client
	 * @param renderer the email renderer
	 * @param channels the channels of each audience
	 * @param ledger the delivery ledger
	 * @param archive the digest archive
	 * @param clock the clock
	 * @param topMentions how many mentions each list shows at most
	 * @param sections what the sections are read from, or empty for digests of the
	 * summary alone
	 * @param savedSearches what a subscriber's matches are read from, or empty when saved
	 * searches are not sent
	 */
	public DigestSender(Organization organization, AnalyticsClient analytics, DigestRenderer renderer,
			DigestChannels channels, DeliveryLedger ledger, DigestArchive archive, Clock clock, int topMentions,
			Optional<SectionSources> sections, Optional<SavedSearchSources> savedSearches) {
		this.ledger = ledger;
		this.organization = organization;
		this.composition = new DigestComposition(organization, analytics, topMentions, sections, savedSearches);
		this.renderer = renderer;
		this.channels = channels;
		this.delivery = new LedgerDelivery(ledger);
		this.archive = archive;
		this.clock = clock;
	}

	/**
	 * Send a department's digest for yesterday (in its zone) now, even if the schedule
	 * already sent it; archived under its own id.
	 * @param departmentId the department id
	 * @return the archived digest; fails with {@link UnknownDepartmentException} for an
	 * unknown department
	 */
	public Mono<ArchivedDigest> sendNow(String departmentId) {
		return sendNow(departmentId, Period.Rhythm.DAILY);
	}

	/**
	 * Send an audience's digest of its last whole period (yesterday or last week in its
	 * zone; last month for the board) now, even if the schedule already sent it; archived
	 * under its own id.
	 * @param audienceId a department id, {@link Organization#ALL_STAFF} or
	 * {@link Organization#BOARD}
	 * @param rhythm a daily or a weekly digest; the board's is monthly whatever is asked
	 * @return the archived digest; fails with {@link UnknownDepartmentException} for an
	 * unknown audience
	 */
	public Mono<ArchivedDigest> sendNow(String audienceId, Period.Rhythm rhythm) {
		return Mono.defer(() -> {
			Audience audience = audience(audienceId);
			return sendNow(audience, Period.before(rhythm(audience, rhythm), this.clock.instant(), audience.zone()));
		});
	}

	/**
	 * Send an audience's digest of a period now, even if it was sent before; archived
	 * under its own id.
	 * @param audience the audience
	 * @param period the period
	 * @return the archived digest
	 */
	public Mono<ArchivedDigest> sendNow(Audience audience, Period period) {
		return Mono.defer(() -> {
			String id = ArchivedDigest.onRequestId(scheduledId(audience, period), this.clock.instant());
			String kind = (audience instanceof Audience.Board) ? ArchivedDigest.BOARD : ArchivedDigest.MANUAL;
			return send(audience, period, id, kind);
		});
	}

	/**
	 * Send an audience's digest of a period under the id the schedule gives it, unless
	 * that digest was already sent (answering the one sent before).
	 * @param audience the audience
	 * @param period the period
	 * @return the archived digest, sent now or before
	 */
	public Mono<ArchivedDigest> sendUnlessSent(Audience audience, Period period) {
		return Mono.defer(() -> findOrSend(audience, period));
	}

	/**
	 * Send an audience's digest of its last whole period under the id the schedule gives
	 * it, unless that digest was already sent: a restart or a second request sends no
	 * second copy of an audience's period.
	 * @param audienceId a department id, {@link Organization#ALL_STAFF} or
	 * {@link Organization#BOARD}
	 * @param rhythm a daily or a weekly digest; the board's is monthly whatever is asked
	 * @return the archived digest, sent now or before; fails with
	 * {@link UnknownDepartmentException} for an unknown audience
	 */
	public Mono<ArchivedDigest> sendUnlessSent(String audienceId, Period.Rhythm rhythm) {
		return Mono.defer(() -> {
			Audience audience = audience(audienceId);
			Period period = Period.before(rhythm(audience, rhythm), this.clock.instant(), audience.zone());
			return findOrSend(audience, period);
		});
	}

	/**
	 * Send an audience's digest of a period under the id the schedule gives it, unless
	 * the archive has it already.
	 * @param audience the audience
	 * @param period the period
	 * @return the digest sent now, or nothing when it was sent before
	 */
	public Mono<ArchivedDigest> sendIfNotArchived(Audience audience, Period period) {
		String id = scheduledId(audience, period);
		return this.archive.exists(id)
			.flatMap((archived) -> archived ? Mono.<ArchivedDigest>empty()
					: send(audience, period, id, scheduledKind(audience, period)));
	}

	/**
	 * Send each of these audiences' digests of their periods unless the delivery ledger
	 * has it sent on every channel: the rule for digests the archive does not keep (a
	 * saved search's subscriber's), checked for all of them in one read of the ledger.
	 * One that fails is logged and left to the next check.
	 * @param due the audiences and their periods
	 * @return the digests sent now
	 */
	public Flux<ArchivedDigest> sendIfNotDelivered(List<Due> due) {
		return Flux.defer(() -> {
			Map<String, Due> byId = new LinkedHashMap<>();
			due.forEach((each) -> byId.put(scheduledId(each.audience(), each.period()), each));
			Set<String> channelNames = new TreeSet<>();
			due.forEach((each) -> this.channels.of(each.audience()).forEach((c) -> channelNames.add(c.name())));
			return Flux.fromIterable(channelNames)
				.concatMap(
						(channel) -> this.ledger.sent(byId.keySet(), channel).map((sent) -> Map.entry(channel, sent)))
				.collectMap(Map.Entry::getKey, Map.Entry::getValue)
				.flatMapMany((sent) -> Flux.fromIterable(byId.entrySet())
					.filter((entry) -> !deliveredEverywhere(entry.getKey(), entry.getValue().audience(), sent))
					.concatMap((entry) -> send(entry.getValue().audience(), entry.getValue().period(), entry.getKey(),
							scheduledKind(entry.getValue().audience(), entry.getValue().period()))
						.onErrorResume((ex) -> {
							logger.warn("Could not send {}; trying again at the next check: {}", entry.getKey(),
									ex.getMessage());
							return Mono.empty();
						})));
		});
	}

	private boolean deliveredEverywhere(String id, Audience audience, Map<String, Set<String>> sent) {
		List<DigestChannel> channels = this.channels.of(audience);
		return !channels.isEmpty()
				&& channels.stream().allMatch((channel) -> sent.getOrDefault(channel.name(), Set.of()).contains(id));
	}

	/**
	 * The id the schedule gives an audience's digest of a period, in the archive and the
	 * delivery ledger.
	 * @param audience the audience
	 * @param period the period
	 * @return {@code <audience>-<yyyy-MM-dd>}, {@code <audience>-week-<yyyy>-W<ww>} or
	 * {@code board-<yyyy-MM>}; {@code saved-search:<search>:<username>:<yyyy-MM-dd>} for
	 * a saved search's subscriber, as the ledger has always known their emails
	 */
	public static String scheduledId(Audience audience, Period period) {
		if (audience instanceof Audience.Subscriber) {
			return audience.id() + ":" + period.day();
		}
		return ArchivedDigest.scheduledId(audience.id(), period);
	}

	private Mono<ArchivedDigest> findOrSend(Audience audience, Period period) {
		String id = scheduledId(audience, period);
		return this.archive.find(id)
			.switchIfEmpty(Mono.defer(() -> send(audience, period, id, scheduledKind(audience, period))));
	}

	/**
	 * The kind the archive files a scheduled digest under.
	 * @param audience the audience
	 * @param period its period
	 * @return {@code daily} or {@code weekly} for a department, {@code all-staff},
	 * {@code board}
	 */
	public static String scheduledKind(Audience audience, Period period) {
		if (audience instanceof Audience.Board) {
			return ArchivedDigest.BOARD;
		}
		if (audience instanceof Audience.AllStaff) {
			return ArchivedDigest.ALL_STAFF;
		}
		return (period.rhythm() == Period.Rhythm.WEEKLY) ? ArchivedDigest.WEEKLY : ArchivedDigest.DAILY;
	}

	/**
	 * An audience and the period whose digest is due for it.
	 *
	 * @param audience the audience
	 * @param period the period
	 */
	public record Due(Audience audience, Period period) {

	}

	/**
	 * Send the digest of an audience as the organization file declares it (a department,
	 * all staff or the board) and archive it.
	 * @param department the department, all staff or the board
	 * @param period the day, week or month
	 * @param id the archive id
	 * @param kind the kind the archive files it under
	 * @return the archived digest
	 */
	public Mono<ArchivedDigest> send(Department department, Period period, String id, String kind) {
		return send(Audience.of(department), period, id, kind);
	}

	/**
	 * Compose an audience's digest of a period, deliver it on each of the audience's
	 * channels and archive it.
	 * @param audience the audience
	 * @param period the day, week or month
	 * @param id the archive id
	 * @param kind the kind the archive files it under
	 * @return the archived digest
	 */
	public Mono<ArchivedDigest> send(Audience audience, Period period, String id, String kind) {
		return compose(audience, period).flatMap((digest) -> deliverAndArchive(digest, id, kind));
	}

	/**
	 * Compose an audience's digest of a period from search-service's analytics.
	 * @param audience the audience
	 * @param period the period
	 * @return the digest
	 */
	public Mono<Digest> compose(Audience audience, Period period) {
		return this.composition.compose(audience, period);
	}

	/**
	 * Whether the archive keeps an audience's digests: those of the organization's
	 * departments, all staff and the board, which anyone in the organization may read;
	 * not what one person's saved search sends them, which only the ledger remembers.
	 * @param audience the audience
	 * @return true when its digests are archived
	 */
	public static boolean archived(Audience audience) {
		return !(audience instanceof Audience.Subscriber);
	}

	private static Period.Rhythm rhythm(Audience audience, Period.Rhythm asked) {
		return (audience instanceof Audience.Board) ? Period.Rhythm.MONTHLY : asked;
	}

	/**
	 * The audience an id names in the organization file.
	 * @param id a department id, {@link Organization#ALL_STAFF} or
	 * {@link Organization#BOARD}
	 * @return the audience; fails with {@link UnknownDepartmentException} when the file
	 * has no such department or section
	 */
	public Audience audience(String id) {
		if (Organization.ALL_STAFF.equals(id)) {
			return new Audience.AllStaff(
					this.organization.allStaff().orElseThrow(UnknownDepartmentException::noAllStaff));
		}
		if (Organization.BOARD.equals(id)) {
			return new Audience.Board(this.organization.board().orElseThrow(UnknownDepartmentException::noBoard));
		}
		return new Audience.OfDepartment(this.organization.department(id)
			.orElseThrow(() -> new UnknownDepartmentException(id,
					this.organization.departments().stream().map(Department::id).toList())));
	}

	private Mono<ArchivedDigest> deliverAndArchive(Digest digest, String id, String kind) {
		RenderedDigest rendered = this.renderer.render(digest, id);
		URI archiveLink = this.renderer.archiveLink(id);
		URI searchLink = this.renderer.dashboardLink(digest);
		Audience audience = digest.audience();
		List<DigestChannel> channels = this.channels.of(audience);
		if (channels.isEmpty()) {
			logger.info("{} has no members, Slack or Teams webhook in the organization file: digest {} "
					+ "is archived, not delivered", audience.id(), id);
		}
		return this.delivery
			.deliver(id, channels, DigestChannel::name,
					(channel) -> channel.deliver(digest, rendered, archiveLink, searchLink))
			.then(Mono.defer(() -> archive(digest, id, kind, rendered)));
	}

	private Mono<ArchivedDigest> archive(Digest digest, String id, String kind, RenderedDigest rendered) {
		Audience audience = digest.audience();
		ArchivedDigest archived = new ArchivedDigest(id, kind, audience.id(), audience.name(),
				ArchivedDigest.ArchivedPeriod.of(digest.period()), this.clock.instant(),
				ArchivedDigest.Recipients.of(audience.members()), rendered.subject(), rendered.archiveHtml(),
				rendered.text(), digest.figures());
		if (!archived(audience)) {
			logger.info("{}: emailed '{}' to {}; a person's saved search is theirs, not the archive's", id,
					rendered.subject(), audience.name());
			return Mono.just(archived);
		}
		return digest.board()
			.map((board) -> this.archive.save(archived, board))
			.orElseGet(() -> this.archive.save(archived))
			.doOnNext((saved) -> {
				try (MDC.MDCCloseable digestId = MDC.putCloseable("digestId", saved.id())) {
					logger.info("Sent and archived digest {} ({} of {}, {}, {} mentions, {} recipient(s))", saved.id(),
							saved.kind(), saved.departmentId(), digest.period().label(), saved.figures().total(),
							saved.recipients().count());
				}
			});
	}

}
