package io.grapevine.search.executive.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.grapevine.listening.organization.Organization;
import io.grapevine.search.executive.ExecutiveQuery;
import io.grapevine.search.executive.ExecutiveView;
import io.grapevine.search.executive.elasticsearch.ExecutiveSearch;
import io.grapevine.search.web.InvalidParameterException;
import io.grapevine.search.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the executive view of a period.
 */
@RestController
class ExecutiveController {

	/** The longest period read at once. */
	static final Duration MAX_RANGE = Duration.ofDays(3660);

	private static final Duration DEFAULT_RANGE = Duration.ofDays(30);

	private final ExecutiveSearch search;

	private final Organization organization;

	ExecutiveController(ExecutiveSearch search, Organization organization) {
		this.search = search;
		this.organization = organization;
	}

	@GetMapping("/api/analytics/executive")
	@Operation(summary = "The organization's standing over a period, for executives",
			description = "Headline figures (volume, audience, net sentiment, share of voice, answered share, median "
					+ "time to answer) against the period before and the same period a year before; the timeline "
					+ "(days up to two months, weeks up to half a year, months beyond) of volume, sentiment, share of "
					+ "voice, what the organization said and what was answered; spikes; top stories; departments side "
					+ "by side; and return on attention by network and department. Defaults to the last 30 days.")
	Mono<ExecutiveView> executive(
			@Parameter(description = "ISO-8601 instant, inclusive; default 30 days before 'to'") @RequestParam(
					required = false) String from,
			@Parameter(description = "ISO-8601 instant, exclusive; default now") @RequestParam(
					required = false) String to,
			@Parameter(description = "time zone of the timeline's days, default UTC") @RequestParam(
					required = false) String zone,
			@Parameter(description = "a department id, to read its part alone") @RequestParam(
					required = false) String department) {
		Instant end = QueryParameters.instant("to", to).orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS));
		Instant start = QueryParameters.instant("from", from).orElseGet(() -> end.minus(DEFAULT_RANGE));
		if (!start.isBefore(end)) {
			throw new InvalidParameterException("from", "'from' (" + start + ") must be before 'to' (" + end + ")");
		}
		if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
			throw new InvalidParameterException("from",
					"the range from 'from' to 'to' may span at most " + MAX_RANGE.toDays() + " days");
		}
		ZoneId zoneId = QueryParameters.zone("zone", zone);
		Optional<String> chosen = Optional.ofNullable(department).map(String::strip).filter((id) -> !id.isEmpty());
		if (chosen.isPresent() && this.organization.department(chosen.get()).isEmpty()) {
			throw new InvalidParameterException("department",
					"'department' must be a department id, was '" + chosen.get() + "'");
		}
		return this.search.read(new ExecutiveQuery(start, end, zoneId, chosen));
	}

}
