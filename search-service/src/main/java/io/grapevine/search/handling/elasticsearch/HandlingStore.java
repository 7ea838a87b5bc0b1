package io.grapevine.search.handling.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.ArrayPercentilesItem;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import co.elastic.clients.util.NamedValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Organization;
import io.grapevine.search.handling.ActionKind;
import io.grapevine.search.handling.ActionRequest;
import io.grapevine.search.handling.Handling;
import io.grapevine.search.handling.HandlingConflictException;
import io.grapevine.search.handling.HandlingFilter;
import io.grapevine.search.handling.HandlingState;
import io.grapevine.search.handling.HandlingSummary;
import io.grapevine.search.handling.HandlingSummary.ActorCount;
import io.grapevine.search.handling.MentionAction;
import io.grapevine.search.handling.MentionHandling;
import io.grapevine.search.handling.MentionNotFoundException;
import io.grapevine.search.index.ChangedDays;
import io.grapevine.search.index.ElasticsearchStatus;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.elasticsearch.MentionQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Takes actions on mentions and reads their handling: the current state on the mention
 * document, changed with the update API on the sequence number read before, so two people
 * acting at once cannot overwrite each other, and each action appended to the
 * {@code mention-actions} index.
 */
@Component
public class HandlingStore {

	/** The index of the history, one document per action. */
	public static final String ACTIONS = "mention-actions";

	/**
	 * Up to this many waits, the median is exact, from their start times; beyond, it is
	 * estimated from the percentiles of the two kinds of start, so the summary reads no
	 * documents of a long queue.
	 */
	static final int EXACT_WAITS = 100;

	// The percentiles each kind of start is described by, every one from 0 to 100.
	private static final List<Double> PERCENTS = java.util.stream.IntStream.rangeClosed(0, 100)
		.mapToObj((percent) -> (double) percent)
		.toList();

	private static final Logger logger = LoggerFactory.getLogger(HandlingStore.class);

	private static final ClassPathResource ACTIONS_INDEX = new ClassPathResource(
			"elasticsearch/mention-actions-index.json");

	private final ElasticsearchAsyncClient client;

	private final Organization organization;

	private final AtomicBoolean actionsIndexReady = new AtomicBoolean();

	private final ChangedDays changedDays;

	HandlingStore(ElasticsearchAsyncClient client, Organization organization, ChangedDays changedDays) {
		this.client = client;
		this.changedDays = changedDays;
		this.organization = organization;
	}

	/**
	 * Take an action on a mention.
	 * @param mentionId the mention
	 * @param request the action
	 * @param actor who takes it
	 * @return the mention's handling after it
	 */
	public Mono<Handling> act(String mentionId, ActionRequest request, String actor) {
		return act(mentionId, request, actor, true);
	}

	/**
	 * Take an action on a mention, maybe without waiting until searches see it: for many
	 * actions at once, followed by one {@link #refresh()}.
	 * @param mentionId the mention
	 * @param request the action
	 * @param actor who takes it
	 * @param visible whether to answer only once searches see the change
	 * @return the mention's handling after it
	 */
	public Mono<Handling> act(String mentionId, ActionRequest request, String actor, boolean visible) {
		return find(mentionId).flatMap((stored) -> {
			if (stored.mention().owned()) {
				return Mono.error(HandlingConflictException.invalidTransition("Mention " + mentionId
						+ " is the organization's own post (@" + stored.mention().author().handle()
						+ "): it waits for no answer and cannot be " + request.action().past()));
			}
			Instant now = Instant.now();
			return apply(stored, request, actor, now, visible).map((after) -> after.readAt(now));
		});
	}

	/**
	 * Make the actions taken without waiting visible to searches.
	 * @return completion once they are
	 */
	public Mono<Void> refresh() {
		return Mono
			.fromFuture(() -> this.client.indices()
				.refresh((refresh) -> refresh.index(MonthlyIndices.ALIAS, ACTIONS).ignoreUnavailable(true)))
			.then();
	}

	/**
	 * Take an action on a mention as it was read, at a given time, and keep it in the
	 * history.
	 * @param stored the mention as read, with the sequence number the write is
	 * conditional on
	 * @param request the action
	 * @param actor who takes it
	 * @param at when it was taken
	 * @param visible whether to answer only once searches see the change
	 * @return the handling after it
	 */
	Mono<Handling> apply(Stored stored, ActionRequest request, String actor, Instant at, boolean visible) {
		Handling before = stored.handling();
		Handling after = before.apply(request, actor, at, this.organization);
		return update(stored, after, visible).flatMap(
				(sequence) -> record(MentionAction.of(stored.id(), request, actor, before, after, sequence), visible))
			.thenReturn(after);
	}

