package io.grapevine.search.indexing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetRequest;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.elasticsearch.core.mget.MultiGetOperation;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grapevine.kafka.DeadLetterPublisher;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.InvalidMentionException;
import io.grapevine.listening.organization.Accounts;
import io.grapevine.search.handling.elasticsearch.ReplyAnswers;
import io.grapevine.search.handling.elasticsearch.ReplyAnswers.Written;
import io.grapevine.search.index.ChangedDays;
import io.grapevine.search.index.MentionIndexTemplate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

import org.springframework.context.SmartLifecycle;

/**
 * The indexing pipeline: consumes {@code mentions}, bulk-writes each batch into the
 * monthly indices with the mention id as {@code _id}, sets aside what cannot be indexed
 * on {@code mentions.dlq}, and commits a batch's offsets only once Elasticsearch has
 * accepted it. While Elasticsearch is down the batch is retried with backoff, never
 * dropped.
 * <p>
 * A mention is created; one that is there already (a replay, a duplicate delivery, an
 * edit) is written again as a partial update, so what others keep on its document, its
 * {@code handling}, survives.
 */
public class MentionIndexer implements SmartLifecycle {

	/** The {@code source} of the dead letters the indexer writes. */
	public static final String DEAD_LETTER_SOURCE = "indexer";

	/** The counter of documents Elasticsearch has accepted. */
	public static final String DOCUMENTS_METRIC = "grapevine.indexer.documents";

	private static final Logger logger = LoggerFactory.getLogger(MentionIndexer.class);

	private final ReceiverOptions<String, String> receiverOptions;

	private final ElasticsearchAsyncClient client;

	private final MentionIndexTemplate template;

	private final DeadLetterPublisher deadLetters;

	private final IndexerProperties properties;

	private final Counter documents;

	private final Accounts accounts;

	private final ReplyAnswers replyAnswers;

	private final PublicationWindow window;

	private final IndexerProgress progress;

	private final ChangedDays changedDays;

	private final ObservationRegistry observations;

	private volatile Disposable pipeline;

	private volatile Disposable marking;

	MentionIndexer(ReceiverOptions<String, String> receiverOptions, ElasticsearchAsyncClient client,
			MentionIndexTemplate template, DeadLetterPublisher deadLetters, IndexerProperties properties,
			MeterRegistry meterRegistry, Accounts accounts, ReplyAnswers replyAnswers, PublicationWindow window,
			IndexerProgress progress, ChangedDays changedDays, ObservationRegistry observations) {
		this.receiverOptions = receiverOptions;
		this.changedDays = changedDays;
		this.observations = observations;
		this.window = window;
		this.progress = progress;
		this.accounts = accounts;
		this.replyAnswers = replyAnswers;
		this.client = client;
		this.template = template;
		this.deadLetters = deadLetters;
		this.properties = properties;
		this.documents = Counter.builder(DOCUMENTS_METRIC)
			.description("Mentions Elasticsearch has accepted from the indexer")
			.baseUnit("documents")
			.register(meterRegistry);
	}

	@Override
	public void start() {
		OwnedMarks marks = new OwnedMarks(this.client, this.accounts, this.replyAnswers, this.changedDays);
		Mono<Void> installed = this.template.install().retryWhen(retry("Putting the index template")).cache();
		this.marking = installed.then(marks.markAll())
			.subscribe(null, (ex) -> logger.error("Marking the mentions of the organization's accounts stopped", ex));
		this.pipeline = installed
			.thenMany(Flux.defer(this::indexMentions).retryWhen(retry("Consuming mentions").transientErrors(true)))
			.subscribe(null, (ex) -> logger.error("The indexer stopped", ex));
		logger.info("Indexer started: group {}, batches of up to {} mentions or {}", this.properties.groupId(),
				this.properties.batchSize(), this.properties.batchTimeout());
	}

	private Flux<Batch> indexMentions() {
		// Records of a consumer closed before they were written come again to this one.
		this.progress.restarted();
		return KafkaReceiver.create(this.receiverOptions)
			.receive()
			.bufferTimeout(this.properties.batchSize(), this.properties.batchTimeout(), true)
			.doOnNext((records) -> this.progress.received(records.size()))
			.map((records) -> Batch.of(traced(records), this.accounts, this.window))
			// One batch at a time, so a replay of a mention never races its earlier
			// version;
			// Kafka keeps fetching while Elasticsearch works.
			// The days the batch writes to are marked before and after, and before its
			// offsets are committed: a batch redelivered after a crash marks them again.
			.concatMap((batch) -> this.changedDays.mark(batch.publishedAt())
				.then(write(batch))
				.then(Mono.defer(() -> this.changedDays.markAgain(batch.publishedAt())))
				.retryWhen(retry("Writing a batch of " + batch.size() + " mentions"))
				.then(Mono.defer(() -> commit(batch)))
				.thenReturn(batch)
				.doFinally((signal) -> batch.records().forEach(TracedRecord::done)), 2);
	}

