package io.grapevine.digest.sending;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.grapevine.digest.analytics.AnalyticsClient;
import io.grapevine.digest.analytics.InsightsClient;
import io.grapevine.digest.archive.ArchivedDigest;
import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.AnalyticsSummary;
import io.grapevine.digest.composition.Digest;
import io.grapevine.digest.composition.DigestComposer;
import io.grapevine.digest.composition.sections.DigestSections;
import io.grapevine.digest.composition.sections.VolumeAndSentiment;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;

/**
 * Composes the digest of any audience and period from search-service's answers, as the
 * sender sends it and the schedule asks for it: a department's, all staff's, the board's,
 * a saved search's subscriber's.
 */
public class DigestComposition {

	private final Organization organization;

	private final AnalyticsClient analytics;

	private final InsightsClient insights;

	private final int topMentions;

	private final Optional<SectionSources> sections;

	private final Optional<SavedSearchSources> savedSearches;

	/**
	 * Create the composition.
	 * @param organization the organization
	 * @param analytics the analytics client
	 * @param topMentions how many mentions each list shows at most
	 * @param sections what the sections are read from, or empty for digests of the
	 * summary alone
	 * @param savedSearches what a subscriber's matches are read from, or empty when saved
	 * searches are not sent
	 */
	public DigestComposition(Organization organization, AnalyticsClient analytics, int topMentions,
			Optional<SectionSources> sections, Optional<SavedSearchSources> savedSearches) {
		this.organization = organization;
		this.analytics = analytics;
		this.insights = new InsightsClient(analytics);
		this.topMentions = topMentions;
		this.sections = sections;
		this.savedSearches = savedSearches;
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
			return composeDepartment(department.settings(), period);
		}
		if (audience instanceof Audience.Subscriber subscriber) {
			return this.savedSearches
				.map((sources) -> sources.read(subscriber, period)
					.map((matches) -> Digest.of(this.organization.name(), matches)))
				.orElseGet(() -> Mono.error(new IllegalStateException(
						"this digest-service sends no saved searches: it was made without their sources")));
		}
		return Mono.error(new IllegalArgumentException("no digest is composed for " + audience.id()));
	}

	// The chart of the sections covers the period before, so its total is read from the
	// chart's days rather than from a second summary of that period: the same mentions
	// (the department's, the organization's own posts included) in the same zone's days.
	private Mono<Digest> composeDepartment(Department department, Period period) {
		Mono<AnalyticsSummary> current = this.analytics.summary(department.id(), period, this.topMentions);
		if (this.sections.isEmpty()) {
			return current.zipWhen((summary) -> this.analytics.summary(department.id(), period.previous(), 1))
				.map((summaries) -> DigestComposer.compose(this.organization, department, period, summaries.getT1(),
						summaries.getT2().total(), this.topMentions));
		}
		SectionSources sources = this.sections.get();
		return current.flatMap((summary) -> sources
			.read(this.organization, Optional.of(department), period, this.topMentions, summary.said())
			.flatMap((sections) -> previousTotal(department, period, sections).map((before) -> DigestComposer
				.compose(this.organization, department, period, summary, before, this.topMentions)
				.withSections(sections))));
	}

	private Mono<Long> previousTotal(Department department, Period period, DigestSections sections) {
		return sections.volume()
			.map(VolumeAndSentiment::previousTotal)
			.map(Mono::just)
			.orElseGet(
					() -> this.analytics.summary(department.id(), period.previous(), 1).map(AnalyticsSummary::total));
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

}
