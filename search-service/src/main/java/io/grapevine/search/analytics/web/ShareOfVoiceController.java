package io.grapevine.search.analytics.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.grapevine.search.analytics.ShareOfVoice;
import io.grapevine.search.analytics.SummaryQuery;
import io.grapevine.search.analytics.elasticsearch.ShareOfVoiceSearch;
import io.grapevine.search.web.InvalidParameterException;
import io.grapevine.search.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers how much of what was said was about the organization and how much about each
 * competitor.
 */
@RestController
class ShareOfVoiceController {

	private static final Duration DEFAULT_RANGE = Duration.ofDays(30);

	private final ShareOfVoiceSearch search;

	private final Clock clock = Clock.systemUTC();

	ShareOfVoiceController(ShareOfVoiceSearch search) {
		this.search = search;
	}

	@GetMapping("/api/analytics/share-of-voice")
	@Operation(summary = "Share of voice against the competitors over a time range",
			description = "The organization's mentions (those of any topic) and each competitor's (those tagged "
					+ "with it), each with its share of all of them and its sentiment split. Defaults to the "
					+ "last 30 days.")
	Mono<ShareOfVoice> shareOfVoice(
			@Parameter(description = "ISO-8601 instant, inclusive; default 30 days before 'to'") @RequestParam(
					required = false) String from,
			@Parameter(description = "ISO-8601 instant, exclusive; default now") @RequestParam(
					required = false) String to) {
		Optional<Instant> start = QueryParameters.instant("from", from);
		Instant end = QueryParameters.instant("to", to)
			.orElseGet(() -> this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
		Instant begin = start.orElseGet(() -> end.minus(DEFAULT_RANGE));
		QueryParameters.requireOrdered(Optional.of(begin), Optional.of(end));
		if (Duration.between(begin, end).compareTo(SummaryQuery.MAX_RANGE) > 0) {
			throw new InvalidParameterException("from",
					"the range from 'from' to 'to' may span at most " + SummaryQuery.MAX_RANGE.toDays() + " days");
		}
		return this.search.shareOfVoice(begin, end);
	}

}
