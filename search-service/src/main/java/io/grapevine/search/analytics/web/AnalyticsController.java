package io.grapevine.search.analytics.web;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.search.analytics.Summary;
import io.grapevine.search.analytics.SummaryQuery;
import io.grapevine.search.analytics.elasticsearch.SummarySearch;
import io.grapevine.listening.organization.Organization;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.mentions.web.MentionSearchParameters;
import io.grapevine.search.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Summarizes the mentions of a time range for dashboards and digests.
 */
@RestController
class AnalyticsController {

	private static final Duration DEFAULT_RANGE = Duration.ofDays(7);

	private final SummarySearch search;

	private final Organization organization;

	AnalyticsController(SummarySearch search, Organization organization) {
		this.search = search;
		this.organization = organization;
	}

	@GetMapping("/api/analytics/summary")
	@Operation(summary = "Summarize mentions over a time range",
			description = "Volume by day in the given zone (empty days as 0), counts by source, topic and language, "
					+ "top authors, and top mentions by engagement then followers, of the mentions 'q' matches (all "
					+ "when absent). Defaults to the last 7 days.")
	Mono<Summary> summary(
			@Parameter(description = "a query in the listening query language: words (every one must appear), "
					+ "\"phrases\", \"words near each other\"~5, prefix*, OR, NOT or -, parentheses, #hashtag, @handle "
					+ "and the fields lang:, source:, author:, topic:, site:, sentiment:, is: (repost, quote, crosspost) "
					+ "and repost-of: (a mention id); e.g. \"food bank\"~5 OR volunteer* -spam lang:es. "
					+ "A query that cannot be parsed is answered 400 with its position") @RequestParam(
							required = false) String q,
			@Parameter(description = "ISO-8601 instant, inclusive; default 7 days before 'to'") @RequestParam(
					required = false) String from,
			@Parameter(description = "ISO-8601 instant, exclusive; default now") @RequestParam(
					required = false) String to,
			@Parameter(description = "time zone of the daily buckets, default UTC") @RequestParam(
					required = false) String zone,
			@RequestParam(required = false) List<String> topic, @RequestParam(required = false) List<String> department,
			@RequestParam(required = false) List<String> source, @RequestParam(required = false) List<String> language,
			@Parameter(description = "positive, negative or neutral") @RequestParam(
					required = false) List<String> sentiment,
			@Parameter(description = "competitor ids") @RequestParam(required = false) List<String> competitor,
			@Parameter(
					description = "true for the organization's own posts only, false for what others said") @RequestParam(
							required = false) String owned,
			@Parameter(description = "true for mentions that ask, false for the others") @RequestParam(
					required = false) String question,
			@Parameter(description = "the least reach, 0 to 20") @RequestParam(required = false) String minReach,
			@Parameter(description = "1 to 50, default 10") @RequestParam(required = false) String top) {
		Optional<ListeningQuery> text = QueryParameters.listeningQuery("q", q);
		TimeRange range = TimeRange.read(from, to, DEFAULT_RANGE);
		ZoneId zoneId = QueryParameters.zone("zone", zone);
		int topCount = QueryParameters.integer("top", top, 1, SummaryQuery.MAX_TOP, 10);
		// The filters of the mention search, so a chart and the list under it count the
		// same mentions.
		MentionFilter filter = new MentionSearchParameters(null, null, null, source, language, topic, department,
				sentiment, competitor, owned, question, minReach, null)
			.filter(this.organization)
			.between(Optional.of(range.from()), Optional.of(range.to()));
		return this.search.summarize(new SummaryQuery(filter, text, zoneId, topCount));
	}

}
