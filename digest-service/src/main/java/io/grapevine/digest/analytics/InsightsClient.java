package io.grapevine.digest.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.BoardFigures;
import io.grapevine.digest.composition.BoardMonth;
import io.grapevine.digest.composition.SavedSearch;
import io.grapevine.digest.composition.sections.SearchAnswers;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Competitor;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Asks search-service what a digest's sections show: the mentions of widest reach
 * ({@code GET /api/mentions}), new voices, rising terms, what waits for an answer
 * ({@code GET /api/analytics/...}), how answering goes
 * ({@code GET /api/handling/summary}) and the daily volume of the chart; and what the
 * board's sections show: the share of voice ({@code GET /api/analytics/share-of-voice})
 * and each department's month. Every answer is read as a record of {@link SearchAnswers}.
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
	public Mono<SearchAnswers.ReachedMentions> widestReach(Optional<String> department, Period period, int size) {
		return this.client.read(
				(uri) -> uri.path("/api/mentions")
					.queryParamIfPresent("department", department)
					.queryParam("from", period.from().toString())
					.queryParam("to", period.to().toString())
					.queryParam("sort", "reach")
					.queryParam("collapse", true)
					// What the organization's own accounts post never matters most.
					.queryParam("owned", false)
					.queryParam("size", size)
					.build(),
				SearchAnswers.ReachedMentions.class, "mentions of widest reach" + of(department, period), false);
	}

	/**
	 * The mentions a saved search finds in a period, widest reach first, one per cluster
	 * of near-duplicates: its query and filters as {@code /api/mentions} parameters.
	 * @param search the saved search
	 * @param period the period
	 * @param size how many (1..100)
	 * @return the page, whose total counts every match
	 */
	public Mono<SearchAnswers.ReachedMentions> savedSearch(SavedSearch search, Period period, int size) {
		SavedSearch.Filters filters = search.filters();
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (!search.query().isEmpty()) {
			parameters.put("q", List.of(search.query()));
		}
		parameters.put("department", filters.department());
		parameters.put("topic", filters.topic());
		parameters.put("source", filters.source());
		parameters.put("language", filters.language());
		parameters.put("sentiment", filters.sentiment());
		parameters.put("competitor", filters.competitor());
		filters.owned().ifPresent((owned) -> parameters.put("owned", List.of(owned.toString())));
		filters.question().ifPresent((question) -> parameters.put("question", List.of(question.toString())));
		filters.minReach().ifPresent((reach) -> parameters.put("minReach", List.of(reach.toString())));
		// Written people's way, a query holds characters a URI template reads otherwise
		// ('{', '+'), so every value goes in as a variable, encoded whole.
		return this.client.read((uri) -> {
			Map<String, Object> variables = new LinkedHashMap<>();
			uri.path("/api/mentions");
			parameters.forEach((name, values) -> {
				for (String value : values) {
					String variable = "v" + variables.size();
					variables.put(variable, value);
					uri.queryParam(name, "{" + variable + "}");
				}
			});
			return uri.queryParam("from", period.from().toString())
				.queryParam("to", period.to().toString())
				.queryParam("sort", "reach")
				.queryParam("collapse", true)
				.queryParam("size", size)
				.build(variables);
		}, SearchAnswers.ReachedMentions.class, "matches of the saved search '" + search.name() + "' (" + search.id()
				+ ") for " + period.label() + " (" + period.zone() + ")", false);
	}

	/**
	 * The authors heard for the first time in a period.
	 * @param department the department, or empty for the whole organization
	 * @param period the period
	 * @param size how many (1..50)
	 * @return the new voices
	 */
	public Mono<SearchAnswers.NewVoices> newVoices(Optional<String> department, Period period, int size) {
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
	public Mono<SearchAnswers.RisingTerms> risingTerms(Optional<String> department, Period period, int size) {
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
	public Mono<SearchAnswers.Waiting> waiting(Optional<String> department, Period period, int size) {
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
	public Mono<SearchAnswers.Handling> handling(Optional<String> department, Period period) {
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

	/**
	 * Read what the board's digest of a month is made of: the share of voice, then each
	 * department's mentions and sentiment, one call after the other.
	 * @param organization the organization
	 * @param period the month
	 * @return the month; fails with {@link AnalyticsUnavailableException} or
	 * {@link AnalyticsFailedException}
	 */
	public Mono<BoardMonth> month(Organization organization, Period period) {
		Mono<SearchAnswers.ShareOfVoice> shareOfVoice = this.client
			.read((uri) -> uri.path("/api/analytics/share-of-voice")
				.queryParam("from", period.from().toString())
				.queryParam("to", period.to().toString())
				.build(), SearchAnswers.ShareOfVoice.class, "share of voice for " + period.label(), false);
		Mono<Map<String, BoardMonth.Count>> departments = Flux.fromIterable(organization.departments())
			.concatMap((department) -> this.client
				.read((uri) -> uri.path("/api/analytics/summary")
					.queryParam("department", department.id())
					.queryParam("from", period.from().toString())
					.queryParam("to", period.to().toString())
					.queryParam("zone", period.zone().getId())
					.queryParam("top", 1)
					.build(), SearchAnswers.Felt.class, "analytics of " + department.id() + " for " + period.label(),
						false)
				.map((felt) -> Map.entry(department.id(),
						new BoardMonth.Count(felt.total(), sentiment(felt.sentiment())))))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		return shareOfVoice.flatMap((voices) -> departments.map((counts) -> {
			Map<String, BoardMonth.Count> competitors = new HashMap<>();
			for (SearchAnswers.ShareOfVoice.Voice voice : voices.competitors()) {
				if (!voice.id().isEmpty()) {
					competitors.put(voice.id(), count(voice));
				}
			}
			for (Competitor competitor : organization.competitors()) {
				competitors.putIfAbsent(competitor.id(), BoardMonth.Count.NONE);
			}
			return new BoardMonth(count(voices.organization()), competitors, counts);
		}));
	}

	/**
	 * Read the organization's mentions of a period with the widest reach: those tagged
	 * with any department, none of its own posts.
	 * @param organization the organization
	 * @param period the period
	 * @param size how many (1..100)
	 * @return the mentions, widest reach first
	 */
	public Mono<List<Mention>> widestReach(Organization organization, Period period, int size) {
		if (organization.departments().isEmpty()) {
			return Mono.just(List.of());
		}
		return this.client
			.read((uri) -> uri.path("/api/mentions")
				.queryParam("from", period.from().toString())
				.queryParam("to", period.to().toString())
				.queryParam("sort", "reach")
				.queryParam("owned", false)
				.queryParam("size", size)
				.queryParam("department", organization.departments().stream().map(Department::id).toArray())
				.build(), SearchAnswers.ReachedMentions.class, "widest-reaching mentions of " + period.label(), false)
			.map((page) -> page.mentions().stream().map(SearchAnswers.ReachedMentions.Found::mention).toList());
	}

	private static BoardMonth.Count count(SearchAnswers.ShareOfVoice.Voice voice) {
		return new BoardMonth.Count(voice.mentions(), sentiment(voice.sentiment()));
	}

	private static BoardFigures.Sentiment sentiment(SearchAnswers.Split split) {
		return new BoardFigures.Sentiment(split.positive(), split.negative(), split.neutral(), split.averageScore());
	}

	private static String of(Optional<String> department, Period period) {
		return " of " + department.orElse("the whole organization") + " for " + period.label() + " (" + period.zone()
				+ ")";
	}

}
