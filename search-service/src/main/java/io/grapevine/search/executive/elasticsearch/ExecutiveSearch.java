package io.grapevine.search.executive.elasticsearch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.FilterAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.MsearchRequest;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.MultisearchBody;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.ResponseBody;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.organization.Competitor;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.executive.ExecutiveQuery;
import io.grapevine.search.executive.ExecutiveQuery.Range;
import io.grapevine.search.executive.ExecutiveView;
import io.grapevine.search.executive.ExecutiveView.Attention;
import io.grapevine.search.executive.ExecutiveView.AttentionRow;
import io.grapevine.search.executive.ExecutiveView.DepartmentFigures;
import io.grapevine.search.executive.ExecutiveView.Figure;
import io.grapevine.search.executive.ExecutiveView.Headline;
import io.grapevine.search.executive.ExecutiveView.Periods;
import io.grapevine.search.executive.ExecutiveView.Point;
import io.grapevine.search.executive.ExecutiveView.Spike;
import io.grapevine.search.executive.ExecutiveView.Story;
import io.grapevine.search.executive.ExecutiveView.TopStories;
import io.grapevine.search.executive.ExecutiveView.Voice;
import io.grapevine.search.handling.HandlingFilter;
import io.grapevine.search.handling.HandlingState;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.elasticsearch.MentionQueries;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads the executive view in one multi-search: the period with every aggregation of the
 * view, the period before and the same period a year before with the headline's alone,
 * what waits now in each department, and the alerts of the period.
 */
@Component
public class ExecutiveSearch {

	/** The index of alerts, written by digest-service. */
	static final String ALERTS = "alerts";

	private static final String ORGANIZATION = "organization";

	private static final int STORIES = 5;

	private static final int NETWORKS = 20;

	private static final Query OWNED = MentionQueries.OWNED;

	private static final Query BY_COMPETITOR = Query
		.of((query) -> query.exists((exists) -> exists.field("byCompetitor")));

	private static final Query ANSWERED = Query
		.of((query) -> query.term((term) -> term.field("handling.state").value(HandlingState.ANSWERED.value())));

	private static final Query WANTING = Query.of((query) -> query.bool((bool) -> bool
		.should((asks) -> asks.term((term) -> term.field("question").value(true)))
		.should((negative) -> negative.term((term) -> term.field("sentiment.label").value(Sentiment.NEGATIVE.label())))
		.minimumShouldMatch("1")));

	private final ElasticsearchAsyncClient client;

	private final Organization organization;

	ExecutiveSearch(ElasticsearchAsyncClient client, Organization organization) {
		this.client = client;
		this.organization = organization;
	}

	/**
	 * Read the view of a period.
	 * @param query the period and its department
	 * @return the view
	 */
	public Mono<ExecutiveView> read(ExecutiveQuery query) {
		MsearchRequest request = request(query);
		return Mono.fromFuture(() -> this.client.msearch(request, ObjectNode.class))
			.map((response) -> view(query, response));
	}

	/**
	 * The multi-search the view of a period sends, as it goes to Elasticsearch: for the
	 * benchmark that compares the view with the same aggregations sent straight.
	 * @param query the period and its department
	 * @return the request
	 */
	public MsearchRequest request(ExecutiveQuery query) {
		List<RequestItem> searches = new ArrayList<>();
		searches.add(mentions(current(query)));
		searches.add(mentions(headlineOnly(query, query.previous())));
		searches.add(mentions(headlineOnly(query, query.yearBefore())));
		searches.add(mentions(waiting()));
		searches.add(RequestItem
			.of((item) -> item.header((header) -> header.index(ALERTS).ignoreUnavailable(true).allowNoIndices(true))
				.body((body) -> body.size(50)
					.query((q) -> q.range((range) -> range
						.date((date) -> date.field("at").gte(query.from().toString()).lt(query.to().toString()))))
					.sort((sort) -> sort.field((field) -> field.field("at").order(SortOrder.Asc))))));
		return MsearchRequest.of((msearch) -> msearch.searches(searches));
	}