	private List<TracedRecord> traced(List<ReceiverRecord<String, String>> records) {
		List<TracedRecord> traced = new ArrayList<>(records.size());
		for (ReceiverRecord<String, String> record : records) {
			traced.add(TracedRecord.received(record, this.observations, this.properties.groupId(),
					this.receiverOptions.bootstrapServers()));
		}
		return traced;
	}

	private Mono<Void> write(Batch batch) {
		// A mention id always lands in the same partition, so the partitions' parts of a
		// batch hold different mentions and their bulk requests can overlap. Once all are
		// in, the organization's replies answer what they reply to.
		return Flux.fromIterable(batch.byPartition())
			.flatMap(this::writePart)
			.collectList()
			.flatMap((parts) -> this.replyAnswers.written(parts.stream().flatMap(List::stream).toList()));
	}

	private Mono<List<Written>> writePart(Batch batch) {
		List<Written> written = new ArrayList<>();
		Mono<List<Letter>> rejected = bulk(batch, written);
		return rejected.flatMap((rejections) -> {
			List<Letter> deadLetters = new ArrayList<>(batch.invalid());
			deadLetters.addAll(rejections);
			long accepted = batch.documents().size() - rejections.size();
			return Flux.fromIterable(deadLetters)
				.concatMap((letter) -> letter.record().deadLetter(() -> this.deadLetters.publish(letter.letter())))
				.then()
				.doOnSuccess((done) -> this.documents.increment(accepted));
		}).thenReturn(written);
	}

	/**
	 * Writes the documents of a batch and answers the dead letters of those Elasticsearch
	 * rejected. When it refuses the whole request (not for a passing reason: too large,
	 * unreadable), the batch is split in halves until the documents it refuses are found
	 * alone, so one cannot hold back the others.
	 */
	private Mono<List<Letter>> bulk(Batch batch, List<Written> written) {
		if (batch.documents().isEmpty()) {
			return Mono.just(List.of());
		}
		return bulkAsIs(batch, written).onErrorResume(MentionIndexer::refusedForGood, (ex) -> {
			if (batch.documents().size() == 1) {
				Entry entry = batch.documents().get(0);
				return Mono.just(List.of(new Letter(DeadLetter.now(DEAD_LETTER_SOURCE,
						"Elasticsearch refused mention " + entry.document().id() + " from "
								+ Batch.where(entry.record()) + ": " + ex.getMessage(),
						entry.record().record().value()), entry.record())));
			}
			int half = batch.documents().size() / 2;
			Batch first = new Batch(List.of(), batch.documents().subList(0, half), List.of());
			Batch second = new Batch(List.of(), batch.documents().subList(half, batch.documents().size()), List.of());
			logger.warn("Elasticsearch refused a bulk request of {} mentions ({}); writing it in halves",
					batch.documents().size(), ex.getMessage());
			// One half after the other: both add to the same list of what was written.
			return bulk(first, written).flatMap((a) -> bulk(second, written).map((b) -> {
				List<Letter> both = new ArrayList<>(a);
				both.addAll(b);
				return both;
			}));
		});
	}

	private Mono<List<Letter>> bulkAsIs(Batch batch, List<Written> written) {
		return Mono.fromFuture(() -> this.client.bulk(batch.request())).flatMap((response) -> {
			List<Letter> rejections = new ArrayList<>();
			Batch existing = batch.written(response, rejections, written, true);
			if (existing.documents().isEmpty()) {
				return Mono.just(rejections);
			}
			// Another copy of a stored mention is merged with it, so the richer value of
			// each field stays whichever copy came first.
			return Mono.fromFuture(() -> this.client.mget(existing.storedRequest(), ObjectNode.class))
				.map((stored) -> existing.merged(stored, this.accounts))
				.flatMap((merged) -> Mono.fromFuture(() -> this.client.bulk(merged.updateRequest())).map((again) -> {
					merged.written(again, rejections, written, false);
					return rejections;
				}));
		});
	}

