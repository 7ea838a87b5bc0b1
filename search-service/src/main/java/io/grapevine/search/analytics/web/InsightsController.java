package io.grapevine.search.analytics.web;

import java.time.Duration;
import java.util.List;

import io.grapevine.listening.organization.Organization;
import io.grapevine.search.analytics.NewVoices;
import io.grapevine.search.analytics.RisingTerms;
import io.grapevine.search.analytics.StopWords;
import io.grapevine.search.analytics.SummaryQuery;
import io.grapevine.search.analytics.WaitingMentions;
import io.grapevine.search.analytics.elasticsearch.NewVoicesSearch;
import io.grapevine.search.analytics.elasticsearch.RisingTermsSearch;
import io.grapevine.search.analytics.elasticsearch.WaitingSearch;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.web.InvalidParameterException;
import io.grapevine.search.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What is new in a time range, for digests: new voices, rising terms, and the mentions
 * that wait for an answer.
 */
@RestController
class InsightsController {

	private static final Duration DEFAULT_RANGE = Duration.ofDays(1);

	private final NewVoicesSearch newVoices;

	private final RisingTermsSearch risingTerms;

	private final WaitingSearch waiting;

	private final Organization organization;

	InsightsController(NewVoicesSearch newVoices, RisingTermsSearch risingTerms, WaitingSearch waiting,
			Organization organization) {
		this.newVoices = newVoices;
		this.risingTerms = risingTerms;
		this.waiting = waiting;
		this.organization = organization;
	}

	@GetMapping("/api/analytics/new-voices")
	@Operation(summary = "Authors heard for the first time in a time range",
			description = "Authors with mentions in the range and none earlier on the same source (within the "
					+ "retention window), widest reach first, each with their widest-reaching mention. Defaults to "
					+ "the last day.")
	Mono<NewVoices> newVoices(
			@Parameter(description = "ISO-8601 instant, inclusive; default 1 day before 'to'") @RequestParam(
					required = false) String from,
			@Parameter(description = "ISO-8601 instant, exclusive; default now") @RequestParam(
					required = false) String to,
			@RequestParam(required = false) List<String> department, @RequestParam(required = false) List<String> topic,
			@RequestParam(required = false) List<String> source,
			@Parameter(description = "the least reach a new voice must have, default 0") @RequestParam(
					required = false) String minReach,
			@Parameter(description = "1 to 50, default 5") @RequestParam(required = false) String size) {
		MentionFilter filter = filter(from, to, department, topic, source);
		double least = reach(minReach);
		int count = QueryParameters.integer("size", size, 1, SummaryQuery.MAX_TOP, 5);
		return this.newVoices.find(filter, least, count);
	}

	@GetMapping("/api/analytics/rising-terms")
	@Operation(summary = "Words said much more than usual in a time range",
			description = "Words of the mentions in the range said significantly more than their own rate over the "
					+ "'periods' periods of the same length before it predicts (a Poisson test), most significant first "
					+ "(Elasticsearch's JLH score against the range and those periods), leaving out stop-words and the "
					+ "words of the topics' keywords. Defaults to the last day.")
	Mono<RisingTerms> risingTerms(
			@Parameter(description = "ISO-8601 instant, inclusive; default 1 day before 'to'") @RequestParam(
					required = false) String from,
			@Parameter(description = "ISO-8601 instant, exclusive; default now") @RequestParam(
					required = false) String to,
			@RequestParam(required = false) List<String> department, @RequestParam(required = false) List<String> topic,
			@RequestParam(required = false) List<String> source,
			@Parameter(
					description = "earlier periods of the same length to compare with, 1 to 12, default 4") @RequestParam(
							required = false) String periods,
			@Parameter(description = "mentions of the range a word must be in, 1 to 1000, default 3") @RequestParam(
					required = false) String minCount,
			@Parameter(description = "1 to 50, default 10") @RequestParam(required = false) String size) {
		MentionFilter filter = filter(from, to, department, topic, source);
		int earlier = QueryParameters.integer("periods", periods, 1, 12, 4);
		int least = QueryParameters.integer("minCount", minCount, 1, 1000, 3);
		int count = QueryParameters.integer("size", size, 1, SummaryQuery.MAX_TOP, 10);
		return this.risingTerms.find(filter, earlier, least, StopWords.excluded(this.organization.topics()), count);
	}

	@GetMapping("/api/analytics/waiting")
	@Operation(summary = "Questions and negative mentions nobody has answered yet",
			description = "Mentions in the range that ask something or are negative and whose handling is neither "
					+ "answered nor dismissed, widest reach first, one per cluster of near-duplicates with its number "
					+ "of copies. Defaults to the last day.")
	Mono<WaitingMentions> waiting(
			@Parameter(description = "ISO-8601 instant, inclusive; default 1 day before 'to'") @RequestParam(
					required = false) String from,
			@Parameter(description = "ISO-8601 instant, exclusive; default now") @RequestParam(
					required = false) String to,
			@RequestParam(required = false) List<String> department, @RequestParam(required = false) List<String> topic,
			@RequestParam(required = false) List<String> source,
			@Parameter(description = "1 to 50, default 5") @RequestParam(required = false) String size) {
		MentionFilter filter = filter(from, to, department, topic, source);
		int count = QueryParameters.integer("size", size, 1, SummaryQuery.MAX_TOP, 5);
		return this.waiting.find(filter, count);
	}

	private MentionFilter filter(String from, String to, List<String> department, List<String> topic,
			List<String> source) {
		return TimeRange.read(from, to, DEFAULT_RANGE).filter(source, List.of(), topic, department);
	}

	private static double reach(String value) {
		if (value == null || value.isBlank()) {
			return 0;
		}
		try {
			double reach = Double.parseDouble(value.strip());
			if (reach >= 0 && Double.isFinite(reach)) {
				return reach;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new InvalidParameterException("minReach",
				"'minReach' must be a number of 0 or more, was '" + value + "'");
	}

}
