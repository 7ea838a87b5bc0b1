package io.grapevine.search.saved.web;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.mentions.web.MentionSearchParameters;
import io.grapevine.search.saved.InvalidSavedSearchException;
import io.grapevine.search.saved.SavedFilters;
import io.grapevine.search.web.InvalidParameterException;
import io.grapevine.search.web.InvalidQueryException;
import io.grapevine.search.web.QueryParameters;

/**
 * The JSON bodies of the saved-search API, and how they are checked: a query and filters
 * are held to the rules of {@code /api/mentions} ({@link MentionSearchParameters}), and a
 * department or topic must be one of the organization file's, since a search for an
 * unknown one would never find anything.
 */
final class SavedSearchRequests {

	// The parameters of /api/mentions as its refusals name them, quoted.
	private static final Pattern PARAMETER = Pattern
		.compile("'(from|to|source|language|topic|department|sentiment|competitor|owned|question|minReach)'");

	private SavedSearchRequests() {
	}

	/**
	 * The body of {@code POST /api/saved-searches}.
	 *
	 * @param name what to call it
	 * @param query a listening query, empty or absent for none
	 * @param filters the dashboard's filters
	 */
	record NewSearch(String name, String query, Filters filters) {

	}

	/**
	 * The filters of a saved search as sent.
	 *
	 * @param department department ids
	 * @param topic topic ids
	 * @param source source kinds
	 * @param language language codes
	 * @param sentiment sentiment labels
	 * @param competitor competitor ids
	 * @param owned only the organization's own posts (true) or only others' (false)
	 * @param question only mentions that ask (true) or only others (false)
	 * @param minReach the least reach
	 * @param sort newest (default) or reach
	 * @param collapse whether near-duplicates are folded
	 * @param period 1d, 7d, 14d, 30d or 90d
	 * @param from an absolute range's start (ISO-8601 instant)
	 * @param to an absolute range's end
	 */
	record Filters(List<String> department, List<String> topic, List<String> source, List<String> language,
			List<String> sentiment, List<String> competitor, Boolean owned, Boolean question, Double minReach,
			String sort, Boolean collapse, String period, String from, String to) {

	}

	/**
	 * The body of {@code PATCH /api/saved-searches/{id}}.
	 *
	 * @param name the new name
	 */
	record Rename(String name) {

	}

	/**
	 * The body of {@code PUT /api/saved-searches/{id}/subscription}.
	 *
	 * @param timeZone the zone whose mornings and days the email follows, UTC when absent
	 */
	record Subscribe(String timeZone) {

	}

	/**
	 * Check a query as {@code /api/mentions} checks {@code q}.
	 * @param query the query as sent
	 * @return the query, stripped; empty for none
	 */
	static String query(String query) {
		try {
			QueryParameters.listeningQuery("q", query);
		}
		catch (InvalidQueryException ex) {
			throw new InvalidSavedSearchException("query", "'query' is not a listening query: " + ex.getMessage(),
					ex.getCause());
		}
		return (query != null) ? query.strip() : "";
	}

	/**
	 * Check filters as {@code /api/mentions} checks its parameters, and that each
	 * department and topic is the organization's.
	 * @param filters the filters as sent, possibly absent
	 * @param organization the organization
	 * @return the filters
	 */
	static SavedFilters filters(Filters filters, Organization organization) {
		if (filters == null) {
			return SavedFilters.none();
		}
		List<String> departments = values(filters.department());
		List<String> topics = values(filters.topic());
		MentionSearchParameters parameters = new MentionSearchParameters(null, filters.from(), filters.to(),
				values(filters.source()), values(filters.language()), topics, departments, values(filters.sentiment()),
				values(filters.competitor()), text(filters.owned()), text(filters.question()), text(filters.minReach()),
				null);
		MentionFilter checked;
		try {
			checked = parameters.filter(organization);
		}
		catch (InvalidParameterException ex) {
			throw new InvalidSavedSearchException("filters." + ex.parameter(),
					PARAMETER.matcher(ex.getMessage()).replaceAll("'filters.$1'"));
		}
		for (String id : departments) {
			if (organization.department(id).isEmpty()) {
				throw new InvalidSavedSearchException("filters.department",
						"'filters.department' must hold department ids ("
								+ String.join(", ", organization.departments().stream().map(Department::id).toList())
								+ "), was '" + id + "'");
			}
		}
		for (String id : topics) {
			if (organization.topic(id).isEmpty()) {
				throw new InvalidSavedSearchException("filters.topic",
						"'filters.topic' must hold topic ids ("
								+ String.join(", ", organization.topics().stream().map(Topic::id).toList()) + "), was '"
								+ id + "'");
			}
		}
		return new SavedFilters(departments, topics, checked.sources(), checked.languages(),
				checked.sentiments().stream().map((sentiment) -> sentiment.label()).toList(), checked.competitors(),
				checked.owned(), checked.question(), checked.minReach(),
				(filters.sort() != null) ? filters.sort().strip() : null, Boolean.TRUE.equals(filters.collapse()),
				Optional.ofNullable(filters.period()).map(String::strip).filter((period) -> !period.isEmpty()),
				checked.from(), checked.to());
	}

	/**
	 * The time zone of a subscription.
	 * @param body the body as sent, possibly absent
	 * @return the zone, UTC when none is given
	 */
	static ZoneId zone(Subscribe body) {
		String value = (body != null) ? body.timeZone() : null;
		if (value == null || value.isBlank()) {
			return ZoneId.of("UTC");
		}
		try {
			return ZoneId.of(value.strip());
		}
		catch (DateTimeException ex) {
			throw new InvalidSavedSearchException("timeZone", "'timeZone' must be a time zone such as Europe/London "
					+ "or America/New_York, was '" + value + "'");
		}
	}

	// Each value once, in the order given.
	private static List<String> values(List<String> values) {
		return new ArrayList<>(new LinkedHashSet<>(QueryParameters.values(values)));
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