	/**
	 * Whether Elasticsearch refused a request for what it holds, so sending it again
	 * cannot help; anything else (unreachable, blocked, overloaded) passes and the batch
	 * is written again after a backoff.
	 */
	static boolean refusedForGood(Throwable failure) {
		Throwable cause = failure;
		while (cause != null) {
			int status = -1;
			if (cause instanceof ElasticsearchException refused) {
				status = refused.status();
			}
			else if (cause instanceof TransportException refused) {
				status = refused.statusCode();
			}
			// What the request holds: unreadable, or too large. A 403 is a cluster block
			// (disk flood stage, read-only) that lifts; 429 and 5xx pass too.
			if (status == 400 || status == 413) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

	private Mono<Void> commit(Batch batch) {
		// Acknowledged offsets are committed by the receiver every commit interval and
		// when it
		// closes; waiting for each commit here would stall the next batch behind a poll.
		batch.records().forEach((record) -> record.record().receiverOffset().acknowledge());
		this.progress.done(batch.size());
		return Mono.empty();
	}

	private RetryBackoffSpec retry(String what) {
		return Retry.backoff(Long.MAX_VALUE, this.properties.retryBackoff())
			.maxBackoff(this.properties.maxRetryBackoff())
			.doBeforeRetry((signal) -> logger.warn("{} failed (attempt {}), trying again: {}", what,
					signal.totalRetries() + 1, signal.failure().toString()));
	}

	@Override
	public void stop() {
		Disposable marking = this.marking;
		if (marking != null) {
			marking.dispose();
		}
		Disposable pipeline = this.pipeline;
		if (pipeline != null) {
			pipeline.dispose();
			this.progress.restarted();
			logger.info("Indexer stopped");
		}
		this.pipeline = null;
	}

	@Override
	public boolean isRunning() {
		return this.pipeline != null;
	}

	/**
	 * One batch of records: the documents to write and the records that are not mentions.
	 */
	private record Batch(List<TracedRecord> records, List<Entry> documents, List<Letter> invalid) {

		static Batch of(List<TracedRecord> records, Accounts accounts, PublicationWindow window) {
			List<Entry> documents = new ArrayList<>(records.size());
			List<Letter> invalid = new ArrayList<>();
			for (TracedRecord traced : records) {
				ReceiverRecord<String, String> record = traced.record();
				try {
					MentionDocument document = MentionDocuments.from(record.value(), accounts);
					Optional<String> refusal = window.refusal(document.mention());
					if (refusal.isPresent()) {
						invalid.add(new Letter(DeadLetter.now(DEAD_LETTER_SOURCE,
								"mention " + document.id() + " from " + where(traced) + " is " + refusal.get(),
								record.value()), traced));
						continue;
					}
					documents.add(new Entry(document, traced));
				}
				catch (InvalidMentionException ex) {
					invalid.add(new Letter(
							DeadLetter.now(DEAD_LETTER_SOURCE,
									"record " + where(traced) + " (key " + record.key()
											+ ") is not valid Mention JSON: " + ex.getMessage(),
									record.value()),
							traced));
				}
				catch (RuntimeException | StackOverflowError ex) {
					// Whatever else a record does to the reader, it must not stop the
					// stream.
					traced.log(
							() -> logger.warn("Record {} (key {}) could not be read", where(traced), record.key(), ex));
					invalid.add(new Letter(DeadLetter.now(DEAD_LETTER_SOURCE,
							"record " + where(traced) + " (key " + record.key() + ") could not be read: " + ex,
							record.value()), traced));
				}
			}
			return new Batch(records, documents, invalid);
		}

		int size() {
			return this.records.size();
		}

		/** When each mention of the batch was published. */
		List<java.time.Instant> publishedAt() {
			return this.documents.stream().map((entry) -> entry.document().mention().publishedAt()).toList();
		}

		/**
		 * This batch split by Kafka partition, in order within each partition; the
		 * records that are not mentions go with the first part.
		 */
		List<Batch> byPartition() {
			Map<TopicPartition, List<Entry>> parts = new LinkedHashMap<>();
			for (Entry entry : this.documents) {
				parts
					.computeIfAbsent(entry.record().record().receiverOffset().topicPartition(),
							(partition) -> new ArrayList<>())
					.add(entry);
			}
			List<Batch> batches = new ArrayList<>();
			for (List<Entry> entries : parts.values()) {
				batches.add(new Batch(List.of(), entries, batches.isEmpty() ? this.invalid : List.of()));
			}
			if (batches.isEmpty()) {
				batches.add(new Batch(List.of(), List.of(), this.invalid));
			}
			return batches;
		}

		/** Creates every document; those that exist already are answered 409. */
		BulkRequest request() {
			List<BulkOperation> operations = new ArrayList<>(this.documents.size());
			for (Entry entry : this.documents) {
				MentionDocument document = entry.document();
				BinaryData source = BinaryData.of(document.source(), ContentType.APPLICATION_JSON);
				operations.add(BulkOperation.of((operation) -> operation
					.create((create) -> create.index(document.index()).id(document.id()).document(source))));
			}
			return BulkRequest.of((bulk) -> bulk.operations(operations));
		}

		/** Reads the stored documents of this batch's mentions. */
		MgetRequest storedRequest() {
			return MgetRequest.of((mget) -> mget.docs(this.documents.stream()
				.map((entry) -> MultiGetOperation
					.of((doc) -> doc.index(entry.document().index()).id(entry.document().id())))
				.toList()));
		}

		/**
		 * This batch with each document merged with its stored copy.
		 * @param stored the answer to {@link #storedRequest()}
		 * @param accounts the organization's declared accounts
		 * @return the batch to write over the stored documents
		 */
		Batch merged(MgetResponse<ObjectNode> stored, Accounts accounts) {
			List<Entry> merged = new ArrayList<>(this.documents.size());
			for (int i = 0; i < this.documents.size(); i++) {
				Entry entry = this.documents.get(i);
				MultiGetResponseItem<ObjectNode> item = (i < stored.docs().size()) ? stored.docs().get(i) : null;
				if (item != null && item.isResult() && item.result().found() && item.result().source() != null) {
					merged.add(new Entry(MentionDocuments.merged(entry.document(), item.result().source(),
							item.result().index(), accounts), entry.record()));
				}
				else {
					merged.add(entry);
				}
			}
			return new Batch(List.of(), merged, List.of());
		}

		/** Writes the documents over the existing ones, keeping their other fields. */
		BulkRequest updateRequest() {
			List<BulkOperation> operations = new ArrayList<>(this.documents.size());
			for (Entry entry : this.documents) {
				MentionDocument document = entry.document();
				ObjectNode source = MentionDocuments.replacing(document);
				operations
					.add(BulkOperation.of((operation) -> operation.update((update) -> update.index(document.index())
						.id(document.id())
						.action((action) -> action.doc(source).docAsUpsert(true)))));
			}
			return BulkRequest.of((bulk) -> bulk.operations(operations));
		}

		/**
		 * Reads the answer to one of this batch's bulk requests: adds the dead letters of
		 * the items Elasticsearch rejected and the mentions it took, and answers the part
		 * of the batch whose documents existed already.
		 * @throws RetryableBulkException if an item failed for a reason that passes
		 */
		Batch written(BulkResponse response, List<Letter> rejected, List<Written> written, boolean creating) {
			List<Entry> existing = new ArrayList<>();
			List<BulkResponseItem> items = response.items();
			for (int i = 0; i < items.size(); i++) {
				BulkResponseItem item = items.get(i);
				Entry entry = this.documents.get(i);
				if (item.error() == null) {
					MentionDocument document = entry.document();
					written.add(new Written(document.mention(), document.index(), creating));
					if (logger.isDebugEnabled()) {
						entry.record()
							.log(() -> logger.debug("Indexed mention {} from {} into {} ({})", document.id(),
									where(entry.record()), document.index(), creating ? "created" : "merged"));
					}
					continue;
				}
				if (item.status() == 409 && item.operationType() == OperationType.Create) {
					existing.add(entry);
					continue;
				}
				if (item.status() == 429 || item.status() >= 500) {
					throw new RetryableBulkException("Elasticsearch could not take mention " + item.id() + " now ("
							+ item.status() + " " + item.error().type() + ": " + item.error().reason() + ")");
				}
				rejected.add(new Letter(DeadLetter.now(DEAD_LETTER_SOURCE,
						"Elasticsearch rejected mention " + item.id() + " from " + where(entry.record()) + " for index "
								+ item.index() + ": " + item.error().type() + ": " + item.error().reason(),
						entry.record().record().value()), entry.record()));
			}
			return new Batch(List.of(), existing, List.of());
		}

		static String where(TracedRecord traced) {
			ReceiverRecord<String, String> record = traced.record();
			return record.topic() + "-" + record.partition() + "@" + record.offset();
		}

	}

	private record Entry(MentionDocument document, TracedRecord record) {
	}

	/** A dead letter and the record it sets aside, whose trace it is sent in. */
	private record Letter(DeadLetter letter, TracedRecord record) {
	}

	/**
	 * Thrown when Elasticsearch turned items away for a reason that passes (overload, a
	 * shard not ready), so the whole batch is written again.
	 */
	static class RetryableBulkException extends RuntimeException {

		RetryableBulkException(String message) {
			super(message);
		}

	}

}
