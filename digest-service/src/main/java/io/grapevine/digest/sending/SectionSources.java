package io.grapevine.digest.sending;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

import io.grapevine.digest.alerting.Alert;
import io.grapevine.digest.analytics.InsightsClient;
import io.grapevine.digest.composition.AnalyticsSummary;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.sections.DigestSections;
import io.grapevine.digest.composition.sections.SearchAnswers;
import io.grapevine.digest.composition.sections.SearchLinks;
import io.grapevine.digest.composition.sections.SectionsComposer;
import io.grapevine.digest.composition.sections.Spike;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;

/**
 * Reads what a digest's sections show from search-service and the alert archive, and
 * composes the sections.
 */
public class SectionSources {

	private static final Logger logger = LoggerFactory.getLogger(SectionSources.class);

	/** How many rising terms a digest lists. */
	static final int RISING_TERMS = 8;

	/** How many days of a daily digest's chart: two weeks, the day itself last. */
	static final int DAILY_CHART_DAYS = 14;

	/** How many weeks of a weekly digest's chart, the week itself last. */
	static final int WEEKLY_CHART_WEEKS = 4;

	private final InsightsClient insights;

	private final URI dashboard;

	private final Supplier<Mono<List<Alert>>> alerts;

	/**
	 * Create the sources.
	 * @param insights the client of search-service's insights
	 * @param dashboard the search dashboard the items link to
	 * @param alerts the latest alerts of the archive, or nothing when alerts are off
	 */
	public SectionSources(InsightsClient insights, URI dashboard, Supplier<Mono<List<Alert>>> alerts) {
		this.insights = insights;
		this.dashboard = dashboard;
		this.alerts = alerts;
	}

	/**
	 * Read and compose the sections of a digest.
	 * @param organization the organization
	 * @param department the department, or empty for the all-staff digest
	 * @param period the period
	 * @param size how many items each list shows at most
	 * @return the sections
	 */
	public Mono<DigestSections> read(Organization organization, Optional<Department> department, Period period,
			int size) {
		return read(organization, department, period, size, AnalyticsSummary.Said.NOTHING);
	}

	/**
	 * Read the sections of a digest, its handling line saying what the organization
	 * posted in the period.
	 * @param organization the organization
	 * @param department the department, or empty for the all-staff digest
	 * @param period the period
	 * @param size how many items each list shows at most
	 * @param said what the organization's own accounts posted in the period
	 * @return the sections
	 */
	public Mono<DigestSections> read(Organization organization, Optional<Department> department, Period period,
			int size, AnalyticsSummary.Said said) {
		Optional<String> id = department.map(Department::id);
		SearchLinks links = SectionsComposer.links(this.dashboard, id, period);
		Instant chartFrom = chartStart(period);
		// One request answers both series of the chart; a search-service that does not
		// count each day's negative mentions is asked for them apart.
		Mono<Tuple2<SearchAnswers.DailyVolume, SearchAnswers.DailyVolume>> chart = this.insights
			.dailyVolume(id, Optional.empty(), chartFrom, period.to(), period.zone())
			.flatMap((all) -> all.negatives()
				.map((negative) -> Mono.just(Tuples.of(all, negative)))
				.orElseGet(() -> this.insights
					.dailyVolume(id, Optional.of("sentiment:negative"), chartFrom, period.to(), period.zone())
					.map((negative) -> Tuples.of(all, negative))));
		Mono<Optional<SearchAnswers.Handling>> handling = this.insights.handling(id, period)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		Mono<List<Spike>> spikes = this.alerts.get()
			.map((alerts) -> alerts.stream().map(Alert::spike).toList())
			.onErrorResume((ex) -> {
				logger.warn("The digest of {} for {} lists no spikes: the alert archive cannot be read: {}",
						id.orElse("all staff"), period.label(), ex.getMessage());
				return Mono.just(List.of());
			});
		return Mono
			.zip(chart, this.insights.widestReach(id, period, size), this.insights.newVoices(id, period, size),
					this.insights.risingTerms(id, period, RISING_TERMS), this.insights.waiting(id, period, size),
					handling, spikes)
			.map((answers) -> new DigestSections(
					Optional.of(SectionsComposer.volume(period, answers.getT1().getT1(), answers.getT1().getT2())),
					SectionsComposer.mattersMost(answers.getT2(), period, links, size),
					SectionsComposer.newVoices(answers.getT3(), period, links, size),
					SectionsComposer.risingTerms(answers.getT4(), links, RISING_TERMS),
					SectionsComposer.spikes(answers.getT7(), organization, department, period, links)
						.stream()
						.limit(size)
						.toList(),
					SectionsComposer.waiting(answers.getT5(), period, links, size), answers.getT5().total(),
					answers.getT6().map((queue) -> SectionsComposer.handling(queue, said))));
	}

	static Instant chartStart(Period period) {
		if (period.rhythm() == Period.Rhythm.WEEKLY) {
			return period.day().minusWeeks(WEEKLY_CHART_WEEKS - 1).atStartOfDay(period.zone()).toInstant();
		}
		return period.day().minusDays(DAILY_CHART_DAYS - 1).atStartOfDay(period.zone()).toInstant();
	}

}