	private static RequestItem mentions(MultisearchBody body) {
		return RequestItem.of((item) -> item
			.header((header) -> header.index(MonthlyIndices.ALIAS).ignoreUnavailable(true).allowNoIndices(true))
			.body(body));
	}

	// What others said, of the department when one is chosen.
	private Query heard(ExecutiveQuery query) {
		return Query.of((q) -> q.bool((bool) -> {
			bool.mustNot(OWNED);
			query.department().ifPresent((id) -> bool.filter(terms("departments", id)));
			return bool;
		}));
	}

	// What the organization's own accounts posted, those of the department when one is
	// chosen.
	private Query said(ExecutiveQuery query) {
		return Query.of((q) -> q.bool((bool) -> {
			bool.filter(OWNED);
			query.department().ifPresent((id) -> bool.filter(terms("ownedBy", id)));
			return bool;
		}));
	}

	private static Query range(Range range) {
		return Query.of((q) -> q.range((r) -> r
			.date((date) -> date.field("publishedAt").gte(range.from().toString()).lt(range.to().toString()))));
	}

	private static Query terms(String field, String value) {
		return Query.of((q) -> q.term((term) -> term.field(field).value(FieldValue.of(value))));
	}

	private static Query both(Query first, Query second) {
		return Query.of((q) -> q.bool((bool) -> bool.filter(first, second)));
	}

	// The voices of share of voice: what others said of the organization (a mention of
	// any
	// of its topics) and of each competitor; nobody's own posts count.
	private Map<String, Query> voices() {
		Map<String, Query> voices = new LinkedHashMap<>();
		voices.put(ORGANIZATION, Query.of((q) -> q.exists((exists) -> exists.field("topics"))));
		for (Competitor competitor : this.organization.competitors()) {
			voices.put(competitor.id(), terms("competitors", competitor.id()));
		}
		Map<String, Query> earned = new LinkedHashMap<>();
		voices.forEach((id, voice) -> earned.put(id,
				Query.of((q) -> q.bool((bool) -> bool.filter(voice).mustNot(OWNED).mustNot(BY_COMPETITOR)))));
		return earned;
	}

	private Map<String, Aggregation> headlineAggregations(ExecutiveQuery query) {
		Map<String, Aggregation> aggregations = new HashMap<>();
		aggregations.put("heard", Aggregation.of((heard) -> heard.filter(heard(query))
			.aggregations("audience", (sum) -> sum.sum((s) -> s.field("author.followers")))
			.aggregations("sentiment", (labels) -> labels.terms((terms) -> terms.field("sentiment.label").size(3)))
			.aggregations("wanting",
					(wanting) -> wanting.filter(WANTING)
						.aggregations("answered", (answered) -> answered.filter(ANSWERED)))
			.aggregations("answered", (answered) -> answered.filter(ANSWERED)
				.aggregations("time", (time) -> time
					.percentiles((percentiles) -> percentiles.field("handling.answerSeconds").percents(50.0))))));
		voices().forEach((id, voice) -> aggregations.put("voice-" + id,
				Aggregation.of((aggregation) -> aggregation.filter(voice)
					.aggregations("sentiment",
							(labels) -> labels.terms((terms) -> terms.field("sentiment.label").size(3))))));
		return aggregations;
	}

	private MultisearchBody headlineOnly(ExecutiveQuery query, Range range) {
		return MultisearchBody.of((body) -> body.size(0)
			.trackTotalHits((track) -> track.enabled(false))
			.query(range(range))
			.aggregations(headlineAggregations(query)));
	}

