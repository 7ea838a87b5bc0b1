package io.grapevine.search.mentions.elasticsearch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Organization;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.ExportQuery;
import io.grapevine.search.mentions.FoundMention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads every mention a search matches, in its order, a page at a time: over one
 * Elasticsearch point in time, so the export is one consistent view of the index however
 * long it takes, paged with {@code search_after} on the sort values, each page fetched
 * only when the reader has taken the one before; the point in time is closed when the
 * export ends, fails or is cancelled.
 */
@Component
public class MentionExport {

	/** Mentions fetched from Elasticsearch in one request. */
	public static final int PAGE_SIZE = 1000;

	/**
	 * Fields of the stored document that only searches use: the export reads the mention
	 * back without them, about half of each document.
	 */
	private static final List<String> SEARCH_ONLY_FIELDS = List.of("match", "site", "clusterKey", "ownedCheck");

	// Each request extends the point in time by this much; the next page is asked for
	// only once the client has read the previous one, so a slow download needs slack.
	private static final Time KEEP_ALIVE = Time.of((time) -> time.time("5m"));

	private static final Logger logger = LoggerFactory.getLogger(MentionExport.class);

	private final ElasticsearchAsyncClient client;

	private final Organization organization;

	MentionExport(ElasticsearchAsyncClient client, Organization organization) {
		this.client = client;
		this.organization = organization;
	}

	/**
	 * Start an export: open a point in time and read the first page, so that a search
	 * Elasticsearch refuses fails before anything is sent.
	 * @param query the export
	 * @return the export, with how many mentions match and the pages to read
	 */
	public Mono<Export> open(ExportQuery query) {
		Query matching = MentionQueries.query(query.filter(), query.text());
		return Mono
			.fromFuture(() -> this.client.openPointInTime(
					(open) -> open.index(MonthlyIndices.ALIAS).ignoreUnavailable(true).keepAlive(KEEP_ALIVE)))
			.map((opened) -> new PointInTime(opened.id()))
			.flatMap((pit) -> fetch(pit, matching, query, Optional.empty(), 0).map((first) -> {
				pit.handOut();
				return new Export(first.total(), Math.min(first.total(), query.maxRows()),
						pages(pit, first, matching, query));
			}).onErrorResume((ex) -> close(pit).then(Mono.error(ex))).doOnCancel(() -> {
				// Cancelled before its pages were handed out: nobody else will close it.
				if (!pit.handedOut()) {
					close(pit).subscribe();
				}
			}));
	}

	private Flux<List<FoundMention>> pages(PointInTime pit, Page first, Query matching, ExportQuery query) {
		Flux<Page> pages = Mono.just(first)
			.expand((page) -> page.isLast(query.maxRows()) ? Mono.empty()
					: fetch(pit, matching, query, Optional.of(page.after()), page.rows()));
		return Flux.usingWhen(Mono.just(pit), (open) -> pages.map(Page::mentions), this::close,
				(open, error) -> close(open), this::close);
	}

	private Mono<Page> fetch(PointInTime pit, Query matching, ExportQuery query, Optional<List<FieldValue>> after,
			long before) {
		int size = (int) Math.min(PAGE_SIZE, query.maxRows() - before);
		SearchRequest request = SearchRequest.of((search) -> {
			search.pit((reference) -> reference.id(pit.id()).keepAlive(KEEP_ALIVE))
				.trackTotalHits((track) -> track.enabled(after.isEmpty()))
				.size(size)
				.query(matching)
				.source((source) -> source.filter((filter) -> filter.excludes(SEARCH_ONLY_FIELDS)));
			MentionSearch.sort(search, query.order());
			after.ifPresent(search::searchAfter);
			return search;
		});
		return Mono.fromFuture(() -> this.client.search(request, ObjectNode.class)).map((response) -> {
			pit.moveTo(response.pitId());
			return page(response, size, before);
		});
	}

	private Page page(SearchResponse<ObjectNode> response, int size, long before) {
		Instant now = Instant.now();
		List<Hit<ObjectNode>> hits = response.hits().hits();
		List<FoundMention> mentions = hits.stream().map((hit) -> {
			Mention mention = MentionQueries.mention(hit.source());
			return new FoundMention(mention, List.of(), Optional.empty(),
					MentionSearch.handling(hit.source(), mention, this.organization, now));
		}).toList();
		List<FieldValue> after = hits.isEmpty() ? List.of() : hits.get(hits.size() - 1).sort();
		long total = (response.hits().total() != null) ? response.hits().total().value() : -1;
		return new Page(total, mentions, after, size, before + mentions.size());
	}

	private Mono<Void> close(PointInTime pit) {
		return Mono.fromFuture(() -> this.client.closePointInTime((close) -> close.id(pit.id())))
			.doOnError((ex) -> logger.warn("Could not close the point in time of an export; it expires within {}: {}",
					KEEP_ALIVE.time(), ex.toString()))
			.onErrorComplete()
			.then();
	}

	/**
	 * An export under way.
	 *
	 * @param total how many mentions match
	 * @param rows how many of them the export holds: all of them, or the most an export
	 * may hold
	 * @param pages the mentions, a page at a time; read them once
	 */
	public record Export(long total, long rows, Flux<List<FoundMention>> pages) {

		/**
		 * Whether the limit of rows leaves matching mentions out.
		 * @return true when the export holds fewer mentions than match
		 */
		public boolean cut() {
			return this.rows < this.total;
		}

	}

	/**
	 * The point in time an export reads: Elasticsearch may give it a new id with any
	 * answer, and the latest is the one to use and to close; whoever reads the pages
	 * closes it once they are handed out.
	 */
	private static final class PointInTime {

		private volatile String id;

		private volatile boolean handedOut;

		PointInTime(String id) {
			this.id = id;
		}

		void handOut() {
			this.handedOut = true;
		}

		boolean handedOut() {
			return this.handedOut;
		}

		String id() {
			return this.id;
		}

		void moveTo(String id) {
			if (id != null) {
				this.id = id;
			}
		}

	}

	/**
	 * One page of an export.
	 *
	 * @param total how many mentions match, on the first page
	 * @param mentions the mentions of the page
	 * @param after the sort values of its last mention
	 * @param asked how many mentions were asked for
	 * @param rows how many mentions this page and those before hold
	 */
	private record Page(long total, List<FoundMention> mentions, List<FieldValue> after, int asked, long rows) {

		boolean isLast(int maxRows) {
			return this.mentions.size() < this.asked || this.rows >= maxRows;
		}

	}

}
