package io.grapevine.digest.sending;

import java.time.Clock;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.grapevine.digest.analytics.AnalyticsClient;
import io.grapevine.digest.analytics.InsightsClient;
import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.digest.composition.AnalyticsSummary;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.DigestComposer;
import io.grapevine.digest.archive.DeliveryLedger;
import io.grapevine.digest.delivery.DigestChannel;
import io.grapevine.digest.delivery.DigestChannels;
import io.grapevine.digest.rendering.DigestRenderer;
import io.grapevine.digest.rendering.RenderedDigest;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;

/**
 * Composes, renders, delivers and archives the digest of any audience and period: a
 * department's daily or weekly digest, all staff's, the board's monthly digest. Each
 * channel (email, Slack, Teams) is claimed in the {@link DeliveryLedger} before it is
 * delivered and marked sent after, so a retry or a second replica never delivers a
 * channel twice; a digest is archived once every channel has taken it.
 */
public class DigestSender {

	private static final Logger logger = LoggerFactory.getLogger(DigestSender.class);

	private final Organization organization;

	private final AnalyticsClient analytics;

	private final InsightsClient insights;

	private final DigestRenderer renderer;

	private final DigestChannels channels;

	private final LedgerDelivery delivery;

	private final DigestArchive archive;

	private final Clock clock;

	private final int topMentions;

	private final Optional<SectionSources> sections;

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
		this.sections = sections;
		this.organization = organization;
		this.analytics = analytics;
		this.insights = new InsightsClient(analytics);
		this.renderer = renderer;
		this.channels = channels;
		this.delivery = new LedgerDelivery(ledger);
		this.archive = archive;
		this.clock = clock;
		this.topMentions = topMentions;
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
			Instant now = this.clock.instant();
			Period period = Period.before(rhythm(audience, rhythm), now, audience.zone());
			String id = ArchivedDigest.onRequestId(ArchivedDigest.scheduledId(audience.id(), period), now);
			String kind = (audience instanceof Audience.Board) ? ArchivedDigest.BOARD : ArchivedDigest.MANUAL;
			return send(audience, period, id, kind);
		});
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
		String id = ArchivedDigest.scheduledId(audience.id(), period);
		return this.archive.exists(id)
			.flatMap((archived) -> archived ? Mono.<ArchivedDigest>empty()
					: send(audience, period, id, scheduledKind(audience, period)));
	}

	private Mono<ArchivedDigest> findOrSend(Audience audience, Period period) {
		String id = ArchivedDigest.scheduledId(audience.id(), period);
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
		// Each audience's analytics are asked one after the other, so a search-service
		// that is down reports one error, not several.
		if (audience instanceof Audience.Board board) {
			return this.insights.month(this.organization, period)
				.flatMap((current) -> this.insights.month(this.organization, period.previous())
					.flatMap((before) -> this.insights.widestReach(this.organization, period, this.topMentions)
						.map((widest) -> DigestComposer.composeBoard(this.organization, board, period, current, before,
								widest, this.topMentions))));
		}
		if (audience instanceof Audience.AllStaff allStaff) {
			return composeAllStaff(allStaff, period)
				.flatMap((digest) -> withSections(digest, Optional.empty(), period, AnalyticsSummary.Said.NOTHING));
		}
		if (audience instanceof Audience.OfDepartment department) {
			return this.analytics.summary(department.id(), period, this.topMentions)
				.zipWhen((current) -> this.analytics.summary(department.id(), period.previous(), 1))
				.flatMap((summaries) -> withSections(
						DigestComposer.compose(this.organization, department.settings(), period, summaries.getT1(),
								summaries.getT2(), this.topMentions),
						Optional.of(department.settings()), period, summaries.getT1().said()));
		}
		return Mono.error(new IllegalArgumentException(
				"a saved search's subscriber receives its matches from the saved searches' sender, not a digest"));
	}

	private static Period.Rhythm rhythm(Audience audience, Period.Rhythm asked) {
		return (audience instanceof Audience.Board) ? Period.Rhythm.MONTHLY : asked;
	}

	private Audience audience(String id) {
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

	private Mono<Digest> composeAllStaff(Audience.AllStaff audience, Period period) {
		Optional<String> everything = Optional.empty();
		Mono<Long> positive = this.analytics.summary(everything, Optional.of("sentiment:positive"), period, 1)
			.map(AnalyticsSummary::total);
		Mono<Long> negative = this.analytics.summary(everything, Optional.of("sentiment:negative"), period, 1)
			.map(AnalyticsSummary::total);
		Mono<List<Long>> perDepartment = Flux.fromIterable(this.organization.departments())
			.concatMap((department) -> this.analytics.summary(department.id(), period, 1).map(AnalyticsSummary::total))
			.collectList();
		Map<String, String> departmentDigests = new LinkedHashMap<>();
		for (Department department : this.organization.departments()) {
			boolean sent = (period.rhythm() == Period.Rhythm.WEEKLY) ? department.rhythm().weekly()
					: department.rhythm().daily();
			if (sent) {
				departmentDigests.put(department.id(), ArchivedDigest.scheduledId(department.id(), period));
			}
		}
		// One after the other, so a search-service that is down reports one error.
		return this.analytics.summary(everything, Optional.empty(), period, this.topMentions)
			.flatMap((current) -> this.analytics.summary(everything, Optional.empty(), period.previous(), 1)
				.flatMap((before) -> positive.flatMap((positives) -> negative.flatMap((negatives) -> perDepartment
					.map((totals) -> DigestComposer.composeAllStaff(this.organization, audience.settings(), period,
							current, before, totals, positives, negatives, departmentDigests, this.topMentions))))));
	}

	private Mono<Digest> withSections(Digest digest, Optional<Department> department, Period period,
			AnalyticsSummary.Said said) {
		return this.sections
			.map((sources) -> sources.read(this.organization, department, period, this.topMentions, said)
				.map(digest::withSections))
			.orElseGet(() -> Mono.just(digest));
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
