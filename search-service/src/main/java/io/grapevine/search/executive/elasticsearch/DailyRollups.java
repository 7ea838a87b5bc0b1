package io.grapevine.search.executive.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MsearchRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.Sha256;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.organization.Competitor;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.search.executive.AnswerTimes;
import io.grapevine.search.executive.Tally;
import io.grapevine.search.index.KeptIndex;
import io.grapevine.search.index.MonthlyIndices;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The daily roll-ups of the executive view: for each day (by publication, in UTC) the
 * {@link Tally} of its mentions for the whole organization and for each department, in
 * the index {@value #INDEX}. A day's roll-ups are always recomputed whole from the
 * mentions (an idempotent replace, never an increment), so a mention delivered twice, a
 * late mention or an answer given later changes them only by making the day be counted
 * again. Each roll-up carries the fingerprint of what it was counted under (departments,
 * competitors, accounts, answer-time buckets): one counted under another is read as
 * missing.
 */
@Component
public class DailyRollups {

	/** The index of the roll-ups, {@code _id} = scope and day. */
	public static final String INDEX = "executive-days";

	/** The scope of the whole organization's roll-ups. */
	static final String EVERYONE = "all";

	private static final ObjectMapper MAPPER = MentionJson.mapper()
		.copy()
		.setDefaultPropertyInclusion(JsonInclude.Include.NON_DEFAULT);

	private final ElasticsearchAsyncClient client;

	private final Organization organization;

	private final TallyAggregations aggregations;

	private final ClusterSizes clusterSizes;

	private final String fingerprint;

	private final Clock clock;

	private final KeptIndex index = new KeptIndex(INDEX, "the executive view's daily roll-ups",
			(mappings) -> mappings.properties("scope", (property) -> property.keyword((keyword) -> keyword))
				.properties("day", (property) -> property.date((date) -> date.format("yyyy-MM-dd")))
				.properties("fingerprint", (property) -> property.keyword((keyword) -> keyword))
				.properties("computedAt", (property) -> property.date((date) -> date))
				.properties("tally", (property) -> property.object((object) -> object.enabled(false)))
				.properties("widest", (property) -> property.object((object) -> object.enabled(false))));

	DailyRollups(ElasticsearchAsyncClient client, Organization organization, ClusterSizes clusterSizes) {
		this.client = client;
		this.organization = organization;
		this.aggregations = new TallyAggregations(organization);
		this.clusterSizes = clusterSizes;
		this.fingerprint = fingerprint(organization);
		this.clock = Clock.systemUTC();
	}

	/**
	 * The scope of a department's roll-ups, or the whole organization's.
	 * @param department the department, if any
	 * @return the scope
	 */
	static String scope(Optional<String> department) {
		return department.map((id) -> "department:" + id).orElse(EVERYONE);
	}

	/**
	 * The first day no roll-up is kept for yet: today, in UTC, which is read live.
	 * @return today
	 */
	public LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
	}

	/**
	 * Count a day again from its mentions and replace its roll-ups.
	 * @param day the day
	 * @return completion once the roll-ups are stored
	 */
	public Mono<Void> recompute(LocalDate day) {
		List<Optional<String>> scopes = new ArrayList<>();
		scopes.add(Optional.empty());
		this.organization.departments().forEach((department) -> scopes.add(Optional.of(department.id())));
		List<RequestItem> searches = new ArrayList<>();
		String from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
		String to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
		for (Optional<String> scope : scopes) {
			searches.add(RequestItem.of((item) -> item
				.header((header) -> header.index(MonthlyIndices.ALIAS).ignoreUnavailable(true).allowNoIndices(true))
				.body((body) -> body.size(StoryCandidate.STORIES)
					.trackTotalHits((track) -> track.enabled(false))
					.query((query) -> query
						.range((range) -> range.date((date) -> date.field("publishedAt").gte(from).lt(to))))
					.aggregations(this.aggregations.tally(scope))
					// The day's widest-reaching mentions others said, one per cluster.
					.postFilter(TallyAggregations.heard(scope))
					.sort(StoryCandidate.sort())
					.collapse((collapse) -> collapse.field("clusterKey"))
					.source((source) -> source.filter((filter) -> filter.includes("clusterKey"))))));
		}
		MsearchRequest request = MsearchRequest.of((msearch) -> msearch.searches(searches));
		String index = MonthlyIndices.indexFor(day.atStartOfDay(ZoneOffset.UTC).toInstant());
		Instant started = this.clock.instant();
		String now = started.toString();
		// What was written before the day was marked is searchable once refreshed.
		return ensureIndex()
			.then(Mono.fromFuture(() -> this.client.indices()
				.refresh((refresh) -> refresh.index(index).ignoreUnavailable(true).allowNoIndices(true))))
			.then(Mono.fromFuture(() -> this.client.msearch(request, ObjectNode.class)))
			// The sizes of the day's clusters are stored before its mark is cleared.
			.flatMap((response) -> this.clusterSizes.count(day, started.toEpochMilli()).thenReturn(response))
			.flatMap((response) -> {
				List<BulkOperation> operations = new ArrayList<>();
				for (int i = 0; i < scopes.size(); i++) {
					var item = response.responses().get(i);
					if (item.isFailure()) {
						return Mono.error(new IllegalStateException(
								"The day " + day + " could not be counted: " + item.failure().error().reason()));
					}
					Tally tally = this.aggregations.read(item.result().aggregations());
					List<StoryCandidate> widest = new ArrayList<>();
					item.result().hits().hits().forEach((hit) -> StoryCandidate.of(hit).ifPresent(widest::add));
					String scope = scope(scopes.get(i));
					byte[] document = document(scope, day, now, new Rollup(tally, widest));
					operations.add(BulkOperation.of((operation) -> operation.index((write) -> write.index(INDEX)
						.id(scope + "/" + day)
						.document(BinaryData.of(document, ContentType.APPLICATION_JSON)))));
				}
				// Visible before the day's mark is cleared, so a reader never meets
				// neither.
				return Mono
					.fromFuture(() -> this.client.bulk((bulk) -> bulk.operations(operations).refresh(Refresh.True)));
			})
			.flatMap((response) -> stored(response, "the roll-ups of " + day));
	}

	private static Mono<Void> stored(BulkResponse response, String what) {
		for (BulkResponseItem item : response.items()) {
			if (item.error() != null) {
				return Mono.error(new IllegalStateException("Not all of " + what + " were stored: " + item.id() + ": "
						+ item.error().type() + ": " + item.error().reason()));
			}
		}
		return Mono.empty();
	}

	/**
	 * Count every day between two days again, one after the other.
	 * @param first the first day, inclusive
	 * @param last the last day, inclusive
	 * @return how many days were counted
	 */
	public Mono<Long> recompute(LocalDate first, LocalDate last) {
		return Flux.fromStream(first.datesUntil(last.plusDays(1)))
			.concatMap((day) -> recompute(day).thenReturn(day))
			.count();
	}

	/**
	 * The roll-ups kept for spans of days, for the whole organization or a department; a
	 * day counted under other declarations is left out.
	 * @param department the department, if any
	 * @param spans the spans of days
	 * @return the roll-ups by day
	 */
	public Mono<Map<LocalDate, Rollup>> read(Optional<String> department, List<Days> spans) {
		List<Days> wanted = spans.stream().filter((span) -> !span.last().isBefore(span.first())).toList();
		if (wanted.isEmpty()) {
			return Mono.just(Map.of());
		}
		int days = wanted.stream()
			.mapToInt((span) -> (int) (span.last().toEpochDay() - span.first().toEpochDay() + 1))
			.sum();
		return Mono.fromFuture(() -> this.client.search((search) -> search.index(INDEX)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.size(days)
			.trackTotalHits((track) -> track.enabled(false))
			.query((query) -> query.bool((bool) -> {
				bool.filter(term("scope", scope(department))).filter(term("fingerprint", this.fingerprint));
				bool.filter((any) -> any.bool((either) -> {
					for (Days span : wanted) {
						either.should((range) -> range.range((r) -> r.date(
								(date) -> date.field("day").gte(span.first().toString()).lte(span.last().toString()))));
					}
					return either.minimumShouldMatch("1");
				}));
				return bool;
			})), ObjectNode.class)).map((response) -> {
				Map<LocalDate, Rollup> rollups = new HashMap<>();
				for (Hit<ObjectNode> hit : response.hits().hits()) {
					ObjectNode source = hit.source();
					if (source != null) {
						rollups.put(LocalDate.parse(source.path("day").asText()), rollup(source));
					}
				}
				return rollups;
			});
	}

	/**
	 * The days between two days that have no roll-up counted under the current
	 * declarations.
	 * @param first the first day, inclusive
	 * @param last the last day, inclusive
	 * @return the days, oldest first
	 */
	public Mono<List<LocalDate>> missing(LocalDate first, LocalDate last) {
		if (last.isBefore(first)) {
			return Mono.just(List.of());
		}
		return ensureIndex().then(Mono.fromFuture(() -> this.client.search((search) -> search.index(INDEX)
			.size(0)
			.trackTotalHits((track) -> track.enabled(false))
			.query((query) -> query.bool((bool) -> bool.filter(term("scope", EVERYONE))
				.filter(term("fingerprint", this.fingerprint))
				.filter((range) -> range
					.range((r) -> r.date((date) -> date.field("day").gte(first.toString()).lte(last.toString()))))))
			.aggregations("days", (days) -> days.dateHistogram(
					(histogram) -> histogram.field("day").calendarInterval(CalendarInterval.Day).minDocCount(1))),
				Void.class)))
			.map((response) -> {
				Set<LocalDate> kept = new TreeSet<>();
				response.aggregations()
					.get("days")
					.dateHistogram()
					.buckets()
					.array()
					.forEach((bucket) -> kept
						.add(LocalDate.ofInstant(Instant.ofEpochMilli(bucket.key()), ZoneOffset.UTC)));
				return first.datesUntil(last.plusDays(1)).filter((day) -> !kept.contains(day)).toList();
			});
	}

	/**
	 * The days between two days that hold mentions.
	 * @param first the first day, inclusive
	 * @param last the last day, inclusive
	 * @return the days
	 */
	public Mono<Set<LocalDate>> daysWithMentions(LocalDate first, LocalDate last) {
		String from = first.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
		String to = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
		return Mono.fromFuture(() -> this.client.search((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.size(0)
			.trackTotalHits((track) -> track.enabled(false))
			.query((query) -> query.range((range) -> range.date((date) -> date.field("publishedAt").gte(from).lt(to))))
			.aggregations("days",
					(days) -> days.dateHistogram((histogram) -> histogram.field("publishedAt")
						.calendarInterval(CalendarInterval.Day)
						.minDocCount(1))),
				Void.class))
			.map((response) -> {
				Set<LocalDate> days = new TreeSet<>();
				response.aggregations()
					.get("days")
					.dateHistogram()
					.buckets()
					.array()
					.forEach((bucket) -> days
						.add(LocalDate.ofInstant(Instant.ofEpochMilli(bucket.key()), ZoneOffset.UTC)));
				return days;
			});
	}

	/**
	 * Store empty roll-ups for days known to hold no mention, without counting them.
	 * @param days the days
	 * @return completion once stored
	 */
	public Mono<Void> empty(List<LocalDate> days) {
		if (days.isEmpty()) {
			return Mono.empty();
		}
		String now = this.clock.instant().toString();
		List<String> scopes = new ArrayList<>();
		scopes.add(EVERYONE);
		this.organization.departments().forEach((department) -> scopes.add(scope(Optional.of(department.id()))));
		return ensureIndex().thenMany(Flux.fromIterable(days).buffer(500)).concatMap((chunk) -> {
			List<BulkOperation> operations = new ArrayList<>();
			for (LocalDate day : chunk) {
				for (String scope : scopes) {
					byte[] document = document(scope, day, now, Rollup.EMPTY);
					operations.add(BulkOperation.of((operation) -> operation.index((write) -> write.index(INDEX)
						.id(scope + "/" + day)
						.document(BinaryData.of(document, ContentType.APPLICATION_JSON)))));
				}
			}
			return Mono.fromFuture(() -> this.client.bulk((bulk) -> bulk.operations(operations)))
				.flatMap((response) -> stored(response,
						"the empty roll-ups of " + chunk.get(0) + " to " + chunk.get(chunk.size() - 1)));
		}).then();
	}

	/**
	 * The day of the earliest mention indexed, if any.
	 * @return the day
	 */
	public Mono<Optional<LocalDate>> firstDay() {
		return Mono
			.fromFuture(() -> this.client.search(
					(search) -> search.index(MonthlyIndices.ALIAS)
						.ignoreUnavailable(true)
						.allowNoIndices(true)
						.size(1)
						.trackTotalHits((track) -> track.enabled(false))
						.source((source) -> source.filter((filter) -> filter.includes("publishedAt")))
						.sort((sort) -> sort.field((field) -> field.field("publishedAt").order(SortOrder.Asc))),
					ObjectNode.class))
			.map((response) -> response.hits()
				.hits()
				.stream()
				.findFirst()
				.map((hit) -> LocalDate.ofInstant(Instant.parse(hit.source().path("publishedAt").asText()),
						ZoneOffset.UTC)));
	}

	private static Query term(String field, String value) {
		return Query.of((q) -> q.term((term) -> term.field(field).value(FieldValue.of(value))));
	}

	private byte[] document(String scope, LocalDate day, String now, Rollup rollup) {
		ObjectNode document = MAPPER.createObjectNode();
		document.put("scope", scope);
		document.put("day", day.toString());
		document.put("fingerprint", this.fingerprint);
		document.put("computedAt", now);
		document.set("tally", MAPPER.valueToTree(rollup.tally()));
		document.set("widest", MAPPER.valueToTree(rollup.widest()));
		try {
			return MAPPER.writeValueAsBytes(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The roll-up of " + day + " could not be written as JSON", ex);
		}
	}

	static Rollup rollup(ObjectNode source) {
		try {
			List<StoryCandidate> widest = new ArrayList<>();
			for (var candidate : source.path("widest")) {
				widest.add(MAPPER.treeToValue(candidate, StoryCandidate.class));
			}
			return new Rollup(MAPPER.treeToValue(source.path("tally"), Tally.class), widest);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A roll-up of " + source.path("day").asText() + " cannot be read", ex);
		}
	}

	static byte[] json(Tally tally) {
		try {
			return MAPPER.writeValueAsBytes(tally);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A tally could not be written as JSON", ex);
		}
	}

	static Tally tally(byte[] json) {
		try {
			return MAPPER.readValue(json, Tally.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A tally cannot be read", ex);
		}
	}

	// What a roll-up depends on besides the mentions: when it changes, every day is
	// counted again.
	private static String fingerprint(Organization organization) {
		StringBuilder what = new StringBuilder("tally-2|");
		organization.departments().stream().map(Department::id).forEach((id) -> what.append(id).append(','));
		what.append('|');
		organization.competitors().stream().map(Competitor::id).forEach((id) -> what.append(id).append(','));
		what.append('|').append(organization.accounts().fingerprint());
		what.append('|').append(AnswerTimes.lowerEdges().length);
		return Sha256.hex(what.toString()).substring(0, 16);
	}

	private Mono<Void> ensureIndex() {
		return this.index.ensure(this.client);
	}

	/**
	 * What a day's roll-up keeps for one scope.
	 *
	 * @param tally the day's tally
	 * @param widest the day's widest-reaching mentions others said, one per cluster,
	 * widest first
	 */
	public record Rollup(Tally tally, List<StoryCandidate> widest) {

		/** The roll-up of a day without mentions. */
		static final Rollup EMPTY = new Rollup(Tally.EMPTY, List.of());

	}

	/**
	 * A span of days.
	 *
	 * @param first the first day, inclusive
	 * @param last the last day, inclusive (before the first when the span is empty)
	 */
	public record Days(LocalDate first, LocalDate last) {
	}

}
