package io.grapevine.search.executive.elasticsearch;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.MsearchRequest;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
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
import io.grapevine.search.executive.elasticsearch.DailyRollups.Rollup;
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
 * zone is not UTC's); what waits now and the alerts are always read live. Both parts are
 * counted by the same aggregations and added up, so the view equals the one read live
 * alone ({@link #readLive(ExecutiveQuery)}). The top stories come from each part's
 * widest-reaching candidates and the largest clusters overall ({@link ClusterSizes}),
 * counted over the period for those few clusters; when those cannot name the largest
 * clusters for certain ({@link LargestClusters}), the period's clusters are counted live.
 */
@Component
public class ExecutiveSearch {

	/** The index of alerts, written by digest-service. */
	static final String ALERTS = "alerts";

	private static final String ORGANIZATION = TallyAggregations.ORGANIZATION;

	private static final int STORIES = StoryCandidate.STORIES;

	// The largest clusters overall counted in a period, before counting all of them.
	private static final int LARGEST_COUNTED = 1_000;

	private static final Query NOTHING = Query.of((query) -> query.matchNone((none) -> none));

	private final ElasticsearchAsyncClient client;

	private final Organization organization;

	private final TallyAggregations aggregations;

	private final DailyRollups rollups;

	private final ChangedDays changedDays;

	private final ClusterSizes clusterSizes;

	ExecutiveSearch(ElasticsearchAsyncClient client, Organization organization, DailyRollups rollups,
			ChangedDays changedDays, ClusterSizes clusterSizes) {
		this.client = client;
		this.organization = organization;
		this.aggregations = new TallyAggregations(organization);
		this.rollups = rollups;
		this.changedDays = changedDays;
		this.clusterSizes = clusterSizes;
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
				Map<LocalDate, Rollup> usable = new HashMap<>(kept);
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
			.flatMap((response) -> stories(plan, response).map((stories) -> view(plan, response, stories)));
	}

	// The whole UTC days of a range before today.
	private static Days wholeDays(Range range, LocalDate today) {
		LocalDate first = LocalDate.ofInstant(range.from().minusNanos(1), ZoneOffset.UTC).plusDays(1);
		LocalDate end = LocalDate.ofInstant(range.to(), ZoneOffset.UTC);
		LocalDate last = (end.isAfter(today) ? today : end).minusDays(1);
		return new Days(first, last);
	}

	private Plan plan(ExecutiveQuery query, Map<LocalDate, Rollup> usable) {
		LocalDate today = this.rollups.today();
		Set<LocalDate> cut = cutDays(query);
		return new Plan(query, part(query.current(), usable, today, cut),
				part(query.previous(), usable, today, Set.of()), part(query.yearBefore(), usable, today, Set.of()));
	}

	private static Part part(Range range, Map<LocalDate, Rollup> usable, LocalDate today, Set<LocalDate> cut) {
		Map<LocalDate, Rollup> served = new TreeMap<>();
		if (!usable.isEmpty()) {
			Days whole = wholeDays(range, today);
			for (LocalDate day = whole.first(); !day.isAfter(whole.last()); day = day.plusDays(1)) {
				Rollup rollup = usable.get(day);
				if (rollup != null && !cut.contains(day)) {
					served.put(day, rollup);
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
		if (plan.storiesFromRollups()) {
			searches.add(this.clusterSizes.largest(LARGEST_COUNTED + 1));
		}
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
		if (plan.storiesFromRollups()) {
			// The most mentions a cluster has in what is read live, at most.
			aggregations.put("clusters",
					Aggregation.of((clusters) -> clusters.filter(heard)
						.aggregations("largest", (largest) -> largest
							.terms((terms) -> terms.field("clusterKey").size(1).showTermDocCountError(true)))));
		}
		else {
			aggregations.put("clusters", largest(heard));
		}
		// The widest-reaching mentions others said, one per cluster: of the whole period,
		// or of what is read live beside the roll-ups' own.
		return MultisearchBody.of((body) -> body.size(STORIES)
			.trackTotalHits((track) -> track.enabled(false))
			.query(plan.storiesFromRollups() ? live(plan.current()) : range(query.current()))
			.postFilter(heard)
			.sort(StoryCandidate.sort())
			.collapse((collapse) -> {
				collapse.field("clusterKey");
				if (!plan.storiesFromRollups()) {
					collapse.innerHits((inner) -> inner.name("copies").size(0));
				}
				return collapse;
			})
			.aggregations(aggregations));
	}

	// The largest clusters of the mentions searched, each with its widest-reaching
	// mention.
	private static Aggregation largest(Query heard) {
		return Aggregation.of((clusters) -> clusters.filter(heard)
			.aggregations("largest",
					(largest) -> largest.terms((terms) -> terms.field("clusterKey").size(STORIES).minDocCount(2))
						.aggregations("best",
								(best) -> best.topHits((hits) -> hits.size(1).sort(StoryCandidate.sort())))));
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

	private ExecutiveView view(Plan plan, MsearchResponse<ObjectNode> response, TopStories stories) {
		ExecutiveQuery query = plan.query();
		List<MultiSearchResponseItem<ObjectNode>> items = response.responses();
		ResponseBody<ObjectNode> current = result(items.get(0));
		Map<String, Aggregate> live = current.aggregations().get("live").filter().aggregations();
		Tally now = plan.current()
			.served()
			.values()
			.stream()
			.map(Rollup::tally)
			.reduce(this.aggregations.read(live), Tally::plus);
		Tally before = plan.previous()
			.served()
			.values()
			.stream()
			.map(Rollup::tally)
			.reduce(this.aggregations.read(result(items.get(1)).aggregations()), Tally::plus);
		Tally yearBefore = plan.yearBefore()
			.served()
			.values()
			.stream()
			.map(Rollup::tally)
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
				timeline(plan, live.get("timeline")), voices(now), spikes(items.get(4)), stories,
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
		plan.current().served().forEach((day, rollup) -> {
			Map.Entry<Instant, Tally> step = steps.floorEntry(day.atStartOfDay(ZoneOffset.UTC).toInstant());
			if (step != null) {
				steps.put(step.getKey(), step.getValue().plus(rollup.tally()));
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

	// The top stories: read live over the whole period, or from the candidates of the
	// roll-ups' days and of what is read live, counted over the period for the few
	// clusters they name.
	private Mono<TopStories> stories(Plan plan, MsearchResponse<ObjectNode> response) {
		ResponseBody<ObjectNode> current = result(response.responses().get(0));
		if (!plan.storiesFromRollups()) {
			return Mono.just(new TopStories(largest(current.aggregations()), widest(current)));
		}
		List<StoryCandidate> candidates = new ArrayList<>();
		plan.current().served().values().forEach((rollup) -> candidates.addAll(rollup.widest()));
		current.hits().hits().forEach((hit) -> StoryCandidate.of(hit).ifPresent(candidates::add));
		List<String> widest = StoryCandidate.widest(candidates);
		List<ClusterSizes.Size> largestOverall = ClusterSizes.read(response.responses().get(5));
		long mostLive = mostLive(current.aggregations().get("clusters").filter().aggregations().get("largest"));
		Set<String> keys = new LinkedHashSet<>(widest);
		largestOverall.stream().limit(LARGEST_COUNTED).forEach((size) -> keys.add(size.clusterKey()));
		Query heard = TallyAggregations.heard(plan.query().department());
		Range range = plan.query().current();
		return count(range, heard, keys).flatMap((counted) -> {
			Optional<List<String>> largest = LargestClusters.certain(counted, largestOverall,
					Math.min(LARGEST_COUNTED, largestOverall.size()), ClusterSizes.FLOOR, mostLive);
			if (largest.isEmpty()) {
				return countAll(range, heard).flatMap((aggregations) -> best(range, heard, widest)
					.map((stories) -> new TopStories(largest(aggregations), stories(widest, stories))));
			}
			Set<String> named = new LinkedHashSet<>(largest.get());
			named.addAll(widest);
			return best(range, heard, named)
				.map((stories) -> new TopStories(stories(largest.get(), stories), stories(widest, stories)));
		});
	}

	private static List<Story> stories(List<String> clusters, Map<String, Story> stories) {
		return clusters.stream().map(stories::get).filter(Objects::nonNull).toList();
	}

	// At most how many mentions one cluster holds in what the terms aggregation of size
	// one counted: its first bucket's count and error, or what a cluster it missed could
	// hold.
	private static long mostLive(Aggregate largest) {
		var terms = largest.sterms();
		long most = (terms.docCountErrorUpperBound() != null) ? terms.docCountErrorUpperBound() : 0;
		for (StringTermsBucket bucket : terms.buckets().array()) {
			long error = (bucket.docCountErrorUpperBound() != null) ? bucket.docCountErrorUpperBound() : 0;
			most = Math.max(most, bucket.docCount() + error);
		}
		return most;
	}

	// How many mentions of a range each of some clusters holds.
	private Mono<Map<String, Long>> count(Range range, Query heard, Set<String> keys) {
		if (keys.isEmpty()) {
			return Mono.just(Map.of());
		}
		return Mono
			.fromFuture(
					() -> this.client.search(
							(search) -> clustersOf(search, range, heard, keys).aggregations("clusters",
									(clusters) -> clusters
										.terms((terms) -> terms.field("clusterKey").size(keys.size()))),
							ObjectNode.class))
			.map((response) -> {
				Map<String, Long> counted = new HashMap<>();
				for (StringTermsBucket bucket : response.aggregations().get("clusters").sterms().buckets().array()) {
					counted.put(bucket.key().stringValue(), bucket.docCount());
				}
				return counted;
			});
	}

	// Each of a few clusters with its mentions of a range and its widest-reaching one.
	private Mono<Map<String, Story>> best(Range range, Query heard, Collection<String> keys) {
		if (keys.isEmpty()) {
			return Mono.just(Map.of());
		}
		return Mono.fromFuture(
				() -> this.client.search(
						(search) -> clustersOf(search, range, heard, keys).aggregations("clusters",
								(clusters) -> clusters.terms((terms) -> terms.field("clusterKey").size(keys.size()))
									.aggregations("best",
											(best) -> best
												.topHits((hits) -> hits.size(1).sort(StoryCandidate.sort())))),
						ObjectNode.class))
			.map((response) -> {
				Map<String, Story> stories = new HashMap<>();
				for (StringTermsBucket bucket : response.aggregations().get("clusters").sterms().buckets().array()) {
					best(bucket).ifPresent((story) -> stories.put(bucket.key().stringValue(), story));
				}
				return stories;
			});
	}

	private static SearchRequest.Builder clustersOf(SearchRequest.Builder search, Range range, Query heard,
			Collection<String> keys) {
		List<FieldValue> values = keys.stream().map(FieldValue::of).toList();
		return search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.size(0)
			.trackTotalHits((track) -> track.enabled(false))
			.query((query) -> query.bool((bool) -> bool.filter(range(range))
				.filter(heard)
				.filter((terms) -> terms.terms((t) -> t.field("clusterKey").terms((v) -> v.value(values))))));
	}

	// The largest clusters of a range counted live, as the view read live counts them.
	private Mono<Map<String, Aggregate>> countAll(Range range, Query heard) {
		return Mono
			.fromFuture(() -> this.client.search((search) -> search.index(MonthlyIndices.ALIAS)
				.ignoreUnavailable(true)
				.allowNoIndices(true)
				.size(0)
				.trackTotalHits((track) -> track.enabled(false))
				.query(range(range))
				.aggregations("clusters", largest(heard)), ObjectNode.class))
			.map((response) -> response.aggregations());
	}

	private static Optional<Story> best(StringTermsBucket bucket) {
		return bucket.aggregations()
			.get("best")
			.topHits()
			.hits()
			.hits()
			.stream()
			.findFirst()
			.map((hit) -> hit.source())
			.map((source) -> source.to(ObjectNode.class))
			.map((source) -> new Story(MentionQueries.mention(source), bucket.docCount()));
	}

	private static List<Story> widest(ResponseBody<ObjectNode> current) {
		List<Story> widest = new ArrayList<>();
		for (Hit<ObjectNode> hit : current.hits().hits()) {
			var copies = hit.innerHits().get("copies");
			long count = (copies != null && copies.hits().total() != null) ? copies.hits().total().value() : 1;
			widest.add(new Story(MentionQueries.mention(hit.source()), count));
		}
		return widest;
	}

	private static List<Story> largest(Map<String, Aggregate> aggregations) {
		List<Story> largest = new ArrayList<>();
		FilterAggregate clusters = aggregations.get("clusters").filter();
		for (StringTermsBucket bucket : clusters.aggregations().get("largest").sterms().buckets().array()) {
			best(bucket).ifPresent(largest::add);
		}
		return largest;
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

		// With whole days from the roll-ups, their candidates name the top stories.
		boolean storiesFromRollups() {
			return !this.current.served().isEmpty();
		}

	}

	/**
	 * A period: the whole days the roll-ups hold, and the ranges read live.
	 */
	private record Part(Range range, Map<LocalDate, Rollup> served, List<Range> live) {
	}

}