	/**
	 * A mention's handling and history.
	 * @param mentionId the mention
	 * @return its handling with every action, newest first
	 */
	public Mono<MentionHandling> handling(String mentionId) {
		return find(mentionId).zipWhen((stored) -> history(mentionId))
			.map((found) -> new MentionHandling(mentionId, found.getT1().mention().owned() ? Optional.empty()
					: Optional.of(found.getT1().handling().readAt(Instant.now())), found.getT2()));
	}

	/**
	 * What waits now and the actions taken in a period, for a department or everyone.
	 * @param department the department, or empty for the whole organization
	 * @param from the period's start, inclusive
	 * @param to the period's end, exclusive
	 * @return the summary
	 */
	public Mono<HandlingSummary> summary(Optional<String> department, Optional<Instant> from, Optional<Instant> to) {
		Instant now = Instant.now();
		return waits(department, now).zipWith(actions(department, from, to))
			.map((both) -> summary(department, both.getT1(), both.getT2()));
	}

	private Mono<Stored> find(String mentionId) {
		return Mono.fromFuture(() -> this.client.search((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.seqNoPrimaryTerm(true)
			.size(1)
			.query((query) -> query.ids((ids) -> ids.values(mentionId))), ObjectNode.class)).flatMap((response) -> {
				List<Hit<ObjectNode>> hits = response.hits().hits();
				if (hits.isEmpty()) {
					return Mono.error(new MentionNotFoundException(mentionId));
				}
				Hit<ObjectNode> hit = hits.get(0);
				return Mono.just(stored(hit.index(), mentionId, hit.seqNo(), hit.primaryTerm(), hit.source()));
			});
	}

	/**
	 * A mention document as read, ready for a conditional write.
	 * @param index its index
	 * @param id its id
	 * @param seqNo the sequence number read
	 * @param primaryTerm the primary term read
	 * @param source its source
	 * @return the stored mention with its handling
	 */
	Stored stored(String index, String id, long seqNo, long primaryTerm, ObjectNode source) {
		Mention mention = MentionQueries.mention(source);
		return new Stored(index, id, seqNo, primaryTerm, mention,
				HandlingDocuments.read(source, mention, this.organization));
	}

	private Mono<Long> update(Stored stored, Handling after, boolean visible) {
		// The day's roll-ups count what was answered: marked before and after.
		return this.changedDays.mark(List.of(stored.mention().publishedAt()))
			.then(Mono
				.fromFuture(() -> this.client.update((update) -> update.index(stored.index())
					.id(stored.id())
					.ifSeqNo(stored.seqNo())
					.ifPrimaryTerm(stored.primaryTerm())
					.doc(HandlingDocuments.update(after, stored.mention().publishedAt()))
					.refresh(visible ? Refresh.WaitFor : Refresh.False), ObjectNode.class))
				.map((response) -> response.seqNo())
				.onErrorMap(HandlingStore::isConflict, (ex) -> HandlingConflictException.concurrentChange(stored.id())))
			.flatMap((sequence) -> this.changedDays.markAgain(List.of(stored.mention().publishedAt()))
				.thenReturn(sequence));
	}

	private static boolean isConflict(Throwable failure) {
		return ElasticsearchStatus.is(failure, 409);
	}

	private Mono<Void> record(MentionAction action, boolean visible) {
		ObjectNode document = HandlingDocuments.document(action);
		return Mono.defer(() -> this.actionsIndexReady.get() ? Mono.empty() : createActionsIndex())
			.then(Mono.fromFuture(() -> this.client.index((index) -> index.index(ACTIONS)
				.id(action.mentionId() + ":" + action.sequence())
				.opType(OpType.Create)
				.document(document)
				// Actions come at the pace of people, and a shard nobody searched lately
				// would hold a wait_for until someone does.
				.refresh(visible ? Refresh.True : Refresh.False))))
			.doOnError((ex) -> logger.error("Mention {} is now {} but its {} by {} is not in the history: {}",
					action.mentionId(), action.state().value(), action.action().value(), action.actor(), ex.toString()))
			.then();
	}

	private Mono<List<MentionAction>> history(String mentionId) {
		return Mono
			.fromFuture(() -> this.client.search(
					(search) -> search.index(ACTIONS)
						.ignoreUnavailable(true)
						.allowNoIndices(true)
						.size(1000)
						.query((query) -> query.term((term) -> term.field("mentionId").value(mentionId)))
						.sort((sort) -> sort.field((field) -> field.field("at").order(SortOrder.Desc)))
						.sort((sort) -> sort.field((field) -> field.field("sequence").order(SortOrder.Desc))),
					ObjectNode.class))
			.map((response) -> response.hits()
				.hits()
				.stream()
				.map((hit) -> HandlingDocuments.action(hit.source()))
				.toList());
	}

	private Mono<Waits> waits(Optional<String> department, Instant now) {
		Query waiting = MentionQueries
			.handling(HandlingFilter.of(HandlingState.WAITING, department, this.organization));
		Query actedOn = Query.of((query) -> query.exists((exists) -> exists.field("handling.state")));
		Query untouched = Query.of((query) -> query.bool((bool) -> bool.mustNot(actedOn)));
		return Mono.fromFuture(() -> this.client.search(
				(search) -> search.index(MonthlyIndices.ALIAS)
					.ignoreUnavailable(true)
					.allowNoIndices(true)
					.trackTotalHits((track) -> track.enabled(true))
					.size(EXACT_WAITS)
					.query(waiting)
					.source((source) -> source.filter((filter) -> filter.includes("handling.since", "publishedAt")))
					.aggregations("actedOn", (agg) -> agg.filter(actedOn)
						.aggregations("oldest", (min) -> min.min((m) -> m.field("handling.since")))
						.aggregations("starts", (starts) -> starts.percentiles(
								(percentiles) -> percentiles.field("handling.since").percents(PERCENTS).keyed(false))))
					.aggregations("untouched", (agg) -> agg.filter(untouched)
						.aggregations("oldest", (min) -> min.min((m) -> m.field("publishedAt")))
						.aggregations("starts", (starts) -> starts.percentiles(
								(percentiles) -> percentiles.field("publishedAt").percents(PERCENTS).keyed(false)))),
				ObjectNode.class))
			.map((response) -> waits(response, now));
	}

	private static Waits waits(SearchResponse<ObjectNode> response, Instant now) {
		long open = (response.hits().total() != null) ? response.hits().total().value() : response.hits().hits().size();
		long longest = 0;
		List<Starts> starts = new ArrayList<>();
		for (String name : List.of("actedOn", "untouched")) {
			Aggregate part = response.aggregations().get(name);
			if (part != null && part.filter().docCount() > 0) {
				double oldest = part.filter().aggregations().get("oldest").min().value();
				longest = Math.max(longest, Duration.between(Instant.ofEpochMilli((long) oldest), now).toSeconds());
				starts.add(Starts.of(part.filter().docCount(), part.filter().aggregations().get("starts")));
			}
		}
		if (open > response.hits().hits().size()) {
			double middle = Starts.middle(starts);
			return new Waits(open, longest,
					Math.max(0, Duration.between(Instant.ofEpochMilli(Math.round(middle)), now).toSeconds()));
		}
		List<Long> seconds = new ArrayList<>();
		for (Hit<ObjectNode> hit : response.hits().hits()) {
			JsonNode since = hit.source().path("handling").path("since");
			String start = since.isTextual() ? since.asText() : hit.source().path("publishedAt").asText();
			seconds.add(Math.max(0, Duration.between(Instant.parse(start), now).toSeconds()));
		}
		longest = Math.max(longest, seconds.stream().mapToLong(Long::longValue).max().orElse(0));
		return new Waits(open, longest, median(seconds));
	}

	static long median(List<Long> values) {
		if (values.isEmpty()) {
			return 0;
		}
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private Mono<Actions> actions(Optional<String> department, Optional<Instant> from, Optional<Instant> to) {
		List<Query> filters = new ArrayList<>();
		if (from.isPresent() || to.isPresent()) {
			filters.add(Query.of((query) -> query.range((range) -> range.date((date) -> {
				date.field("at");
				from.ifPresent((start) -> date.gte(start.toString()));
				to.ifPresent((end) -> date.lt(end.toString()));
				return date;
			}))));
		}
		department.ifPresent((id) -> filters
			.add(Query.of((query) -> query.term((term) -> term.field("departments").value(FieldValue.of(id))))));
		return Mono
			.fromFuture(() -> this.client.search((search) -> search.index(ACTIONS)
				.ignoreUnavailable(true)
				.allowNoIndices(true)
				.size(0)
				.query((query) -> query.bool((bool) -> bool.filter(filters)))
				.aggregations("actions", (agg) -> agg.terms((terms) -> terms.field("action").size(20)))
				.aggregations("answers", (agg) -> agg
					.filter((filter) -> filter.term((term) -> term.field("action").value(ActionKind.ANSWER.value())))
					.aggregations("actors", (actors) -> actors.terms((terms) -> terms.field("actor")
						.size(100)
						.order(NamedValue.of("_count", SortOrder.Desc), NamedValue.of("_key", SortOrder.Asc))))),
					Void.class))
			.map(HandlingStore::actions);
	}

	private static Actions actions(SearchResponse<Void> response) {
		Aggregate kinds = response.aggregations().get("actions");
		Map<String, Long> counts = new java.util.HashMap<>();
		if (kinds != null && kinds.isSterms()) {
			for (StringTermsBucket bucket : kinds.sterms().buckets().array()) {
				counts.put(bucket.key().stringValue(), bucket.docCount());
			}
		}
		List<ActorCount> answeredBy = new ArrayList<>();
		Aggregate answers = response.aggregations().get("answers");
		if (answers != null) {
			Aggregate actors = answers.filter().aggregations().get("actors");
			if (actors != null && actors.isSterms()) {
				for (StringTermsBucket bucket : actors.sterms().buckets().array()) {
					answeredBy.add(new ActorCount(bucket.key().stringValue(), bucket.docCount()));
				}
			}
		}
		return new Actions(counts, answeredBy);
	}

	private static HandlingSummary summary(Optional<String> department, Waits waits, Actions actions) {
		return new HandlingSummary(department, waits.open(), waits.longest(), waits.median(),
				actions.count(ActionKind.ANSWER), actions.count(ActionKind.DISMISS), actions.count(ActionKind.ESCALATE),
				actions.answeredBy());
	}

	private Mono<Void> createActionsIndex() {
		return Mono.fromFuture(() -> this.client.indices().exists((exists) -> exists.index(ACTIONS)))
			.doOnSuccess((exists) -> this.actionsIndexReady.set(exists != null && exists.value()))
			.flatMap((exists) -> exists.value() ? Mono.empty()
					: Mono.fromFuture(() -> this.client.indices().create(actionsIndexRequest()))
						.doOnNext((created) -> logger.info("Created the index '{}' of the handling history", ACTIONS))
						.doOnSuccess((created) -> this.actionsIndexReady.set(true))
						.onErrorResume(ElasticsearchException.class,
								(ex) -> "resource_already_exists_exception".equals(ex.error().type()) ? Mono.empty()
										: Mono.error(ex))
						.then());
	}

	private static CreateIndexRequest actionsIndexRequest() {
		try (InputStream json = ACTIONS_INDEX.getInputStream()) {
			return CreateIndexRequest.of((create) -> create.index(ACTIONS).withJson(json));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The index definition " + ACTIONS_INDEX.getPath() + " is missing", ex);
		}
	}

	record Stored(String index, String id, long seqNo, long primaryTerm, Mention mention, Handling handling) {
	}

	private record Waits(long open, long longest, long median) {
	}

	/**
	 * When the waits of one kind started (the handling's {@code since} of those acted on,
	 * the publication of those nobody touched), as the percentiles from 0 to 100 of their
	 * start times describe them.
	 *
	 * @param count how many waits of the kind there are
	 * @param percents the percents, ascending
	 * @param values the start time at each percent, epoch milliseconds
	 */
	record Starts(long count, double[] percents, double[] values) {

		static Starts of(long count, Aggregate percentiles) {
			List<ArrayPercentilesItem> items = percentiles.tdigestPercentiles().values().array();
			List<ArrayPercentilesItem> known = items.stream().filter((item) -> Double.isFinite(item.value())).toList();
			double[] percents = new double[known.size()];
			double[] values = new double[known.size()];
			for (int i = 0; i < known.size(); i++) {
				percents[i] = Double.parseDouble(known.get(i).key());
				values[i] = known.get(i).value();
			}
			return new Starts(count, percents, values);
		}

		// The share of the kind's waits that started at or before a time.
		double share(double time) {
			if (this.values.length == 0 || time < this.values[0]) {
				return 0;
			}
			for (int i = 1; i < this.values.length; i++) {
				if (time < this.values[i]) {
					double part = (time - this.values[i - 1]) / (this.values[i] - this.values[i - 1]);
					return (this.percents[i - 1] + part * (this.percents[i] - this.percents[i - 1])) / 100;
				}
			}
			return 1;
		}

		/**
		 * The start time half of all waits started at or before: the point where the
		 * kinds' shares, weighed by their counts, reach one half.
		 * @param kinds the kinds of waits
		 * @return the middle start time, epoch milliseconds
		 */
		static double middle(List<Starts> kinds) {
			double low = kinds.stream()
				.filter((kind) -> kind.values.length > 0)
				.mapToDouble((kind) -> kind.values[0])
				.min()
				.orElse(0);
			double high = kinds.stream()
				.filter((kind) -> kind.values.length > 0)
				.mapToDouble((kind) -> kind.values[kind.values.length - 1])
				.max()
				.orElse(0);
			double total = kinds.stream().mapToLong(Starts::count).sum();
			for (int step = 0; step < 64 && high - low > 1; step++) {
				double mid = (low + high) / 2;
				double before = kinds.stream().mapToDouble((kind) -> kind.count() * kind.share(mid)).sum();
				if (before < total / 2) {
					low = mid;
				}
				else {
					high = mid;
				}
			}
			return high;
		}

	}

	private record Actions(Map<String, Long> counts, List<ActorCount> answeredBy) {

		long count(ActionKind kind) {
			return this.counts.getOrDefault(kind.value(), 0L);
		}

	}

}
