package io.grapevine.search.index;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Marks, durably, the days (by publication, in UTC) whose mentions changed: written by
 * the indexer once a batch is in and before its offsets are committed, by every action on
 * a mention's handling once it is stored, and by the retention when it drops a month, so
 * the daily roll-ups of those days are recomputed, and read as live until they are. A
 * mark lives in the index {@value #INDEX} with the day as its id (marking a day twice
 * writes one document) and is cleared only if nobody marked the day again meanwhile. A
 * day that ends more than {@link #SETTLING} from now is not marked: today is read live
 * and counted once it is over, so the mentions flowing in as they are published cost no
 * mark; the margin covers clocks that disagree by less.
 */
@Component
public class ChangedDays {

	/** The index of the marks, one document per changed day, {@code _id} = the day. */
	public static final String INDEX = "mention-days-changed";

	/** How long before its end a day is marked as any other. */
	public static final Duration SETTLING = Duration.ofMinutes(10);

	private final ElasticsearchAsyncClient client;

	private final Clock clock;

	private final KeptIndex index = new KeptIndex(INDEX, "the days whose mentions changed",
			(mappings) -> mappings.properties("day", (property) -> property.date((date) -> date.format("yyyy-MM-dd")))
				.properties("markedAt", (property) -> property.date((date) -> date)));

	ChangedDays(ElasticsearchAsyncClient client) {
		this.client = client;
		this.clock = Clock.systemUTC();
	}

	/**
	 * The UTC day of an instant.
	 * @param at the instant
	 * @return its day
	 */
	public static LocalDate dayOf(Instant at) {
		return LocalDate.ofInstant(at, ZoneOffset.UTC);
	}

	/**
	 * Mark the days of mentions as changed before they change, searchable at once: the
	 * executive view reads a marked day live.
	 * @param publishedAt when each mention about to change was published
	 * @return completion once the marks are stored and searchable
	 */
	public Mono<Void> mark(Collection<Instant> publishedAt) {
		return write(days(publishedAt), Refresh.True);
	}

	/**
	 * Mark the days of mentions as changed again once they changed, in case their
	 * roll-ups were counted meanwhile; the keeper refreshes before reading the marks, so
	 * these are not made searchable at once.
	 * @param publishedAt when each changed mention was published
	 * @return completion once the marks are stored
	 */
	public Mono<Void> markAgain(Collection<Instant> publishedAt) {
		return write(days(publishedAt), Refresh.False);
	}

	/**
	 * Mark days as changed, searchable at once.
	 * @param days the days
	 * @return completion once the marks are stored and searchable
	 */
	public Mono<Void> markDays(Collection<LocalDate> days) {
		return write(days, Refresh.True);
	}

	private static Set<LocalDate> days(Collection<Instant> publishedAt) {
		Set<LocalDate> days = new TreeSet<>();
		publishedAt.forEach((at) -> days.add(dayOf(at)));
		return days;
	}

	private Mono<Void> write(Collection<LocalDate> changed, Refresh refresh) {
		Instant settled = this.clock.instant().plus(SETTLING);
		List<LocalDate> days = changed.stream()
			.filter((day) -> !day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(settled))
			.toList();
		if (days.isEmpty()) {
			return Mono.empty();
		}
		String now = this.clock.instant().toString();
		List<BulkOperation> operations = new ArrayList<>(days.size());
		for (LocalDate day : days) {
			Map<String, String> document = Map.of("day", day.toString(), "markedAt", now);
			operations.add(BulkOperation.of((operation) -> operation
				.index((index) -> index.index(INDEX).id(day.toString()).document(document))));
		}
		return ensureIndex()
			.then(Mono.fromFuture(() -> this.client.bulk((bulk) -> bulk.operations(operations).refresh(refresh))))
			.flatMap((response) -> {
				for (var item : response.items()) {
					if (item.error() != null) {
						return Mono.error(
								new IllegalStateException("The day " + item.id() + " could not be marked as changed: "
										+ item.error().type() + ": " + item.error().reason()));
					}
				}
				return Mono.<Void>empty();
			});
	}

	/**
	 * The days marked as changed and not marked since a moment, oldest first: a day still
	 * being marked (a backlog draining into it) is left until its changes settle.
	 * @param max the most to answer
	 * @param markedBefore the moment by which a day was last marked to be answered
	 * @return the marks, each with what clearing it is conditional on
	 */
	public Mono<List<Mark>> pending(int max, Instant markedBefore) {
		return ensureIndex()
			.then(Mono.fromFuture(() -> this.client.indices().refresh((refresh) -> refresh.index(INDEX))))
			.then(Mono
				.fromFuture(() -> this.client.search(
						(search) -> search.index(INDEX)
							.size(max)
							.seqNoPrimaryTerm(true)
							.query((query) -> query.range((range) -> range
								.date((date) -> date.field("markedAt").lte(markedBefore.toString()))))
							.sort((sort) -> sort.field((field) -> field.field("day").order(SortOrder.Asc))),
						Mark.class)))
			.map((response) -> {
				List<Mark> marks = new ArrayList<>();
				for (Hit<Mark> hit : response.hits().hits()) {
					if (hit.source() != null && hit.seqNo() != null && hit.primaryTerm() != null) {
						marks
							.add(new Mark(hit.source().day(), hit.source().markedAt(), hit.seqNo(), hit.primaryTerm()));
					}
				}
				return marks;
			});
	}

	/**
	 * The days marked as changed that lie between two days, which the executive view
	 * reads live until their roll-ups are recomputed.
	 * @param first the first day, inclusive
	 * @param last the last day, inclusive
	 * @return the days
	 */
	public Mono<Set<LocalDate>> marked(LocalDate first, LocalDate last) {
		return Mono
			.fromFuture(() -> this.client.search(
					(search) -> search.index(INDEX)
						.ignoreUnavailable(true)
						.allowNoIndices(true)
						.size(10_000)
						.source((source) -> source.filter((filter) -> filter.includes("day")))
						.query((query) -> query.range((range) -> range
							.date((date) -> date.field("day").gte(first.toString()).lte(last.toString())))),
					Mark.class))
			.map((response) -> {
				Set<LocalDate> days = new TreeSet<>();
				for (Hit<Mark> hit : response.hits().hits()) {
					if (hit.source() != null) {
						days.add(LocalDate.parse(hit.source().day()));
					}
				}
				return days;
			});
	}

	/**
	 * Clear a mark, unless the day was marked again since it was read.
	 * @param mark the mark as read
	 * @return whether it was cleared
	 */
	public Mono<Boolean> clear(Mark mark) {
		return Mono.fromFuture(() -> this.client.delete(
				(delete) -> delete.index(INDEX).id(mark.day()).ifSeqNo(mark.seqNo()).ifPrimaryTerm(mark.primaryTerm())))
			.thenReturn(true)
			.onErrorResume((ex) -> ElasticsearchStatus.is(ex, 409) || ElasticsearchStatus.is(ex, 404),
					(ex) -> Mono.just(false));
	}

	private Mono<Void> ensureIndex() {
		return this.index.ensure(this.client);
	}

	/**
	 * A day marked as changed.
	 *
	 * @param day the day, {@code yyyy-MM-dd}
	 * @param markedAt when it was last marked
	 * @param seqNo the sequence number it was read with
	 * @param primaryTerm the primary term it was read with
	 */
	public record Mark(String day, String markedAt, long seqNo, long primaryTerm) {

		/**
		 * The day as a date.
		 * @return the day
		 */
		public LocalDate date() {
			return LocalDate.parse(this.day);
		}

	}

}
