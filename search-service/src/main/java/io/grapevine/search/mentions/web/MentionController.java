package io.grapevine.search.mentions.web;

import java.util.Optional;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.search.mentions.Cursor;
import io.grapevine.search.mentions.Facets;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.mentions.MentionPage;
import io.grapevine.search.mentions.MentionQuery;
import io.grapevine.search.mentions.MentionQuery.Order;
import io.grapevine.search.mentions.elasticsearch.MentionFacetsSearch;
import io.grapevine.search.mentions.elasticsearch.MentionSearch;
import io.grapevine.search.web.InvalidParameterException;
import io.grapevine.search.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springdoc.core.annotations.ParameterObject;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Searches mentions by a listening query and filters, newest or widest reach first, a
 * page at a time, optionally showing each cluster of near-duplicates once.
 */
@RestController
class MentionController {

	private final MentionSearch search;

	private final MentionFacetsSearch facets;

	private final Organization organization;

	MentionController(MentionSearch search, MentionFacetsSearch facets, Organization organization) {
		this.search = search;
		this.facets = facets;
		this.organization = organization;
	}

	@GetMapping("/api/mentions/facets")
	@Operation(
			summary = "How the mentions of a search divide by source, language, sentiment, topic, department, "
					+ "competitor and whether the organization said them",
			description = "Takes the filter parameters of /api/mentions; each value's key is what the filter "
					+ "parameter of the same name takes, so adding it narrows the search to those mentions.")
	Mono<Facets> facets(@ParameterObject @ModelAttribute MentionSearchParameters parameters) {
		return this.facets.count(parameters.filter(this.organization), parameters.text());
	}

	@GetMapping("/api/mentions")
	@Operation(summary = "Search mentions, newest or widest reach first, optionally one per cluster of copies",
			description = "'q' is a listening query matched against the text: words (every one must appear), "
					+ "\"phrases\", \"words near each other\"~5, prefix*, OR, NOT or -, parentheses, #hashtag, "
					+ "@handle and the fields lang:, source:, author:, topic:, site:, sentiment:, is: (repost, quote, "
					+ "crosspost) and repost-of: (a mention id); a query that cannot "
					+ "be parsed is answered 400 with its position. The time range includes 'from' and excludes "
					+ "'to'. 'sentiment', 'competitor', 'owned', 'question' and 'minReach' narrow the mentions; with "
					+ "'handling', 'department' selects the department that holds the mention rather than its tags. "
					+ "Pass 'nextCursor' back as 'cursor' for the next page.")
	Mono<MentionPage> mentions(@ParameterObject @ModelAttribute MentionSearchParameters parameters,
			@Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String size,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(description = "newest (default) or reach: widest reach first, then newest") @RequestParam(
					required = false) String sort,
			@Parameter(
					description = "true to show each cluster of near-duplicates once, with its number of copies") @RequestParam(
							required = false) String collapse) {
		Optional<ListeningQuery> text = parameters.text();
		MentionFilter filter = parameters.filter(this.organization);
		int pageSize = QueryParameters.integer("size", size, 1, MentionQuery.MAX_SIZE, MentionQuery.DEFAULT_SIZE);
		Order order = order(sort);
		boolean folded = MentionSearchParameters.flag("collapse", collapse).orElse(false);
		Optional<Cursor> after = QueryParameters.cursor(cursor);
		try {
			return this.search.search(new MentionQuery(text, filter, pageSize, after, order, folded));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("cursor",
					"'cursor' belongs to a search with another 'sort' or 'collapse'; start again without it");
		}
	}

	/**
	 * The order a {@code sort} parameter asks for.
	 * @param value the raw value
	 * @return the order, newest when absent
	 */
	static Order order(String value) {
		if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("newest")) {
			return Order.NEWEST;
		}
		if (value.strip().equalsIgnoreCase("reach")) {
			return Order.REACH;
		}
		throw new InvalidParameterException("sort", "'sort' must be newest or reach, was '" + value + "'");
	}

}
