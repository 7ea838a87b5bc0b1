package io.grapevine.search.indexing;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.kafka.receiver.observation.KafkaReceiverObservation;
import reactor.kafka.receiver.observation.KafkaRecordReceiverContext;

/**
 * A record of {@code mentions} as the indexer handles it: observed from its receipt until
 * it is indexed or set aside, as a span of the trace its producer's {@code traceparent}
 * header names. What the indexer logs about it carries that trace and the record's
 * mention id, and its dead letter is sent in the same trace.
 */
final class TracedRecord {

	/** The logging context key of the mention id, as the ingest service writes it. */
	static final String MENTION_ID = "mentionId";

	private final ReceiverRecord<String, String> record;

	private final Observation observation;

	private TracedRecord(ReceiverRecord<String, String> record, Observation observation) {
		this.record = record;
		this.observation = observation;
	}

	/**
	 * Starts observing the handling of a record received.
	 * @param record the record
	 * @param registry where observations go (spans, timers)
	 * @param receiverId the name of the receiver, for the observation's tags
	 * @param bootstrapServers the Kafka servers, for the span's remote service
	 * @return the record, observed
	 */
	static TracedRecord received(ReceiverRecord<String, String> record, ObservationRegistry registry, String receiverId,
			String bootstrapServers) {
		Observation observation = KafkaReceiverObservation.RECEIVER_OBSERVATION.start(null,
				KafkaReceiverObservation.DefaultKafkaReceiverObservationConvention.INSTANCE,
				() -> new KafkaRecordReceiverContext(record, receiverId, bootstrapServers), registry);
		return new TracedRecord(record, observation);
	}

	ReceiverRecord<String, String> record() {
		return this.record;
	}

	/**
	 * Runs logging (or what logs) in this record's trace, with its mention id in the
	 * logging context.
	 * @param logging what to run
	 */
	void log(Runnable logging) {
		within(() -> {
			logging.run();
			return null;
		});
	}

	/**
	 * Sends a dead letter of this record in its trace: the letter is logged with this
	 * record's trace and mention id, and its Kafka record carries the trace on.
	 * @param publishing makes the publication; called within this record's trace
	 * @return the publication
	 */
	Mono<Void> deadLetter(Supplier<Mono<Void>> publishing) {
		return within(publishing)
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, this.observation));
	}

	private <T> T within(Supplier<T> action) {
		return this.observation.scoped(() -> {
			String mentionId = this.record.key();
			if (mentionId == null) {
				return action.get();
			}
			try (MDC.MDCCloseable id = MDC.putCloseable(MENTION_ID, mentionId)) {
				return action.get();
			}
		});
	}

	/** Ends the observation: the record is indexed or set aside, or the indexer stops. */
	void done() {
		this.observation.stop();
	}

}
