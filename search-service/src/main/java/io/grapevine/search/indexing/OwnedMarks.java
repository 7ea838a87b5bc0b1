package io.grapevine.search.indexing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Accounts;
import io.grapevine.search.handling.elasticsearch.ReplyAnswers;
import io.grapevine.search.handling.elasticsearch.ReplyAnswers.Written;
import io.grapevine.search.index.ChangedDays;
import io.grapevine.search.index.MonthlyIndices;
import io.grapevine.search.mentions.elasticsearch.MentionQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Marks the mentions already in the index with whose account wrote them, under the
 * accounts the organization file declares now: those indexed before the organization's
 * accounts were declared (or before mentions carried the mark), and all of them again
 * when an account is added, removed or given to another owner. Each document keeps the
 * fingerprint of the declarations it was marked under ({@code ownedCheck}), so a start
 * with unchanged declarations finds nothing to do. The organization's replies found this
 * way answer what they reply to, as new ones do.
 */
class OwnedMarks {

	private static final Logger logger = LoggerFactory.getLogger(OwnedMarks.class);

	private static final int PAGE = 500;

	private final ElasticsearchAsyncClient client;

	private final Accounts accounts;

	private final ReplyAnswers replyAnswers;

	private final ChangedDays changedDays;

	OwnedMarks(ElasticsearchAsyncClient client, Accounts accounts, ReplyAnswers replyAnswers, ChangedDays changedDays) {
		this.client = client;
		this.changedDays = changedDays;
		this.accounts = accounts;
		this.replyAnswers = replyAnswers;
	}

	/**
	 * Mark every mention not yet marked under the current declarations.
	 * @return how many mentions were looked at, once all are marked
	 */
	Mono<Long> markAll() {
		String fingerprint = this.accounts.fingerprint();
		AtomicLong seen = new AtomicLong();
		return page(fingerprint, List.of()).expand((response) -> {
			List<Hit<ObjectNode>> hits = response.hits().hits();
			if (hits.size() < PAGE) {
				return Mono.empty();
			}
			return page(fingerprint, hits.get(hits.size() - 1).sort());
		})
			.concatMap((response) -> mark(response.hits().hits(), fingerprint)
				.doOnSuccess((done) -> seen.addAndGet(response.hits().hits().size())))
			.then(Mono.fromSupplier(seen::get))
			.doOnNext((count) -> {
				if (count > 0) {
					logger.info("Marked {} mentions with whose account wrote them (declarations {})", count,
							fingerprint);
				}
			});
	}

	private Mono<SearchResponse<ObjectNode>> page(String fingerprint, List<FieldValue> after) {
		Query unmarked = Query.of((query) -> query.bool((bool) -> {
			bool.mustNot((not) -> not.term((term) -> term.field("ownedCheck").value(fingerprint)));
			if (this.accounts.isEmpty()) {
				// With nothing declared, only what an earlier declaration marked can
				// change.
				bool.filter((marked) -> marked
					.bool((either) -> either.should((owned) -> owned.term((term) -> term.field("owned").value(true)))
						.should((rival) -> rival.exists((exists) -> exists.field("byCompetitor")))
						.minimumShouldMatch("1")));
			}
			return bool;
		}));
		return Mono.fromFuture(() -> this.client.search((search) -> {
			search.index(MonthlyIndices.ALIAS)
				.ignoreUnavailable(true)
				.allowNoIndices(true)
				.size(PAGE)
				.query(unmarked)
				.sort((sort) -> sort.field((field) -> field.field("publishedAt").order(SortOrder.Asc)))
				.sort((sort) -> sort.field((field) -> field.field("id").order(SortOrder.Asc)));
			if (!after.isEmpty()) {
				search.searchAfter(after);
			}
			return search;
		}, ObjectNode.class)).retryWhen(retry());
	}

	private Mono<Void> mark(List<Hit<ObjectNode>> hits, String fingerprint) {
		if (hits.isEmpty()) {
			return Mono.empty();
		}
		List<BulkOperation> operations = new ArrayList<>(hits.size());
		List<Written> replies = new ArrayList<>();
		List<java.time.Instant> published = new ArrayList<>();
		for (Hit<ObjectNode> hit : hits) {
			Mention mention = this.accounts.mark(MentionQueries.mention(hit.source()));
			published.add(mention.publishedAt());
			ObjectNode fields = MentionDocuments.ownerFields(mention, fingerprint);
			operations.add(BulkOperation.of((operation) -> operation.update((update) -> update.index(hit.index())
				.id(hit.id())
				.retryOnConflict(3)
				.action((action) -> action.doc(fields)))));
			if (mention.owned() && mention.parentId().isPresent()) {
				replies.add(new Written(mention, hit.index(), false));
			}
		}
		BulkRequest request = BulkRequest.of((bulk) -> bulk.operations(operations));
		return Mono.fromFuture(() -> this.client.bulk(request)).retryWhen(retry()).flatMap((response) -> {
			if (response.errors()) {
				response.items()
					.stream()
					.filter((item) -> item.error() != null)
					.findFirst()
					.ifPresent((item) -> logger.warn("Mention {} could not be marked with its owner: {}: {}", item.id(),
							item.error().type(), item.error().reason()));
			}
			return this.changedDays.mark(published).then(this.replyAnswers.written(replies));
		});
	}

	private static Retry retry() {
		return Retry.backoff(5, Duration.ofSeconds(1))
			.maxBackoff(Duration.ofSeconds(30))
			.doBeforeRetry((signal) -> logger.warn("Marking owned mentions failed (attempt {}), trying again: {}",
					signal.totalRetries() + 1, signal.failure().toString()));
	}

}
