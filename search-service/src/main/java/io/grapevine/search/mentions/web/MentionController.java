package io.grapevine.search.mentions.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.search.handling.HandlingFilter;
import io.grapevine.search.handling.HandlingState;
import io.grapevine.search.mentions.Cursor;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.mentions.MentionPage;
import io.grapevine.search.mentions.MentionQuery;
import io.grapevine.search.mentions.MentionQuery.Order;
import io.grapevine.search.mentions.elasticsearch.MentionSearch;
import io.grapevine.search.web.InvalidParameterException;
import io.grapevine.search.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Searches mentions by a listening query and filters, newest or widest reach first, a
 * page at a time, optionally showing each cluster of near-duplicates once.
 */
@RestController
class MentionController {

	private final MentionSearch search;

	private final Organization organization;

	MentionController(MentionSearch search, Organization organization) {
		this.search = search;
		this.organization = organization;
	}

	@GetMapping("/api/mentions")
	@Operation(summary = "Search mentions, newest or widest reach first, optionally one per cluster of copies",
			description = "'q' is a listening query matched against the text; the time range "
					+ "includes 'from' and excludes 'to'. Pass 'nextCursor' back as 'cursor' for the next page.")
	Mono<MentionPage> mentions(
			@Parameter(description = "a query in the listening query language: words (every one must appear), "
					+ "\"phrases\", \"words near each other\"~5, prefix*, OR, NOT or -, parentheses, #hashtag, @handle "
					+ "and the fields lang:, source:, author:, topic:, site:, sentiment:; e.g. \"food bank\"~5 OR volunteer* -spam lang:es. "
					+ "A query that cannot be parsed is answered 400 with its position") @RequestParam(
							required = false) String q,
			@Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) String from,
			@Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) String to,
			@RequestParam(required = false) List<String> source, @RequestParam(required = false) List<String> language,
			@RequestParam(required = false) List<String> topic, @RequestParam(required = false) List<String> department,
			@Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String size,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(description = "newest (default) or reach: widest reach first, then newest") @RequestParam(
					required = false) String sort,
			@Parameter(
					description = "true to show each cluster of near-duplicates once, with its number of copies") @RequestParam(
							required = false) String collapse,
			@Parameter(description = "open (waiting for an answer: open, assigned, escalated or reopened), assigned, "
					+ "answered, escalated, dismissed or reopened; with it, 'department' selects the department that "
					+ "holds the mention rather than its tags") @RequestParam(required = false) String handling) {
		Optional<ListeningQuery> text = QueryParameters.listeningQuery("q", q);
		Optional<Instant> start = QueryParameters.instant("from", from);
		Optional<Instant> end = QueryParameters.instant("to", to);
		QueryParameters.requireOrdered(start, end);
		List<String> departments = QueryParameters.values(department);
		Optional<HandlingFilter> byHandling = handling(handling, departments);
		MentionFilter filter = new MentionFilter(start, end, QueryParameters.values(source),
				QueryParameters.values(language), QueryParameters.values(topic),
				byHandling.isPresent() ? List.of() : departments, byHandling);
		int pageSize = QueryParameters.integer("size", size, 1, MentionQuery.MAX_SIZE, MentionQuery.DEFAULT_SIZE);
		Order order = order(sort);
		boolean folded = flag("collapse", collapse);
		Optional<Cursor> after = QueryParameters.cursor(cursor);
		try {
			return this.search.search(new MentionQuery(text, filter, pageSize, after, order, folded));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("cursor",
					"'cursor' belongs to a search with another 'sort' or 'collapse'; start again without it");
		}
	}

	private Optional<HandlingFilter> handling(String value, List<String> departments) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		Set<HandlingState> states = HandlingFilter.states(value)
			.orElseThrow(() -> new InvalidParameterException("handling",
					"'handling' must be open, assigned, answered, escalated, dismissed or reopened, was '" + value
							+ "'"));
		if (departments.size() > 1) {
			throw new InvalidParameterException("department", "With 'handling', give at most one 'department'");
		}
		Optional<String> holder = departments.stream().findFirst();
		if (holder.isPresent() && this.organization.department(holder.get()).isEmpty()) {
			throw new InvalidParameterException("department",
					"'department' must be a department id, was '" + holder.get() + "'");
		}
		return Optional.of(HandlingFilter.of(states, holder, this.organization));
	}

	private static Order order(String value) {
		if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("newest")) {
			return Order.NEWEST;
		}
		if (value.strip().equalsIgnoreCase("reach")) {
			return Order.REACH;
		}
		throw new InvalidParameterException("sort", "'sort' must be newest or reach, was '" + value + "'");
	}

	private static boolean flag(String name, String value) {
		if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("false")) {
			return false;
		}
		if (value.strip().equalsIgnoreCase("true")) {
			return true;
		}
		throw new InvalidParameterException(name, "'" + name + "' must be true or false, was '" + value + "'");
	}

}
