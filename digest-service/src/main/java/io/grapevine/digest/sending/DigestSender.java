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
import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.digest.composition.AnalyticsSummary;
import io.grapevine.digest.composition.DailyPeriod;
import io.grapevine.digest.composition.DigestPeriod;
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
 * Composes, renders, delivers and archives a department's daily or weekly digest. Each
 * channel (email, Slack, Teams) is claimed in the {@link DeliveryLedger} before it is
 * delivered and marked sent after, so a retry or a second replica never delivers a
 * channel twice; a digest is archived once every channel has taken it.
 */
public class DigestSender {

	private static final Logger logger = LoggerFactory.getLogger(DigestSender.class);

	private final Organization organization;

	private final AnalyticsClient analytics;

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
	 * Create a sender whose digests carry their sections.
	 * @param organization the organization
	 * @param analytics the analytics client
	 * @param renderer the email renderer
	 * @param channels the channels of each department
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
		return sendNow(departmentId, DigestPeriod.Rhythm.DAILY);
	}

	/**
	 * Send a department's digest for yesterday or for last week (the ISO week before this
	 * one, in its zone) now, even if the schedule already sent it; archived under its own
	 * id.
	 * @param departmentId the department id
	 * @param rhythm a daily or a weekly digest
	 * @return the archived digest; fails with {@link UnknownDepartmentException} for an
	 * unknown department
	 */
	public Mono<ArchivedDigest> sendNow(String departmentId, DigestPeriod.Rhythm rhythm) {
		return Mono.defer(() -> {
			Department department = audience(departmentId);
			Instant now = this.clock.instant();
			DigestPeriod period = (rhythm == DigestPeriod.Rhythm.WEEKLY)
					? DigestPeriod.weekBefore(now, department.timeZone())
					: DigestPeriod.of(DailyPeriod.dayBefore(now, department.timeZone()));
			String id = ArchivedDigest.onRequestId(ArchivedDigest.scheduledId(department.id(), period), now);
			return send(department, period, id, ArchivedDigest.MANUAL);
		});
	}

	/**
	 * Send a department's digest for yesterday or for last week (in its zone) under the
	 * id the schedule gives it, unless that digest was already sent: a restart or a
	 * second request sends no second copy of an audience's period.
	 * @param departmentId the department id, or {@link Organization#ALL_STAFF}
	 * @param rhythm a daily or a weekly digest
	 * @return the archived digest, sent now or before; fails with
	 * {@link UnknownDepartmentException} for an unknown department
	 */
	public Mono<ArchivedDigest> sendUnlessSent(String departmentId, DigestPeriod.Rhythm rhythm) {
		return Mono.defer(() -> {
			Department department = audience(departmentId);
			Instant now = this.clock.instant();
			DigestPeriod period = (rhythm == DigestPeriod.Rhythm.WEEKLY)
					? DigestPeriod.weekBefore(now, department.timeZone())
					: DigestPeriod.of(DailyPeriod.dayBefore(now, department.timeZone()));
			String id = ArchivedDigest.scheduledId(department.id(), period);
			String kind = Organization.ALL_STAFF.equals(department.id()) ? ArchivedDigest.ALL_STAFF
					: (rhythm == DigestPeriod.Rhythm.WEEKLY) ? ArchivedDigest.WEEKLY : ArchivedDigest.DAILY;
			return this.archive.find(id).switchIfEmpty(Mono.defer(() -> send(department, period, id, kind)));
		});
	}

	/**
	 * Send a department's digest for a day and archive it.
	 * @param department the department
	 * @param period the day
	 * @param id the archive id
	 * @param kind {@link ArchivedDigest#DAILY} or {@link ArchivedDigest#MANUAL}
	 * @return the archived digest
	 */
	public Mono<ArchivedDigest> send(Department department, DailyPeriod period, String id, String kind) {
		return send(department, DigestPeriod.of(period), id, kind);
	}

	/**
	 * Send a department's digest for a day or a week and archive it.
	 * @param department the department
	 * @param period the day or week
	 * @param id the archive id
	 * @param kind {@link ArchivedDigest#DAILY}, {@link ArchivedDigest#WEEKLY} or
	 * {@link ArchivedDigest#MANUAL}
	 * @return the archived digest
	 */
	public Mono<ArchivedDigest> send(Department department, DigestPeriod period, String id, String kind) {
		if (Organization.ALL_STAFF.equals(department.id())) {
			return composeAllStaff(department, period)
				.flatMap((digest) -> withSections(digest, Optional.empty(), period, AnalyticsSummary.Said.NOTHING))
				.flatMap((digest) -> deliverAndArchive(department, digest, id, kind));
		}
		// One after the other, so a search-service that is down reports one error, not
		// two.
		return this.analytics.summary(department.id(), period, this.topMentions)
			.zipWhen((current) -> this.analytics.summary(department.id(), period.previous(), 1))
			.flatMap(
					(summaries) -> withSections(
							DigestComposer.compose(this.organization, department, period, summaries.getT1(),
									summaries.getT2(), this.topMentions),
							Optional.of(department), period, summaries.getT1().said()))
			.flatMap((digest) -> deliverAndArchive(department, digest, id, kind));
	}

	private Department audience(String id) {
		if (Organization.ALL_STAFF.equals(id)) {
			return this.organization.allStaff().orElseThrow(UnknownDepartmentException::noAllStaff);
		}
		return this.organization.department(id)
			.orElseThrow(() -> new UnknownDepartmentException(id,
					this.organization.departments().stream().map(Department::id).toList()));
	}

	private Mono<Digest> composeAllStaff(Department audience, DigestPeriod period) {
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
			boolean sent = (period.rhythm() == DigestPeriod.Rhythm.WEEKLY) ? department.rhythm().weekly()
					: department.rhythm().daily();
			if (sent) {
				departmentDigests.put(department.id(), ArchivedDigest.scheduledId(department.id(), period));
			}
		}
		// One after the other, so a search-service that is down reports one error.
		return this.analytics.summary(everything, Optional.empty(), period, this.topMentions)
			.flatMap((current) -> this.analytics.summary(everything, Optional.empty(), period.previous(), 1)
				.flatMap((before) -> positive.flatMap((positives) -> negative.flatMap((negatives) -> perDepartment
					.map((totals) -> DigestComposer.composeAllStaff(this.organization, audience, period, current,
							before, totals, positives, negatives, departmentDigests, this.topMentions))))));
	}

	private Mono<Digest> withSections(Digest digest, Optional<Department> department, DigestPeriod period,
			AnalyticsSummary.Said said) {
		return this.sections
			.map((sources) -> sources.read(this.organization, department, period, this.topMentions, said)
				.map(digest::withSections))
			.orElseGet(() -> Mono.just(digest));
	}

	private Mono<ArchivedDigest> deliverAndArchive(Department department, Digest digest, String id, String kind) {
		RenderedDigest rendered = this.renderer.render(digest, id);
		URI archiveLink = this.renderer.archiveLink(id);
		URI searchLink = this.renderer.dashboardLink(digest);
		List<DigestChannel> channels = this.channels.of(department);
		if (channels.isEmpty()) {
			logger.info("Department {} has no members, Slack or Teams webhook in the organization file: digest {} "
					+ "is archived, not delivered", department.id(), id);
		}
		return this.delivery
			.deliver(id, channels, DigestChannel::name,
					(channel) -> channel.deliver(digest, rendered, archiveLink, searchLink))
			.then(Mono.defer(() -> archive(department, digest, id, kind, rendered)));
	}

	private Mono<ArchivedDigest> archive(Department department, Digest digest, String id, String kind,
			RenderedDigest rendered) {
		return Mono
			.fromCallable(() -> new ArchivedDigest(id, kind, department.id(), department.name(),
					ArchivedDigest.Period.of(digest.period()), this.clock.instant(),
					ArchivedDigest.Recipients.of(department.members()), rendered.subject(), rendered.archiveHtml(),
					rendered.text(), digest.figures()))
			.flatMap(this.archive::save)
			.doOnNext((archived) -> {
				try (MDC.MDCCloseable digestId = MDC.putCloseable("digestId", archived.id())) {
					logger.info("Sent and archived digest {} ({} of {}, {} mentions, {} recipient(s))", archived.id(),
							archived.kind(), archived.departmentId(), archived.figures().total(),
							archived.recipients().count());
				}
			});
	}

}