	private MultisearchBody current(ExecutiveQuery query) {
		Map<String, Aggregation> aggregations = headlineAggregations(query);
		Map<String, Query> voices = voices();
		double first = query.from().toEpochMilli();
		double last = query.to().toEpochMilli() - 1;
		aggregations.put("timeline", Aggregation.of((timeline) -> {
			timeline.dateHistogram(
					(histogram) -> histogram.field("publishedAt").calendarInterval(switch (query.interval()) {
						case DAY -> CalendarInterval.Day;
						case WEEK -> CalendarInterval.Week;
						case MONTH -> CalendarInterval.Month;
					})
						.timeZone(query.zone().getId())
						.minDocCount(0)
						.extendedBounds((bounds) -> bounds.min(FieldDateMath.of((math) -> math.value(first)))
							.max(FieldDateMath.of((math) -> math.value(last)))));
			timeline.aggregations("heard",
					(heard) -> heard.filter(heard(query))
						.aggregations("sentiment",
								(labels) -> labels.terms((terms) -> terms.field("sentiment.label").size(3)))
						.aggregations("answered", (answered) -> answered.filter(ANSWERED)));
			timeline.aggregations("said", (said) -> said.filter(said(query)));
			voices.forEach((id, voice) -> timeline.aggregations("voice-" + id, (each) -> each.filter(voice)));
			return timeline;
		}));
		aggregations.put("said",
				Aggregation.of((said) -> said.filter(said(query))
					.aggregations("networks",
							(networks) -> networks.terms((terms) -> terms.field("source").size(NETWORKS)))
					.aggregations("departments", (departments) -> departments
						.terms((terms) -> terms.field("ownedBy").size(this.organization.departments().size() + 1)))));
		aggregations.put("networks",
				Aggregation.of((networks) -> networks.filter(heard(query))
					.aggregations("source", (source) -> source.terms((terms) -> terms.field("source").size(NETWORKS))
						.aggregations("answered", (answered) -> answered.filter(ANSWERED)))));
		for (Department department : this.organization.departments()) {
			Query tagged = both(heard(query), terms("departments", department.id()));
			aggregations.put("department-" + department.id(), Aggregation.of((each) -> each.filter(tagged)
				.aggregations("sentiment", (labels) -> labels.terms((terms) -> terms.field("sentiment.label").size(3)))
				.aggregations("wanting",
						(wanting) -> wanting.filter(WANTING)
							.aggregations("answered", (answered) -> answered.filter(ANSWERED)))
				.aggregations("answered", (answered) -> answered.filter(ANSWERED)
					.aggregations("time", (time) -> time
						.percentiles((percentiles) -> percentiles.field("handling.answerSeconds").percents(50.0))))));
		}
		aggregations.put("clusters", Aggregation.of((clusters) -> clusters.filter(heard(query))
			.aggregations("largest",
					(largest) -> largest.terms((terms) -> terms.field("clusterKey").size(STORIES).minDocCount(2))
						.aggregations("best",
								(best) -> best.topHits((hits) -> hits.size(1)
									.sort((sort) -> sort.field((field) -> field.field("reach")
										.order(SortOrder.Desc)
										.missing(FieldValue.of(0))
										.unmappedType(FieldType.Float))))))));
		return MultisearchBody.of((body) -> body.size(STORIES)
			.trackTotalHits((track) -> track.enabled(false))
			.query(range(query.current()))
			// The widest-reaching mentions others said, one per cluster.
			.postFilter(heard(query))
			.sort((sort) -> sort.field((field) -> field.field("reach")
				.order(SortOrder.Desc)
				.missing(FieldValue.of(0))
				.unmappedType(FieldType.Float)))
			.sort((sort) -> sort.field((field) -> field.field("publishedAt").order(SortOrder.Desc)))
			.collapse((collapse) -> collapse.field("clusterKey").innerHits((inner) -> inner.name("copies").size(0)))
			.aggregations(aggregations));
	}

	// What each department's queue holds now, whatever the period.
	private MultisearchBody waiting() {
		Map<String, Aggregation> aggregations = new HashMap<>();
		for (Department department : this.organization.departments()) {
			Query held = MentionQueries
				.handling(HandlingFilter.of(HandlingState.WAITING, Optional.of(department.id()), this.organization));
			aggregations.put(department.id(), Aggregation.of((each) -> each.filter(held)));
		}
		return MultisearchBody.of((body) -> body.size(0)
			.trackTotalHits((track) -> track.enabled(false))
			.query((q) -> q.matchAll((all) -> all))
			.aggregations(aggregations));
	}

