package io.grapevine.search.mentions.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.grapevine.listening.organization.Competitor;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.handling.HandlingFilter;
import io.grapevine.search.handling.HandlingState;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.web.InvalidParameterException;
import io.grapevine.search.web.QueryParameters;

/**
 * The query parameters that choose which mentions a search, its facets and its export
 * look at, bound as they come and checked in one place: every unusable value is refused
 * naming its parameter.
 *
 * @param q a query in the listening query language
 * @param from ISO-8601 instant, inclusive
 * @param to ISO-8601 instant, exclusive
 * @param source source kinds
 * @param language ISO 639-1 codes
 * @param topic topic ids
 * @param department department ids: those the mentions are tagged with, or with
 * {@code handling} the one that holds them
 * @param sentiment sentiment labels: positive, negative or neutral
 * @param competitor ids of competitors the mentions name
 * @param owned true for the organization's own posts only, false for what others said
 * @param question true for mentions that ask, false for the others
 * @param minReach the least reach
 * @param handling open (every waiting state) or one handling state
 */
public record MentionSearchParameters(String q, String from, String to, List<String> source, List<String> language,
		List<String> topic, List<String> department, List<String> sentiment, List<String> competitor, String owned,
		String question, String minReach, String handling) {

	/**
	 * The widest reach a filter may ask for: reach is a logarithm, and 20 is beyond any.
	 */
	static final double MAX_REACH = 20;

	/**
	 * The listening query, parsed.
	 * @return the query, or empty when none is given
	 */
	public Optional<ListeningQuery> text() {
		return QueryParameters.listeningQuery("q", this.q);
	}

	/**
	 * The filter these parameters describe.
	 * @param organization the organization, for its departments and competitors
	 * @return the filter
	 */
	public MentionFilter filter(Organization organization) {
		Optional<Instant> start = QueryParameters.instant("from", this.from);
		Optional<Instant> end = QueryParameters.instant("to", this.to);
		QueryParameters.requireOrdered(start, end);
		List<String> departments = QueryParameters.values(this.department);
		Optional<HandlingFilter> byHandling = handlingFilter(departments, organization);
		return new MentionFilter(start, end, QueryParameters.values(this.source), QueryParameters.values(this.language),
				QueryParameters.values(this.topic), byHandling.isPresent() ? List.of() : departments, byHandling,
				sentiments(), competitors(organization), flag("owned", this.owned), flag("question", this.question),
				reach());
	}

	private List<Sentiment> sentiments() {
		List<Sentiment> labels = new ArrayList<>();
		for (String value : QueryParameters.values(this.sentiment)) {
			try {
				labels.add(Sentiment.of(value));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidParameterException("sentiment",
						"'sentiment' must be positive, negative or neutral, was '" + value + "'");
			}
		}
		return labels;
	}

	private List<String> competitors(Organization organization) {
		List<String> ids = QueryParameters.values(this.competitor);
		for (String id : ids) {
			if (organization.competitor(id).isEmpty()) {
				throw new InvalidParameterException("competitor",
						"'competitor' must be a competitor id ("
								+ String.join(", ", organization.competitors().stream().map(Competitor::id).toList())
								+ "), was '" + id + "'");
			}
		}
		return ids;
	}

	private Optional<Double> reach() {
		if (this.minReach == null || this.minReach.isBlank()) {
			return Optional.empty();
		}
		try {
			double reach = Double.parseDouble(this.minReach.strip());
			if (reach >= 0 && reach <= MAX_REACH) {
				return Optional.of(reach);
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new InvalidParameterException("minReach",
				"'minReach' must be a number from 0 to " + (int) MAX_REACH + ", was '" + this.minReach + "'");
	}

	private Optional<HandlingFilter> handlingFilter(List<String> departments, Organization organization) {
		if (this.handling == null || this.handling.isBlank()) {
			return Optional.empty();
		}
		Set<HandlingState> states = HandlingFilter.states(this.handling)
			.orElseThrow(() -> new InvalidParameterException("handling",
					"'handling' must be open, assigned, answered, escalated, dismissed or reopened, was '"
							+ this.handling + "'"));
		if (departments.size() > 1) {
			throw new InvalidParameterException("department", "With 'handling', give at most one 'department'");
		}
		Optional<String> holder = departments.stream().findFirst();
		if (holder.isPresent() && organization.department(holder.get()).isEmpty()) {
			throw new InvalidParameterException("department",
					"'department' must be a department id, was '" + holder.get() + "'");
		}
		return Optional.of(HandlingFilter.of(states, holder, organization));
	}

	/**
	 * A true-or-false parameter.
	 * @param name the parameter's name
	 * @param value its raw value
	 * @return the value, or empty when it is absent or blank
	 */
	static Optional<Boolean> flag(String name, String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String flag = value.strip().toLowerCase(Locale.ROOT);
		if (flag.equals("true") || flag.equals("false")) {
			return Optional.of(Boolean.parseBoolean(flag));
		}
		throw new InvalidParameterException(name, "'" + name + "' must be true or false, was '" + value + "'");
	}

}
