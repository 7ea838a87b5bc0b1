package io.grapevine.search.executive.elasticsearch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.AggregationRange;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.FilterAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.RangeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.grapevine.listening.organization.Competitor;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.query.Sentiment;
import io.grapevine.search.executive.AnswerTimes;
import io.grapevine.search.executive.ExecutiveQuery;
import io.grapevine.search.executive.Tally;
import io.grapevine.search.executive.Tally.Figures;
import io.grapevine.search.executive.Tally.Said;
import io.grapevine.search.handling.HandlingState;
import io.grapevine.search.mentions.elasticsearch.MentionQueries;

/**
 * The aggregations that count a {@link Tally} over the mentions a search matches, for the
 * whole organization or one department, and the reading of their answer: the same for a
 * day the roll-ups keep and for what the executive view reads live, so both count alike.
 */
final class TallyAggregations {

	/** The voice id of the organization itself. */
	static final String ORGANIZATION = "organization";

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

	private static final String ANSWER_SECONDS = "handling.answerSeconds";

	private static final List<AggregationRange> TIME_RANGES = timeRanges();

	private final Organization organization;

	TallyAggregations(Organization organization) {
		this.organization = organization;
	}

	/**
	 * Every aggregation of a tally.
	 * @param department the department the tally is narrowed to, if any
	 * @return the aggregations by name
	 */
	Map<String, Aggregation> tally(Optional<String> department) {
		Map<String, Aggregation> aggregations = new HashMap<>();
		aggregations.put("heard",
				Aggregation.of((heard) -> heard.filter(heard(department))
					.aggregations("audience", (sum) -> sum.sum((s) -> s.field("author.followers")))
					.aggregations(figures(true))));
		voices().forEach((id, voice) -> aggregations.put("voice-" + id, Aggregation
			.of((aggregation) -> aggregation.filter(voice).aggregations("sentiment", TallyAggregations::sentiment))));
		aggregations.put("said",
				Aggregation.of((said) -> said.filter(said(department))
					.aggregations("networks",
							(networks) -> networks.terms((terms) -> terms.field("source").size(NETWORKS)))
					.aggregations("departments", (departments) -> departments
						.terms((terms) -> terms.field("ownedBy").size(this.organization.departments().size() + 1)))));
		aggregations.put("networks",
				Aggregation.of((networks) -> networks.filter(heard(department))
					.aggregations("source", (source) -> source.terms((terms) -> terms.field("source").size(NETWORKS))
						.aggregations("answered", (answered) -> answered.filter(ANSWERED)))));
		for (Department each : this.organization.departments()) {
			Query tagged = both(heard(department), term("departments", each.id()));
			// Narrowed to one department, the others' times to answer (of the mentions
			// tagged with both) are not counted: they would make each day's roll-ups
			// grow with the square of the departments.
			boolean times = department.map(each.id()::equals).orElse(true);
			aggregations.put("department-" + each.id(),
					Aggregation.of((aggregation) -> aggregation.filter(tagged).aggregations(figures(times))));
		}
		return aggregations;
	}