	private ExecutiveView view(ExecutiveQuery query, MsearchResponse<ObjectNode> response) {
		List<MultiSearchResponseItem<ObjectNode>> items = response.responses();
		ResponseBody<ObjectNode> current = result(items.get(0));
		Map<String, Aggregate> now = current.aggregations();
		Map<String, Aggregate> before = result(items.get(1)).aggregations();
		Map<String, Aggregate> yearBefore = result(items.get(2)).aggregations();
		Map<String, Aggregate> waiting = result(items.get(3)).aggregations();
		Headline headline = new Headline(figure(now, before, yearBefore, ExecutiveSearch::volume),
				figure(now, before, yearBefore, ExecutiveSearch::audience),
				figure(now, before, yearBefore, ExecutiveSearch::netSentiment),
				figure(now, before, yearBefore, this::shareOfVoice),
				figure(now, before, yearBefore, ExecutiveSearch::answeredShare),
				figure(now, before, yearBefore, ExecutiveSearch::medianTimeToAnswer));
		return new ExecutiveView(query.from(), query.to(), query.zone().getId(),
				query.interval().name().toLowerCase(java.util.Locale.ROOT), query.department(),
				new Periods(query.current(), query.previous(), query.yearBefore()), headline, timeline(query, now),
				voices(now), spikes(items.get(4)), stories(current), departments(now, waiting), attention(now));
	}

	private static ResponseBody<ObjectNode> result(MultiSearchResponseItem<ObjectNode> item) {
		if (item.isFailure()) {
			throw new IllegalStateException(
					"Elasticsearch could not read the executive view: " + item.failure().error().reason());
		}
		return item.result();
	}

	private static Figure figure(Map<String, Aggregate> now, Map<String, Aggregate> before,
			Map<String, Aggregate> yearBefore,
			java.util.function.Function<Map<String, Aggregate>, Optional<Double>> of) {
		return new Figure(of.apply(now), of.apply(before), of.apply(yearBefore));
	}

	private static Optional<Double> volume(Map<String, Aggregate> aggregations) {
		return Optional.of((double) aggregations.get("heard").filter().docCount());
	}

	private static Optional<Double> audience(Map<String, Aggregate> aggregations) {
		return Optional.of(aggregations.get("heard").filter().aggregations().get("audience").sum().value());
	}

	private static Optional<Double> netSentiment(Map<String, Aggregate> aggregations) {
		return net(aggregations.get("heard").filter().aggregations().get("sentiment"));
	}

	private Optional<Double> shareOfVoice(Map<String, Aggregate> aggregations) {
		long own = aggregations.get("voice-" + ORGANIZATION).filter().docCount();
		long all = own;
		for (Competitor competitor : this.organization.competitors()) {
			all += aggregations.get("voice-" + competitor.id()).filter().docCount();
		}
		return (all == 0) ? Optional.empty() : Optional.of(round(100.0 * own / all));
	}

	private static Optional<Double> answeredShare(Map<String, Aggregate> aggregations) {
		return answered(aggregations.get("heard").filter());
	}

	private static Optional<Double> answered(FilterAggregate scope) {
		FilterAggregate wanting = scope.aggregations().get("wanting").filter();
		long answered = wanting.aggregations().get("answered").filter().docCount();
		return (wanting.docCount() == 0) ? Optional.empty() : Optional.of(round(100.0 * answered / wanting.docCount()));
	}

	private static Optional<Double> medianTimeToAnswer(Map<String, Aggregate> aggregations) {
		return median(aggregations.get("heard").filter());
	}

