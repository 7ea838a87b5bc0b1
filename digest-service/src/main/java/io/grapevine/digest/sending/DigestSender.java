package io.grapevine.digest.sending;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.grapevine.digest.analytics.AnalyticsClient;
import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.archive.DigestArchive;
import io.grapevine.digest.composition.DailyPeriod;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.DigestComposer;
import io.grapevine.digest.delivery.EmailDelivery;
import io.grapevine.digest.rendering.DigestRenderer;
import io.grapevine.digest.rendering.RenderedDigest;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;

/**
 * Composes, renders, emails and archives a department's daily digest; a digest is
 * archived only once the SMTP server has taken it.
 */
public class DigestSender {

	private static final Logger logger = LoggerFactory.getLogger(DigestSender.class);

	private final Organization organization;

	private final AnalyticsClient analytics;

	private final DigestRenderer renderer;

	private final EmailDelivery delivery;

	private final DigestArchive archive;

	private final Clock clock;

	private final int topMentions;

	public DigestSender(Organization organization, AnalyticsClient analytics, DigestRenderer renderer,
			EmailDelivery delivery, DigestArchive archive, Clock clock, int topMentions) {
		this.organization = organization;
		this.analytics = analytics;
		this.renderer = renderer;
		this.delivery = delivery;
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
		return Mono.defer(() -> {
			Department department = this.organization.department(departmentId)
				.orElseThrow(() -> new UnknownDepartmentException(departmentId,
						this.organization.departments().stream().map(Department::id).toList()));
			Instant now = this.clock.instant();
			DailyPeriod period = DailyPeriod.dayBefore(now, department.timeZone());
			String id = ArchivedDigest.dailyId(department.id(), period.day()) + "-run-" + now.toEpochMilli();
			return send(department, period, id, ArchivedDigest.MANUAL);
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
		// One after the other, so a search-service that is down reports one error, not
		// two.
		return this.analytics.summary(department.id(), period, this.topMentions)
			.zipWhen((day) -> this.analytics.summary(department.id(), period.previous(), 1))
			.map((summaries) -> DigestComposer.compose(this.organization, department, period, summaries.getT1(),
					summaries.getT2(), this.topMentions))
			.flatMap((digest) -> deliverAndArchive(department, digest, id, kind));
	}

	private Mono<ArchivedDigest> deliverAndArchive(Department department, Digest digest, String id, String kind) {
		RenderedDigest rendered = this.renderer.render(digest, id);
		Mono<Void> delivered;
		if (department.members().isEmpty()) {
			delivered = Mono.fromRunnable(() -> logger.info(
					"Department {} has no members in the organization file: digest {} is archived, not emailed",
					department.id(), id));
		}
		else {
			delivered = this.delivery.deliver(department.members(), rendered);
		}
		return delivered
			.then(Mono.fromCallable(() -> new ArchivedDigest(id, kind, department.id(), department.name(),
					ArchivedDigest.Period.of(digest.period()), this.clock.instant(),
					ArchivedDigest.Recipients.of(department.members()), rendered.subject(), rendered.html(),
					rendered.text(), digest.figures())))
			.flatMap(this.archive::save)
			.doOnNext((archived) -> logger.info("Sent and archived digest {} ({} of {}, {} mentions, {} recipient(s))",
					archived.id(), archived.kind(), archived.departmentId(), archived.figures().total(),
					archived.recipients().count()));
	}

}
