package io.grapevine.search.handling.elasticsearch;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Account;
import io.grapevine.listening.organization.Organization;
import io.grapevine.search.handling.ActionKind;
import io.grapevine.search.handling.ActionRequest;
import io.grapevine.search.handling.HandlingConflictException;
import io.grapevine.search.handling.elasticsearch.HandlingStore.Stored;
import io.grapevine.search.index.KeptIndex;
import io.grapevine.search.index.MonthlyIndices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Marks a mention answered when one of the organization's own accounts replies to it: the
 * reply's link is the answer and the account is who answered, in the handling history
 * like a person's answer, without anyone clicking anything.
 * <p>
 * A reply and the mention it answers may arrive in either order, in one batch or two, on
 * one indexer or two. So each side writes what it knows first and then reads the other,
 * both by id (reads by id see every write at once, where searches wait for a refresh): an
 * owned reply is recorded in the index {@value #INDEX} under the id of the mention it
 * answers (the first reply wins), then that mention is looked up; a mention created is
 * looked up there. Whichever comes second finds the other. The answer is a write
 * conditional on the sequence number read, and only a waiting mention is answered, so
 * finding both twice answers once.
 */
@Component
public class ReplyAnswers {

	/** The index of owned replies, one per answered mention, {@code _id} = its id. */
	public static final String INDEX = "owned-replies";

	/** Months before a reply's own in which the mention it answers is looked up by id. */
	private static final int MONTHS_BACK = 2;

	private static final Logger logger = LoggerFactory.getLogger(ReplyAnswers.class);

	private final ElasticsearchAsyncClient client;

	private final HandlingStore store;

	private final Organization organization;

	private final KeptIndex index = new KeptIndex(INDEX, "the organization's replies",
			(mappings) -> mappings.properties("parentId", (property) -> property.keyword((keyword) -> keyword))
				.properties("replyId", (property) -> property.keyword((keyword) -> keyword))
				.properties("account", (property) -> property.keyword((keyword) -> keyword))
				.properties("network", (property) -> property.keyword((keyword) -> keyword))
				.properties("publishedAt", (property) -> property.date((date) -> date)));

	ReplyAnswers(ElasticsearchAsyncClient client, HandlingStore store, Organization organization) {
		this.client = client;
		this.store = store;
		this.organization = organization;
	}

	/**
	 * Answer what the written mentions answer, and the written mentions that an owned
	 * reply answered before they arrived.
	 * @param written the mentions just written, each with its index and whether it was
	 * created (rather than written over)
	 * @return completion once every answer is taken
	 */
	public Mono<Void> written(List<Written> written) {
		if (this.organization.accounts().own().isEmpty() || written.isEmpty()) {
			return Mono.empty();
		}
		List<Mention> replies = written.stream()
			.map(Written::mention)
			.filter((mention) -> mention.owned()
					&& mention.parentId().filter((id) -> !id.equals(mention.id())).isPresent())
			.toList();
		Map<String, List<String>> places = new LinkedHashMap<>();
		for (Written mention : written) {
			if (mention.created() && !mention.mention().owned()) {
				places.put(mention.mention().id(), List.of(mention.index()));
			}
		}
		for (Mention reply : replies) {
			places.putIfAbsent(reply.parentId().orElseThrow(), months(reply.publishedAt()));
		}
		if (places.isEmpty()) {
			return Mono.empty();
		}
		return record(replies).then(Mono.defer(() -> recorded(places.keySet())))
			.flatMapMany((found) -> Flux.fromIterable(found.entrySet()))
			.concatMap((reply) -> answer(reply.getKey(), places.get(reply.getKey()), reply.getValue(), true))
			.then();
	}

	private Mono<Void> record(List<Mention> replies) {
		if (replies.isEmpty()) {
			return Mono.empty();
		}
		List<BulkOperation> operations = new ArrayList<>();
		for (Mention reply : replies) {
			OwnedReply record = new OwnedReply(reply.parentId().orElseThrow(), reply.id(), reply.url().toString(),
					account(reply), reply.source(), reply.publishedAt().toString());
			operations.add(BulkOperation.of((operation) -> operation
				.create((create) -> create.index(INDEX).id(record.parentId()).document(record))));
		}
		// A 409 means an earlier reply answers the mention already.
		return ensureIndex().then(Mono.fromFuture(() -> this.client.bulk((bulk) -> bulk.operations(operations))))
			.flatMap((response) -> {
				for (var item : response.items()) {
					if (item.error() != null && item.status() != 409) {
						return Mono.error(new IllegalStateException("The owned reply to " + item.id()
								+ " was not recorded: " + item.error().type() + ": " + item.error().reason()));
					}
				}
				return Mono.<Void>empty();
			});
	}

	private Mono<Map<String, OwnedReply>> recorded(java.util.Collection<String> ids) {
		return Mono
			.fromFuture(() -> this.client.mget((mget) -> mget.index(INDEX).ids(List.copyOf(ids)), OwnedReply.class))
			.map((response) -> {
				Map<String, OwnedReply> found = new LinkedHashMap<>();
				for (MultiGetResponseItem<OwnedReply> item : response.docs()) {
					if (item.isResult() && item.result().found() && item.result().source() != null) {
						found.put(item.result().id(), item.result().source());
					}
				}
				return found;
			})
			.onErrorResume(ReplyAnswers::indexMissing, (ex) -> Mono.just(Map.of()));
	}

	private Mono<Void> answer(String mentionId, List<String> indices, OwnedReply reply, boolean again) {
		return locate(mentionId, indices).flatMap((stored) -> {
			if (stored.mention().owned() || !stored.handling().state().waiting()) {
				return Mono.<Void>empty();
			}
			Instant at = answeredAt(stored.mention(), reply);
			ActionRequest answer = new ActionRequest(ActionKind.ANSWER, Optional.empty(), Optional.empty(),
					Optional.of(java.net.URI.create(reply.url())),
					Optional.of("replied on " + reply.network() + " from " + reply.account()));
			// Nobody waits on the indexer's answers: searches see them at the next
			// refresh.
			return this.store.apply(stored, answer, reply.account(), at, false)
				.doOnNext((after) -> logger.info("Mention {} answered by the reply {} of {}", mentionId,
						reply.replyId(), reply.account()))
				.then();
		})
			.onErrorResume((ex) -> again && ex instanceof HandlingConflictException conflict && conflict.concurrent(),
					(ex) -> answer(mentionId, indices, reply, false))
			.onErrorResume(HandlingConflictException.class, (ex) -> {
				logger.warn("Mention {} was not marked answered by the reply {}: {}", mentionId, reply.replyId(),
						ex.getMessage());
				return Mono.empty();
			});
	}

	// The answer counts from when the reply was posted, never before the mention itself
	// nor after now.
	private static Instant answeredAt(Mention mention, OwnedReply reply) {
		Instant at = Instant.parse(reply.publishedAt());
		Instant now = Instant.now();
		at = at.isAfter(now) ? now : at;
		return at.isBefore(mention.publishedAt()) ? mention.publishedAt() : at;
	}

	private Mono<Stored> locate(String mentionId, List<String> indices) {
		return Mono.fromFuture(() -> this.client.mget((mget) -> {
			indices.forEach((index) -> mget.docs((doc) -> doc.index(index).id(mentionId)));
			return mget;
		}, ObjectNode.class)).flatMap((response) -> first(response).map(Mono::just).orElseGet(() -> search(mentionId)));
	}

	private Optional<Stored> first(MgetResponse<ObjectNode> response) {
		for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
			if (item.isResult() && item.result().found()) {
				GetResult<ObjectNode> result = item.result();
				return Optional.of(this.store.stored(result.index(), result.id(), result.seqNo(), result.primaryTerm(),
						result.source()));
			}
		}
		return Optional.empty();
	}

	// A mention published more than a couple of months before the reply has long been
	// searchable.
	private Mono<Stored> search(String mentionId) {
		return Mono.fromFuture(() -> this.client.search((search) -> search.index(MonthlyIndices.ALIAS)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.seqNoPrimaryTerm(true)
			.size(1)
			.query((query) -> query.ids((ids) -> ids.values(mentionId))), ObjectNode.class)).flatMap((response) -> {
				List<Hit<ObjectNode>> hits = response.hits().hits();
				if (hits.isEmpty()) {
					return Mono.empty();
				}
				Hit<ObjectNode> hit = hits.get(0);
				return Mono
					.just(this.store.stored(hit.index(), hit.id(), hit.seqNo(), hit.primaryTerm(), hit.source()));
			});
	}

	private String account(Mention reply) {
		return this.organization.accounts()
			.author(reply)
			.map(Account::displayName)
			.orElse("@" + reply.author().handle());
	}

	private static List<String> months(Instant publishedAt) {
		YearMonth month = YearMonth.from(publishedAt.atZone(ZoneOffset.UTC));
		List<String> indices = new ArrayList<>();
		for (int back = 0; back <= MONTHS_BACK; back++) {
			indices.add(
					MonthlyIndices.indexFor(month.minusMonths(back).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
		}
		return indices;
	}

	private Mono<Void> ensureIndex() {
		return this.index.ensure(this.client);
	}

	private static boolean indexMissing(Throwable failure) {
		return failure instanceof ElasticsearchException ex && "index_not_found_exception".equals(ex.error().type());
	}

	/**
	 * A mention as written by the indexer.
	 *
	 * @param mention the mention, marked with whose account wrote it
	 * @param index the monthly index it is in
	 * @param created whether it was new, rather than written over
	 */
	public record Written(Mention mention, String index, boolean created) {
	}

	/**
	 * The organization's first reply to a mention, as the index {@value #INDEX} keeps it.
	 *
	 * @param parentId the mention it answers
	 * @param replyId the reply
	 * @param url the reply's link
	 * @param account the account that replied, as people read it
	 * @param network the network it replied on
	 * @param publishedAt when it replied
	 */
	public record OwnedReply(String parentId, String replyId, String url, String account, String network,
			String publishedAt) {
	}

}