	/**
	 * The timeline of a period: per step, what was heard (with its sentiment and what of
	 * it was answered), said, and each voice's mentions.
	 * @param query the period
	 * @return the date histogram
	 */
	Aggregation timeline(ExecutiveQuery query) {
		double first = query.from().toEpochMilli();
		double last = query.to().toEpochMilli() - 1;
		return Aggregation.of((timeline) -> {
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
					(heard) -> heard.filter(heard(query.department()))
						.aggregations("sentiment", TallyAggregations::sentiment)
						.aggregations("answered", (answered) -> answered.filter(ANSWERED)));
			timeline.aggregations("said", (said) -> said.filter(said(query.department())));
			voices().forEach((id, voice) -> timeline.aggregations("voice-" + id, (each) -> each.filter(voice)));
			return timeline;
		});
	}

	/**
	 * Read a tally from the answer to {@link #tally(Optional)}.
	 * @param aggregations the answer's aggregations
	 * @return the tally
	 */
	Tally read(Map<String, Aggregate> aggregations) {
		FilterAggregate heard = aggregations.get("heard").filter();
		Map<String, Figures> voices = new TreeMap<>();
		for (String id : voices().keySet()) {
			Figures voice = figures(aggregations.get("voice-" + id).filter());
			if (voice.count() > 0) {
				voices.put(id, voice);
			}
		}
		FilterAggregate said = aggregations.get("said").filter();
		Map<String, Figures> networks = new TreeMap<>();
		for (StringTermsBucket bucket : aggregations.get("networks")
			.filter()
			.aggregations()
			.get("source")
			.sterms()
			.buckets()
			.array()) {
			networks.put(bucket.key().stringValue(), new Figures(bucket.docCount(), 0, 0, 0, 0, 0,
					bucket.aggregations().get("answered").filter().docCount(), AnswerTimes.NONE));
		}
		Map<String, Figures> departments = new TreeMap<>();
		for (Department department : this.organization.departments()) {
			Figures figures = figures(aggregations.get("department-" + department.id()).filter());
			if (figures.count() > 0) {
				departments.put(department.id(), figures);
			}
		}
		return new Tally(figures(heard), Math.round(heard.aggregations().get("audience").sum().value()), voices,
				new Said(said.docCount(), counts(said.aggregations().get("networks")),
						counts(said.aggregations().get("departments"))),
				networks, departments);
	}

	/**
	 * Read the steps of a timeline from the answer to {@link #timeline(ExecutiveQuery)}.
	 * @param timeline the date histogram's answer
	 * @return each step's tally by the instant it starts
	 */
	Map<Instant, Tally> readTimeline(Aggregate timeline) {
		Map<Instant, Tally> steps = new LinkedHashMap<>();
		timeline.dateHistogram().buckets().array().forEach((bucket) -> {
			FilterAggregate heard = bucket.aggregations().get("heard").filter();
			Map<String, Figures> voices = new TreeMap<>();
			for (String id : voices().keySet()) {
				long count = bucket.aggregations().get("voice-" + id).filter().docCount();
				if (count > 0) {
					voices.put(id, Figures.counted(count));
				}
			}
			long said = bucket.aggregations().get("said").filter().docCount();
			steps.put(Instant.ofEpochMilli(bucket.key()),
					new Tally(figures(heard), 0, voices, new Said(said, Map.of(), Map.of()), Map.of(), Map.of()));
		});
		return steps;
	}

	/**
	 * The ids of the voices: the organization, then each competitor.
	 * @return the voice ids in order
	 */
	List<String> voiceIds() {
		return new ArrayList<>(voices().keySet());
	}

	// What others said, of the department when one is chosen.
	static Query heard(Optional<String> department) {
		return Query.of((q) -> q.bool((bool) -> {
			bool.mustNot(OWNED);
			department.ifPresent((id) -> bool.filter(term("departments", id)));
			return bool;
		}));
	}

	// What the organization's own accounts posted, those of the department when one is
	// chosen.
	private static Query said(Optional<String> department) {
		return Query.of((q) -> q.bool((bool) -> {
			bool.filter(OWNED);
			department.ifPresent((id) -> bool.filter(term("ownedBy", id)));
			return bool;
		}));
	}

	private static Query term(String field, String value) {
		return Query.of((q) -> q.term((term) -> term.field(field).value(FieldValue.of(value))));
	}

	private static Query both(Query first, Query second) {
		return Query.of((q) -> q.bool((bool) -> bool.filter(first, second)));
	}

	// The voices of share of voice: what others said of the organization (a mention of
	// any of its topics) and of each competitor; nobody's own posts count.
	private Map<String, Query> voices() {
		Map<String, Query> voices = new LinkedHashMap<>();
		voices.put(ORGANIZATION, Query.of((q) -> q.exists((exists) -> exists.field("topics"))));
		for (Competitor competitor : this.organization.competitors()) {
			voices.put(competitor.id(), term("competitors", competitor.id()));
		}
		Map<String, Query> earned = new LinkedHashMap<>();
		voices.forEach((id, voice) -> earned.put(id,
				Query.of((q) -> q.bool((bool) -> bool.filter(voice).mustNot(OWNED).mustNot(BY_COMPETITOR)))));
		return earned;
	}

	private static co.elastic.clients.util.ObjectBuilder<Aggregation> sentiment(Aggregation.Builder labels) {
		return labels.terms((terms) -> terms.field("sentiment.label").size(3));
	}

	private static Map<String, Aggregation> figures(boolean times) {
		Map<String, Aggregation> figures = new HashMap<>();
		figures.put("sentiment", Aggregation.of(TallyAggregations::sentiment));
		figures.put("wanting", Aggregation.of((wanting) -> wanting.filter(WANTING)
			.aggregations("answered", (answered) -> answered.filter(ANSWERED))));
		figures.put("answered", Aggregation.of((answered) -> {
			answered.filter(ANSWERED);
			if (times) {
				answered.aggregations("times",
						(counted) -> counted.range((range) -> range.field(ANSWER_SECONDS).ranges(TIME_RANGES))
							.aggregations("seconds", (sum) -> sum.sum((s) -> s.field(ANSWER_SECONDS))));
			}
			return answered;
		}));
		return figures;
	}

	private static Figures figures(FilterAggregate scope) {
		Map<String, Aggregate> parts = scope.aggregations();
		Map<String, Long> labels = parts.containsKey("sentiment") ? counts(parts.get("sentiment")) : Map.of();
		long wanting = 0;
		long wantingAnswered = 0;
		if (parts.containsKey("wanting")) {
			FilterAggregate wants = parts.get("wanting").filter();
			wanting = wants.docCount();
			wantingAnswered = wants.aggregations().get("answered").filter().docCount();
		}
		long answered = 0;
		AnswerTimes times = AnswerTimes.NONE;
		if (parts.containsKey("answered")) {
			FilterAggregate answers = parts.get("answered").filter();
			answered = answers.docCount();
			Aggregate ranges = answers.aggregations().get("times");
			if (ranges != null) {
				times = times(ranges.range().buckets().array());
			}
		}
		return new Figures(scope.docCount(), labels.getOrDefault(Sentiment.POSITIVE.label(), 0L),
				labels.getOrDefault(Sentiment.NEGATIVE.label(), 0L), labels.getOrDefault(Sentiment.NEUTRAL.label(), 0L),
				wanting, wantingAnswered, answered, times);
	}

	private static AnswerTimes times(List<RangeBucket> buckets) {
		Map<Integer, AnswerTimes.Bucket> counted = new TreeMap<>();
		for (int i = 0; i < buckets.size(); i++) {
			RangeBucket bucket = buckets.get(i);
			if (bucket.docCount() > 0) {
				counted.put(i, new AnswerTimes.Bucket(bucket.docCount(),
						Math.round(bucket.aggregations().get("seconds").sum().value())));
			}
		}
		return new AnswerTimes(counted);
	}

	private static Map<String, Long> counts(Aggregate terms) {
		Map<String, Long> counts = new TreeMap<>();
		for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
			counts.put(bucket.key().stringValue(), bucket.docCount());
		}
		return counts;
	}

	// The fixed buckets of AnswerTimes, in their order: Elasticsearch answers the ranges
	// in the order they are asked.
	private static List<AggregationRange> timeRanges() {
		long[] edges = AnswerTimes.lowerEdges();
		List<AggregationRange> ranges = new ArrayList<>(edges.length);
		for (int i = 0; i < edges.length; i++) {
			double from = edges[i];
			if (i + 1 < edges.length) {
				double to = edges[i + 1];
				ranges.add(AggregationRange.of((range) -> range.from(from).to(to)));
			}
			else {
				ranges.add(AggregationRange.of((range) -> range.from(from)));
			}
		}
		return ranges;
	}

}
