package io.grapevine.search.mentions.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.query.ListeningQuery;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.handling.HandlingFilter;
import io.grapevine.search.mentions.MentionFilter;
import io.grapevine.search.query.QueryCompiler;

/**
 * Translates filters and listening queries into Elasticsearch queries, and stored
 * documents back into mentions; shared by search and analytics.
 */
public final class MentionQueries {

	/** The organization's own posts. */
	public static final Query OWNED = Query.of((query) -> query.term((term) -> term.field("owned").value(true)));

	private MentionQueries() {
	}

	/**
	 * The query for a filter and an optional listening query.
	 * @param filter the filter
	 * @param text the parsed listening query the mentions must match, if any
	 * @return the query
	 */
	public static Query query(MentionFilter filter, Optional<ListeningQuery> text) {
		List<Query> filters = new ArrayList<>();
		if (filter.from().isPresent() || filter.to().isPresent()) {
			filters.add(Query.of((query) -> query.range((range) -> range.date((date) -> {
				date.field("publishedAt");
				filter.from().ifPresent((from) -> date.gte(from.toString()));
				filter.to().ifPresent((to) -> date.lt(to.toString()));
				return date;
			}))));
		}
		terms(filters, "source", filter.sources());
		terms(filters, "language", filter.languages());
		terms(filters, "topics", filter.topics());
		terms(filters, "departments", filter.departments());
		terms(filters, "sentiment.label", filter.sentiments().stream().map(Sentiment::label).toList());
		terms(filters, "competitors", filter.competitors());
		filter.owned()
			.ifPresent((owned) -> filters
				.add(owned ? OWNED : Query.of((query) -> query.bool((bool) -> bool.mustNot(OWNED)))));
		filter.question()
			.ifPresent((question) -> filters
				.add(Query.of((query) -> query.term((term) -> term.field("question").value(question)))));
		filter.minReach()
			.filter((reach) -> reach > 0)
			.ifPresent((reach) -> filters.add(Query
				.of((query) -> query.range((range) -> range.number((number) -> number.field("reach").gte(reach))))));
		filter.handling().ifPresent((handling) -> filters.add(handling(handling)));
		return Query.of((query) -> query.bool((bool) -> {
			bool.filter(filters);
			text.ifPresent((value) -> bool.must(QueryCompiler.compile(value)));
			return bool;
		}));
	}

	/**
	 * The query for a handling filter: a mention someone has acted on by its stored
	 * {@code handling}; one nobody has acted on is open and held by the departments that
	 * own its topics. The organization's own posts wait for no answer and are in no
	 * state.
	 * @param handling the filter
	 * @return the query
	 */
	public static Query handling(HandlingFilter handling) {
		Query held = held(handling);
		return Query.of((query) -> query.bool((bool) -> bool.filter(held).mustNot(OWNED)));
	}

	private static Query held(HandlingFilter handling) {
		List<Query> acted = new ArrayList<>();
		terms(acted, "handling.state", handling.states().stream().map((state) -> state.value()).sorted().toList());
		terms(acted, "handling.department", handling.departments());
		Query actedOn = Query.of((query) -> query.bool((bool) -> bool.filter(acted)));
		boolean byDepartment = !handling.departments().isEmpty();
		if (!handling.keepsUntouched() || (byDepartment && handling.ownedTopics().isEmpty())) {
			return actedOn;
		}
		List<Query> owned = new ArrayList<>();
		if (byDepartment) {
			terms(owned, "topics", handling.ownedTopics());
		}
		Query untouched = Query.of((query) -> query.bool(
				(bool) -> bool.filter(owned).mustNot((not) -> not.exists((exists) -> exists.field("handling.state")))));
		return Query.of((query) -> query.bool((bool) -> bool.should(actedOn, untouched).minimumShouldMatch("1")));
	}

	private static void terms(List<Query> filters, String field, List<String> values) {
		if (!values.isEmpty()) {
			List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
			filters.add(Query
				.of((query) -> query.terms((terms) -> terms.field(field).terms((list) -> list.value(fieldValues)))));
		}
	}

	/**
	 * Read a stored document back as the mention it was indexed from.
	 * @param source the document source
	 * @return the mention
	 */
	public static Mention mention(ObjectNode source) {
		try {
			return MentionJson.mapper().treeToValue(source, Mention.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stored document is not a valid mention: " + ex.getOriginalMessage(), ex);
		}
	}

}
