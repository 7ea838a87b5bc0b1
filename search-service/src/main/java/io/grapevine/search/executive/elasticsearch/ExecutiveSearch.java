package io.grapevine.search.executive.elasticsearch;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
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
import io.grapevine.search.executive.Tally;
import io.grapevine.search.executive.Tally.Figures;
import io.grapevine.search.executive.elasticsearch.DailyRollups.Days;
import io.grapevine.search.handling.HandlingFilter;
import io.grapevine.search.handling.HandlingState;
import io.grapevine.search.index.ChangedDays;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.elasticsearch.MentionQueries;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads the executive view: whole past days from the daily roll-ups (unless a change is
 * marked on them and not yet counted again), and live from the mentions what the roll-ups
 * do not hold (the edges of a period that start or end within a day, today, the days
 * changed since they were counted, the days a step of the timeline starts in when the
 * zone is not UTC's); the top stories, what waits now and the alerts are always read
 * live. Both parts are counted by the same aggregations and added up, so the view equals
 * the one read live alone ({@link #readLive(ExecutiveQuery)}).
 */
@Component
public class ExecutiveSearch {

	/** The index of alerts, written by digest-service. */
	static final String ALERTS = "alerts";

	private static final String ORGANIZATION = TallyAggregations.ORGANIZATION;

	private static final int STORIES = 5;

	private static final Query NOTHING = Query.of((query) -> query.matchNone((none) -> none));

	private final ElasticsearchAsyncClient client;

	private final Organization organization;

	private final TallyAggregations aggregations;

	private final DailyRollups rollups;

	private final ChangedDays changedDays;

	ExecutiveSearch(ElasticsearchAsyncClient client, Organization organization, DailyRollups rollups,
			ChangedDays changedDays) {
		this.client = client;
		this.organization = organization;
		this.aggregations = new TallyAggregations(organization);
		this.rollups = rollups;
		this.changedDays = changedDays;
	}

	/**
	 * Read the view of a period, from the roll-ups where they hold whole days.
	 * @param query the period and its department
	 * @return the view
	 */
	public Mono<ExecutiveView> read(ExecutiveQuery query) {
		LocalDate today = this.rollups.today();
		List<Days> spans = List.of(wholeDays(query.current(), today), wholeDays(query.previous(), today),
				wholeDays(query.yearBefore(), today));
		List<Days> wanted = spans.stream().filter((span) -> !span.last().isBefore(span.first())).toList();
		if (wanted.isEmpty()) {
			return send(plan(query, Map.of()));
		}
		LocalDate first = wanted.stream().map(Days::first).min(LocalDate::compareTo).orElseThrow();
		LocalDate last = wanted.stream().map(Days::last).max(LocalDate::compareTo).orElseThrow();
		// The marks first: a day whose mark is gone has its new roll-up visible already.
		return this.changedDays.marked(first, last)
			.flatMap((marked) -> this.rollups.read(query.department(), wanted).map((kept) -> {
				Map<LocalDate, Tally> usable = new HashMap<>(kept);
				usable.keySet().removeAll(marked);
				return usable;
			}))
			.flatMap((usable) -> send(plan(query, usable)));
	}

	/**
	 * Read the view of a period from the mentions alone, as if no roll-up were kept.
	 * @param query the period and its department
	 * @return the view
	 */
	public Mono<ExecutiveView> readLive(ExecutiveQuery query) {
		return send(plan(query, Map.of()));
	}

	/**
	 * The multi-search the view of a period sends when it reads every mention live, as it
	 * goes to Elasticsearch: for the benchmark that compares the view with the same
	 * aggregations sent straight.
	 * @param query the period and its department
	 * @return the request
	 */
	public MsearchRequest request(ExecutiveQuery query) {
		return request(plan(query, Map.of()));
	}

	private Mono<ExecutiveView> send(Plan plan) {
		MsearchRequest request = request(plan);
		return Mono.fromFuture(() -> this.client.msearch(request, ObjectNode.class))
			.map((response) -> view(plan, response));
	}

	// The whole UTC days of a range before today.
	private static Days wholeDays(Range range, LocalDate today) {
		LocalDate first = LocalDate.ofInstant(range.from().minusNanos(1), ZoneOffset.UTC).plusDays(1);
		LocalDate end = LocalDate.ofInstant(range.to(), ZoneOffset.UTC);
		LocalDate last = (end.isAfter(today) ? today : end).minusDays(1);
		return new Days(first, last);
	}

	private Plan plan(ExecutiveQuery query, Map<LocalDate, Tally> usable) {
		LocalDate today = this.rollups.today();
		Set<LocalDate> cut = cutDays(query);
		return new Plan(query, part(query.current(), usable, today, cut),
				part(query.previous(), usable, today, Set.of()), part(query.yearBefore(), usable, today, Set.of()));
	}

	private static Part part(Range range, Map<LocalDate, Tally> usable, LocalDate today, Set<LocalDate> cut) {
		Map<LocalDate, Tally> served = new TreeMap<>();
		if (!usable.isEmpty()) {
			Days whole = wholeDays(range, today);
			for (LocalDate day = whole.first(); !day.isAfter(whole.last()); day = day.plusDays(1)) {
				Tally tally = usable.get(day);
				if (tally != null && !cut.contains(day)) {
					served.put(day, tally);
				}
			}
		}
		List<Range> live = new ArrayList<>();
		Instant cursor = range.from();
		for (LocalDate day : served.keySet()) {
			Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
			if (cursor.isBefore(start)) {
				live.add(new Range(cursor, start));
			}
			cursor = start.plus(Duration.ofDays(1));
		}
		if (cursor.isBefore(range.to())) {
			live.add(new Range(cursor, range.to()));
		}
		return new Part(range, served, live);
	}

	// The UTC days a step of the timeline starts within (not at their midnight): with
	// the zone's steps cutting them, they are read live.
	private static Set<LocalDate> cutDays(ExecutiveQuery query) {
		Set<LocalDate> cut = new HashSet<>();
		for (Instant start : stepStarts(query)) {
			if (!start.equals(LocalDate.ofInstant(start, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant())) {
				cut.add(LocalDate.ofInstant(start, ZoneOffset.UTC));
			}
		}
		return cut;
	}

	private static List<Instant> stepStarts(ExecutiveQuery query) {
		LocalDate date = LocalDate.ofInstant(query.from(), query.zone());
		date = switch (query.interval()) {
			case DAY -> date;
			case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTH -> date.withDayOfMonth(1);
		};
		List<Instant> starts = new ArrayList<>();
		while (true) {
			Instant start = date.atStartOfDay(query.zone()).toInstant();
			if (!start.isBefore(query.to())) {
				return starts;
			}
			starts.add(start);
			date = switch (query.interval()) {
				case DAY -> date.plusDays(1);
				case WEEK -> date.plusWeeks(1);
				case MONTH -> date.plusMonths(1);
			};
		}
	}

	private MsearchRequest request(Plan plan) {
		ExecutiveQuery query = plan.query();
		List<RequestItem> searches = new ArrayList<>();
		searches.add(mentions(current(plan)));
		searches.add(mentions(tallyOnly(query, plan.previous())));
		searches.add(mentions(tallyOnly(query, plan.yearBefore())));
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

	private static Query range(Range range) {
		return Query.of((q) -> q.range((r) -> r
			.date((date) -> date.field("publishedAt").gte(range.from().toString()).lt(range.to().toString()))));
	}

	private static Query live(Part part) {
		if (part.live().isEmpty()) {
			return NOTHING;
		}
		if (part.live().size() == 1) {
			return range(part.live().get(0));
		}
		return Query.of((q) -> q.bool((bool) -> {
			part.live().forEach((range) -> bool.should(range(range)));
			return bool.minimumShouldMatch("1");
		}));
	}

	private MultisearchBody tallyOnly(ExecutiveQuery query, Part part) {
		return MultisearchBody.of((body) -> body.size(0)
			.trackTotalHits((track) -> track.enabled(false))
			.query(live(part))
			.aggregations(this.aggregations.tally(query.department())));
	}

	private MultisearchBody current(Plan plan) {
		ExecutiveQuery query = plan.query();
		Map<String, Aggregation> counted = this.aggregations.tally(query.department());
		counted.put("timeline", this.aggregations.timeline(query));
		Map<String, Aggregation> aggregations = new HashMap<>();
		aggregations.put("live", Aggregation.of((live) -> live.filter(live(plan.current())).aggregations(counted)));
		Query heard = TallyAggregations.heard(query.department());
		aggregations.put("clusters", Aggregation.of((clusters) -> clusters.filter(heard)
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
			.postFilter(heard)
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

	private ExecutiveView view(Plan plan, MsearchResponse<ObjectNode> response) {
		ExecutiveQuery query = plan.query();
		List<MultiSearchResponseItem<ObjectNode>> items = response.responses();
		ResponseBody<ObjectNode> current = result(items.get(0));
		Map<String, Aggregate> live = current.aggregations().get("live").filter().aggregations();
		Tally now = plan.current().served().values().stream().reduce(this.aggregations.read(live), Tally::plus);
		Tally before = plan.previous()
			.served()
			.values()
			.stream()
			.reduce(this.aggregations.read(result(items.get(1)).aggregations()), Tally::plus);
		Tally yearBefore = plan.yearBefore()
			.served()
			.values()
			.stream()
			.reduce(this.aggregations.read(result(items.get(2)).aggregations()), Tally::plus);
		Map<String, Aggregate> waiting = result(items.get(3)).aggregations();
		Headline headline = new Headline(
				figure(now, before, yearBefore, (t) -> Optional.of((double) t.heard().count())),
				figure(now, before, yearBefore, (t) -> Optional.of((double) t.audience())),
				figure(now, before, yearBefore, (t) -> net(t.heard())),
				figure(now, before, yearBefore, this::shareOfVoice),
				figure(now, before, yearBefore, (t) -> answered(t.heard())),
				figure(now, before, yearBefore, (t) -> t.heard().times().median()));
		return new ExecutiveView(query.from(), query.to(), query.zone().getId(),
				query.interval().name().toLowerCase(Locale.ROOT), query.department(),
				new Periods(query.current(), query.previous(), query.yearBefore()), headline,
				timeline(plan, live.get("timeline")), voices(now), spikes(items.get(4)), stories(current),
				departments(now, waiting), attention(now));
	}

	private static ResponseBody<ObjectNode> result(MultiSearchResponseItem<ObjectNode> item) {
		if (item.isFailure()) {
			throw new IllegalStateException(
					"Elasticsearch could not read the executive view: " + item.failure().error().reason());
		}
		return item.result();
	}

	private static Figure figure(Tally now, Tally before, Tally yearBefore, Function<Tally, Optional<Double>> of) {
		return new Figure(of.apply(now), of.apply(before), of.apply(yearBefore));
	}

	private Optional<Double> shareOfVoice(Tally tally) {
		long own = tally.voice(ORGANIZATION).count();
		long all = own;
		for (Competitor competitor : this.organization.competitors()) {
			all += tally.voice(competitor.id()).count();
		}
		return (all == 0) ? Optional.empty() : Optional.of(round(100.0 * own / all));
	}

	private static Optional<Double> answered(Figures figures) {
		return (figures.wanting() == 0) ? Optional.empty()
				: Optional.of(round(100.0 * figures.wantingAnswered() / figures.wanting()));
	}

	private static Optional<Double> net(Figures figures) {
		long judged = figures.positive() + figures.negative() + figures.neutral();
		return (judged == 0) ? Optional.empty()
				: Optional.of(round(100.0 * (figures.positive() - figures.negative()) / judged));
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private List<Point> timeline(Plan plan, Aggregate histogram) {
		ExecutiveQuery query = plan.query();
		TreeMap<Instant, Tally> steps = new TreeMap<>(this.aggregations.readTimeline(histogram));
		plan.current().served().forEach((day, tally) -> {
			Map.Entry<Instant, Tally> step = steps.floorEntry(day.atStartOfDay(ZoneOffset.UTC).toInstant());
			if (step != null) {
				steps.put(step.getKey(), step.getValue().plus(tally));
			}
		});
		List<String> voices = this.aggregations.voiceIds();
		List<Point> points = new ArrayList<>();
		steps.forEach((start, tally) -> {
			Figures heard = tally.heard();
			Map<String, Long> byVoice = new LinkedHashMap<>();
			voices.forEach((id) -> byVoice.put(id, tally.voice(id).count()));
			points.add(new Point(start.atZone(query.zone()).toLocalDate(), heard.count(), tally.said().count(),
					heard.answered(), heard.positive(), heard.negative(), heard.neutral(), net(heard), byVoice));
		});
		return points;
	}

	private List<Voice> voices(Tally tally) {
		Map<String, String> names = new LinkedHashMap<>();
		names.put(ORGANIZATION, this.organization.name());
		this.organization.competitors().forEach((competitor) -> names.put(competitor.id(), competitor.name()));
		long all = 0;
		for (String id : names.keySet()) {
			all += tally.voice(id).count();
		}
		List<Voice> voices = new ArrayList<>();
		for (Map.Entry<String, String> voice : names.entrySet()) {
			Figures counted = tally.voice(voice.getKey());
			voices.add(new Voice(voice.getKey(), voice.getValue(), counted.count(),
					(all == 0) ? 0 : round(100.0 * counted.count() / all), net(counted)));
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

	private List<DepartmentFigures> departments(Tally tally, Map<String, Aggregate> waiting) {
		List<DepartmentFigures> figures = new ArrayList<>();
		for (Department department : this.organization.departments()) {
			Figures tagged = tally.department(department.id());
			long judged = tagged.positive() + tagged.negative() + tagged.neutral();
			Optional<Double> negative = (judged == 0) ? Optional.empty()
					: Optional.of(round(100.0 * tagged.negative() / judged));
			Aggregate held = waiting.get(department.id());
			figures.add(new DepartmentFigures(department.id(), department.name(), tagged.count(), negative,
					(held != null) ? held.filter().docCount() : 0, answered(tagged), tagged.times().median()));
		}
		return figures;
	}

	private Attention attention(Tally tally) {
		Set<String> keys = new HashSet<>(tally.networks().keySet());
		keys.addAll(tally.said().byNetwork().keySet());
		List<AttentionRow> byNetwork = new ArrayList<>();
		for (String network : keys) {
			Figures heard = tally.networks().getOrDefault(network, Figures.NONE);
			byNetwork.add(new AttentionRow(network, network, tally.said().byNetwork().getOrDefault(network, 0L),
					heard.count(), heard.answered()));
		}
		byNetwork.sort(Comparator.comparingLong(AttentionRow::heard)
			.reversed()
			.thenComparing(Comparator.comparingLong(AttentionRow::said).reversed())
			.thenComparing(AttentionRow::key));
		List<AttentionRow> byDepartment = new ArrayList<>();
		for (Department department : this.organization.departments()) {
			Figures tagged = tally.department(department.id());
			byDepartment.add(new AttentionRow(department.id(), department.name(),
					tally.said().byDepartment().getOrDefault(department.id(), 0L), tagged.count(), tagged.answered()));
		}
		return new Attention(tally.said().count(), tally.heard().count(), tally.heard().answered(), byNetwork,
				byDepartment);
	}

	/**
	 * What the view of a period reads from the roll-ups and what live, for the period and
	 * those it is compared with.
	 */
	private record Plan(ExecutiveQuery query, Part current, Part previous, Part yearBefore) {
	}

	/**
	 * A period: the whole days the roll-ups hold, and the ranges read live.
	 */
	private record Part(Range range, Map<LocalDate, Tally> served, List<Range> live) {
	}

}
