package io.grapevine.search.analytics.web;

import java.time.Duration;

import io.grapevine.search.analytics.ShareOfVoice;
import io.grapevine.search.analytics.elasticsearch.ShareOfVoiceSearch;
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
		TimeRange range = TimeRange.read(from, to, DEFAULT_RANGE);
		return this.search.shareOfVoice(range.from(), range.to());
	}

}