	private static Optional<Double> median(FilterAggregate scope) {
		FilterAggregate answered = scope.aggregations().get("answered").filter();
		if (answered.docCount() == 0) {
			return Optional.empty();
		}
		var percentiles = answered.aggregations().get("time").tdigestPercentiles().values();
		Double value = percentiles.isKeyed()
				? percentiles.keyed().values().stream().findFirst().map(Double::parseDouble).orElse(null)
				: percentiles.array().stream().findFirst().map((item) -> item.value()).orElse(null);
		return (value != null && Double.isFinite(value)) ? Optional.of((double) Math.round(value)) : Optional.empty();
	}

	private static Map<String, Long> labels(Aggregate sentiment) {
		Map<String, Long> counts = new HashMap<>();
		for (StringTermsBucket bucket : sentiment.sterms().buckets().array()) {
			counts.put(bucket.key().stringValue(), bucket.docCount());
		}
		return counts;
	}

	private static Optional<Double> net(Aggregate sentiment) {
		Map<String, Long> counts = labels(sentiment);
		long positive = counts.getOrDefault(Sentiment.POSITIVE.label(), 0L);
		long negative = counts.getOrDefault(Sentiment.NEGATIVE.label(), 0L);
		long judged = positive + negative + counts.getOrDefault(Sentiment.NEUTRAL.label(), 0L);
		return (judged == 0) ? Optional.empty() : Optional.of(round(100.0 * (positive - negative) / judged));
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private List<Point> timeline(ExecutiveQuery query, Map<String, Aggregate> aggregations) {
		List<Point> points = new ArrayList<>();
		Map<String, Query> voices = voices();
		aggregations.get("timeline").dateHistogram().buckets().array().forEach((bucket) -> {
			FilterAggregate heard = bucket.aggregations().get("heard").filter();
			Map<String, Long> counts = labels(heard.aggregations().get("sentiment"));
			Map<String, Long> byVoice = new LinkedHashMap<>();
			voices.keySet()
				.forEach((id) -> byVoice.put(id, bucket.aggregations().get("voice-" + id).filter().docCount()));
			LocalDate date = Instant.ofEpochMilli(bucket.key()).atZone(query.zone()).toLocalDate();
			points.add(new Point(date, heard.docCount(), bucket.aggregations().get("said").filter().docCount(),
					heard.aggregations().get("answered").filter().docCount(),
					counts.getOrDefault(Sentiment.POSITIVE.label(), 0L),
					counts.getOrDefault(Sentiment.NEGATIVE.label(), 0L),
					counts.getOrDefault(Sentiment.NEUTRAL.label(), 0L), net(heard.aggregations().get("sentiment")),
					byVoice));
		});
		return points;
	}

	private List<Voice> voices(Map<String, Aggregate> aggregations) {
		Map<String, String> names = new LinkedHashMap<>();
		names.put(ORGANIZATION, this.organization.name());
		this.organization.competitors().forEach((competitor) -> names.put(competitor.id(), competitor.name()));
		long all = 0;
		for (String id : names.keySet()) {
			all += aggregations.get("voice-" + id).filter().docCount();
		}
		List<Voice> voices = new ArrayList<>();
		for (Map.Entry<String, String> voice : names.entrySet()) {
			FilterAggregate counted = aggregations.get("voice-" + voice.getKey()).filter();
			voices.add(new Voice(voice.getKey(), voice.getValue(), counted.docCount(),
					(all == 0) ? 0 : round(100.0 * counted.docCount() / all),
					net(counted.aggregations().get("sentiment"))));
		}
		return voices;
	}

	private List<Spike> spikes(MultiSearchResponseItem<ObjectNode> item) {
		List<Spike> spikes = new ArrayList<>();
		if (item.isFailure()) {
			return spikes;
		}
		for (Hit<ObjectNode> hit : item.result().hits().hits()) {
			ObjectNode alert = hit.source();
			String topic = alert.path("topicId").asText("");
			String at = alert.path("at").asText("");
			if (topic.isEmpty() || at.isEmpty()) {
				continue;
			}
			String name = this.organization.topic(topic)
				.map((found) -> found.name())
				.or(() -> this.organization.competitor(topic).map(Competitor::name))
				.orElse(topic);
			spikes.add(new Spike(Instant.parse(at), topic, name,
					alert.path("kind").asText("").toLowerCase(java.util.Locale.ROOT), alert.path("count").asLong()));
		}
		return spikes;
	}

	private static TopStories stories(ResponseBody<ObjectNode> current) {
		List<Story> widest = new ArrayList<>();
		for (Hit<ObjectNode> hit : current.hits().hits()) {
			var copies = hit.innerHits().get("copies");
			long count = (copies != null && copies.hits().total() != null) ? copies.hits().total().value() : 1;
			widest.add(new Story(MentionQueries.mention(hit.source()), count));
		}
		List<Story> largest = new ArrayList<>();
		FilterAggregate clusters = current.aggregations().get("clusters").filter();
		for (StringTermsBucket bucket : clusters.aggregations().get("largest").sterms().buckets().array()) {
			bucket.aggregations()
				.get("best")
				.topHits()
				.hits()
				.hits()
				.stream()
				.findFirst()
				.map((hit) -> hit.source())
				.map((source) -> source.to(ObjectNode.class))
				.ifPresent((source) -> largest.add(new Story(MentionQueries.mention(source), bucket.docCount())));
		}
		return new TopStories(largest, widest);
	}

	private List<DepartmentFigures> departments(Map<String, Aggregate> aggregations, Map<String, Aggregate> waiting) {
		List<DepartmentFigures> figures = new ArrayList<>();
		for (Department department : this.organization.departments()) {
			FilterAggregate tagged = aggregations.get("department-" + department.id()).filter();
			Map<String, Long> counts = labels(tagged.aggregations().get("sentiment"));
			long judged = counts.values().stream().mapToLong(Long::longValue).sum();
			Optional<Double> negative = (judged == 0) ? Optional.empty()
					: Optional.of(round(100.0 * counts.getOrDefault(Sentiment.NEGATIVE.label(), 0L) / judged));
			Aggregate held = waiting.get(department.id());
			figures.add(new DepartmentFigures(department.id(), department.name(), tagged.docCount(), negative,
					(held != null) ? held.filter().docCount() : 0, answered(tagged), median(tagged)));
		}
		return figures;
	}

	private Attention attention(Map<String, Aggregate> aggregations) {
		FilterAggregate said = aggregations.get("said").filter();
		FilterAggregate heard = aggregations.get("heard").filter();
		long answered = heard.aggregations().get("answered").filter().docCount();
		Map<String, long[]> networks = new LinkedHashMap<>();
		for (StringTermsBucket bucket : aggregations.get("networks")
			.filter()
			.aggregations()
			.get("source")
			.sterms()
			.buckets()
			.array()) {
			long[] row = networks.computeIfAbsent(bucket.key().stringValue(), (key) -> new long[3]);
			row[1] = bucket.docCount();
			row[2] = bucket.aggregations().get("answered").filter().docCount();
		}
		for (StringTermsBucket bucket : said.aggregations().get("networks").sterms().buckets().array()) {
			networks.computeIfAbsent(bucket.key().stringValue(), (key) -> new long[3])[0] = bucket.docCount();
		}
		List<AttentionRow> byNetwork = new ArrayList<>();
		networks.forEach((network, row) -> byNetwork.add(new AttentionRow(network, network, row[0], row[1], row[2])));
		Map<String, Long> saidByDepartment = new HashMap<>();
		for (StringTermsBucket bucket : said.aggregations().get("departments").sterms().buckets().array()) {
			saidByDepartment.put(bucket.key().stringValue(), bucket.docCount());
		}
		List<AttentionRow> byDepartment = new ArrayList<>();
		for (Department department : this.organization.departments()) {
			FilterAggregate tagged = aggregations.get("department-" + department.id()).filter();
			byDepartment.add(new AttentionRow(department.id(), department.name(),
					saidByDepartment.getOrDefault(department.id(), 0L), tagged.docCount(),
					tagged.aggregations().get("answered").filter().docCount()));
		}
		return new Attention(said.docCount(), heard.docCount(), answered, byNetwork, byDepartment);
	}

}
