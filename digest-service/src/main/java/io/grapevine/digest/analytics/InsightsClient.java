package io.grapevine.digest.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import io.grapevine.digest.composition.DigestPeriod;
import io.grapevine.digest.composition.sections.SearchAnswers;
import reactor.core.publisher.Mono;

/**
 * Asks search-service what a digest's sections show: the mentions of widest reach
 * ({@code GET /api/mentions}), new voices, rising terms, what waits for an answer
 * ({@code GET /api/analytics/...}), how answering goes
 * ({@code GET /api/handling/summary}) and the daily volume of the chart.
 */
public class InsightsClient {

	private final AnalyticsClient client;

	/**
	 * Create a client.
	 * @param client the analytics client whose connection and error handling it shares
	 */
	public InsightsClient(AnalyticsClient client) {
		this.client = client;
	}

	/**
	 * The mentions of a period, widest reach first, one per cluster of near-duplicates.
	 * @param department the department, or empty for the whole organization
	 * @param period the period
	 * @param size how many (1..100)
	 * @return the page
	 */
	public Mono<SearchAnswers.ReachedMentions> widestReach(Optional<String> department, DigestPeriod period, int size) {
		return this.client.read(
				(uri) -> uri.path("/api/mentions")
					.queryParamIfPresent("department", department)
					.queryParam("from", period.from().toString())
					.queryParam("to", period.to().toString())
					.queryParam("sort", "reach")
					.queryParam("collapse", true)
					.queryParam("size", size)
					.build(),
				SearchAnswers.ReachedMentions.class, "mentions of widest reach" + of(department, period), false);
	}

	/**
	 * The authors heard for the first time in a period.
	 * @param department the department, or empty for the whole organization
	 * @param period the period
	 * @param size how many (1..50)
	 * @return the new voices
	 */
	public Mono<SearchAnswers.NewVoices> newVoices(Optional<String> department, DigestPeriod period, int size) {
		return this.client.read((uri) -> uri.path("/api/analytics/new-voices")
			.queryParamIfPresent("department", department)
			.queryParam("from", period.from().toString())
			.queryParam("to", period.to().toString())
			.queryParam("size", size)
			.build(), SearchAnswers.NewVoices.class, "new voices" + of(department, period), false);
	}

	/**
	 * The words said more than usual in a period.
	 * @param department the department, or empty for the whole organization
	 * @param period the period
	 * @param size how many (1..50)
	 * @return the rising terms
	 */
	public Mono<SearchAnswers.RisingTerms> risingTerms(Optional<String> department, DigestPeriod period, int size) {
		return this.client.read((uri) -> uri.path("/api/analytics/rising-terms")
			.queryParamIfPresent("department", department)
			.queryParam("from", period.from().toString())
			.queryParam("to", period.to().toString())
			.queryParam("size", size)
			.build(), SearchAnswers.RisingTerms.class, "rising terms" + of(department, period), false);
	}

	/**
	 * The questions and negative mentions of a period that nobody has answered.
	 * @param department the department, or empty for the whole organization
	 * @param period the period
	 * @param size how many (1..50)
	 * @return the waiting mentions
	 */
	public Mono<SearchAnswers.Waiting> waiting(Optional<String> department, DigestPeriod period, int size) {
		return this.client.read(
				(uri) -> uri.path("/api/analytics/waiting")
					.queryParamIfPresent("department", department)
					.queryParam("from", period.from().toString())
					.queryParam("to", period.to().toString())
					.queryParam("size", size)
					.build(),
				SearchAnswers.Waiting.class, "mentions waiting for an answer" + of(department, period), false);
	}

	/**
	 * How answering went in a period; empty when search-service does not track handling.
	 * @param department the department, or empty for the whole organization
	 * @param period the period
	 * @return the handling summary, if any
	 */
	public Mono<SearchAnswers.Handling> handling(Optional<String> department, DigestPeriod period) {
		return this.client.read((uri) -> uri.path("/api/handling/summary")
			.queryParamIfPresent("department", department)
			.queryParam("from", period.from().toString())
			.queryParam("to", period.to().toString())
			.build(), SearchAnswers.Handling.class, "handling summary" + of(department, period), true);
	}

	/**
	 * Mentions per local day over a range, of those a listening query matches.
	 * @param department the department, or empty for the whole organization
	 * @param query a listening query ({@code sentiment:negative}), if any
	 * @param from start of the range
	 * @param to end of the range
	 * @param zone the zone of the days
	 * @return the daily volume
	 */
	public Mono<SearchAnswers.DailyVolume> dailyVolume(Optional<String> department, Optional<String> query,
			Instant from, Instant to, ZoneId zone) {
		return this.client.read(
				(uri) -> uri.path("/api/analytics/summary")
					.queryParamIfPresent("department", department)
					.queryParamIfPresent("q", query)
					.queryParam("from", from.toString())
					.queryParam("to", to.toString())
					.queryParam("zone", zone.getId())
					.queryParam("top", 1)
					.build(),
				SearchAnswers.DailyVolume.class, "daily volume of " + department.orElse("the whole organization")
						+ query.map((q) -> " matching " + q).orElse("") + " from " + from + " to " + to,
				false);
	}

	private static String of(Optional<String> department, DigestPeriod period) {
		return " of " + department.orElse("the whole organization") + " for " + period.label() + " (" + period.zone()
				+ ")";
	}

}
