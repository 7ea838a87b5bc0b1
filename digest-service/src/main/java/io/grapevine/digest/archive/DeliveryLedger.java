package io.grapevine.digest.archive;

import io.grapevine.digest.elasticsearch.ElasticsearchCalls;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Records, per digest and channel (email, Slack, Teams), who is delivering it and whether
 * it was delivered, in the Elasticsearch index {@code digest-deliveries}, so each channel
 * gets each digest once even with several digest-service replicas: a replica claims a
 * channel with a create-only write (or, once a claim has lapsed, a write conditional on
 * the sequence number it read), delivers, then marks it sent.
 * <p>
 * The one gap: a replica that dies after the channel took the digest but before marking
 * it sent leaves a claim that lapses, and another replica sends again. Neither SMTP nor
 * chat webhooks take an idempotency key, so that window (milliseconds) cannot be closed
 * from this side.
 * <p>
 * Records are read by id, which Elasticsearch answers in real time, so writes need no
 * refresh.
 */
public class DeliveryLedger {

	/** The index of delivery records. */
	public static final String INDEX = "digest-deliveries";

	/** The counter of deliveries by kind, channel and outcome. */
	public static final String DELIVERIES_METRIC = "grapevine.digest.deliveries";

	private static final Logger logger = LoggerFactory.getLogger(DeliveryLedger.class);

	private final ElasticsearchClient client;

	private final Clock clock;

	private final String replica;

	private final Duration lease;

	private final MeterRegistry meterRegistry;

	/**
	 * Create a ledger.
	 * @param client the Elasticsearch client
	 * @param clock the clock
	 * @param replica this replica's name, recorded in claims
	 * @param lease how long a claim holds before another replica may take it over
	 */
	public DeliveryLedger(ElasticsearchClient client, Clock clock, String replica, Duration lease) {
		this(client, clock, replica, lease, Metrics.globalRegistry);
	}

	/**
	 * Create a ledger that counts deliveries as {@value #DELIVERIES_METRIC}, tagged
	 * {@code kind} (digest or alert), {@code channel} and {@code outcome} (sent or
	 * failed).
	 * @param client the Elasticsearch client
	 * @param clock the clock
	 * @param replica this replica's name, recorded in claims
	 * @param lease how long a claim holds before another replica may take it over
	 * @param meterRegistry where the deliveries are counted
	 */
	public DeliveryLedger(ElasticsearchClient client, Clock clock, String replica, Duration lease,
			MeterRegistry meterRegistry) {
		this.client = client;
		this.clock = clock;
		this.replica = replica;
		this.lease = lease;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Create the index unless it exists.
	 */
	public void createIndexIfAbsent() {
		boolean created = ElasticsearchCalls.createIndexIfAbsent(this.client, INDEX,
				(indices) -> indices.create((create) -> create.index(INDEX)
					.settings((settings) -> settings.numberOfShards("1").autoExpandReplicas("0-1"))
					.mappings((mappings) -> mappings.properties("digestId", (p) -> p.keyword((k) -> k))
						.properties("channel", (p) -> p.keyword((k) -> k))
						.properties("status", (p) -> p.keyword((k) -> k))
						.properties("claimedBy", (p) -> p.keyword((k) -> k))
						.properties("claimedUntil", (p) -> p.date((d) -> d))
						.properties("sentAt", (p) -> p.date((d) -> d))
						.properties("attempts", (p) -> p.integer((i) -> i))
						.properties("lastError", (p) -> p.text((t) -> t)))));
		if (created) {
			logger.info("Created the delivery ledger index '{}'", INDEX);
		}
	}

	/**
	 * Try to claim a channel of a digest for this replica.
	 * @param digestId the digest's archive id
	 * @param channel the channel
	 * @return {@link Claim#CLAIMED} when this replica should deliver now,
	 * {@link Claim#SENT} when it was delivered already, {@link Claim#HELD} when another
	 * replica is delivering it
	 */
	public Mono<Claim> claim(String digestId, String channel) {
		return ElasticsearchCalls.call("claim " + channel + " of digest " + digestId,
				() -> claimNow(digestId, channel));
	}

	/**
	 * Record that a channel took the digest.
	 * @param digestId the digest's archive id
	 * @param channel the channel
	 * @return completes once recorded
	 */
	public Mono<Void> markSent(String digestId, String channel) {
		return ElasticsearchCalls.call("record " + channel + " of digest " + digestId + " as sent", () -> {
			Instant now = this.clock.instant();
			DeliveryRecord current = read(digestId, channel).map(Versioned::record).orElse(null);
			int attempts = (current != null) ? current.attempts() : 1;
			write(new DeliveryRecord(digestId, channel, DeliveryRecord.SENT, this.replica, now, Optional.of(now),
					attempts, Optional.empty()), null);
			return Boolean.TRUE;
		}).doOnSuccess((done) -> count(digestId, channel, "sent")).then();
	}

	/**
	 * Give a claim back after a failed delivery, so the next try (on any replica) may
	 * claim it at once.
	 * @param digestId the digest's archive id
	 * @param channel the channel
	 * @param error why the delivery failed
	 * @return completes once recorded
	 */
	public Mono<Void> release(String digestId, String channel, String error) {
		count(digestId, channel, "failed");
		return ElasticsearchCalls.call("release " + channel + " of digest " + digestId, () -> {
			Optional<Versioned> current = read(digestId, channel);
			if (current.isEmpty() || !this.replica.equals(current.get().record().claimedBy())
					|| DeliveryRecord.SENT.equals(current.get().record().status())) {
				return Boolean.FALSE;
			}
			DeliveryRecord record = current.get().record();
			write(new DeliveryRecord(digestId, channel, DeliveryRecord.FAILED, this.replica, this.clock.instant(),
					Optional.empty(), record.attempts(), Optional.of(error)), current.get());
			return Boolean.TRUE;
		}).onErrorResume((ex) -> {
			logger.warn("Could not release {} of digest {}; its claim lapses after {}", channel, digestId, this.lease);
			return Mono.just(Boolean.FALSE);
		}).then();
	}

	private void count(String digestId, String channel, String outcome) {
		Counter.builder(DELIVERIES_METRIC)
			.description("Digests and alerts delivered on a channel, or failed there after every try")
			.tag("kind", digestId.startsWith("alert:") ? "alert" : "digest")
			.tag("channel", channel)
			.tag("outcome", outcome)
			.register(this.meterRegistry)
			.increment();
	}

	/**
	 * The recorded state of each channel of a digest.
	 * @param digestId the digest's archive id
	 * @param channels the channels
	 * @return the record of each channel that has one
	 */
	public Mono<Map<String, DeliveryRecord>> records(String digestId, List<String> channels) {
		return ElasticsearchCalls.call("read the deliveries of digest " + digestId, () -> {
			MgetResponse<DeliveryRecord> response = this.client.mget(
					(mget) -> mget.index(INDEX).ids(channels.stream().map((channel) -> id(digestId, channel)).toList()),
					DeliveryRecord.class);
			Map<String, DeliveryRecord> records = new java.util.LinkedHashMap<>();
			response.docs().forEach((doc) -> {
				if (doc.isResult()) {
					GetResult<DeliveryRecord> result = doc.result();
					if (result.found() && result.source() != null) {
						records.put(result.source().channel(), result.source());
					}
				}
			});
			return records;
		});
	}

	/**
	 * Which of many digests a channel has taken already, in one read, so a schedule that
	 * looks at many digests each check composes only those still to send.
	 * @param digestIds the digests' ids
	 * @param channel the channel
	 * @return the ids of those marked sent on it
	 */
	public Mono<Set<String>> sent(Collection<String> digestIds, String channel) {
		if (digestIds.isEmpty()) {
			return Mono.just(Set.of());
		}
		return ElasticsearchCalls.call("read the " + channel + " deliveries of " + digestIds.size() + " digest(s)",
				() -> {
					MgetResponse<DeliveryRecord> response = this.client.mget(
							(mget) -> mget.index(INDEX)
								.ids(digestIds.stream().map((digestId) -> id(digestId, channel)).toList()),
							DeliveryRecord.class);
					Set<String> sent = new HashSet<>();
					response.docs().forEach((doc) -> {
						if (doc.isResult() && doc.result().found() && doc.result().source() != null
								&& DeliveryRecord.SENT.equals(doc.result().source().status())) {
							sent.add(doc.result().source().digestId());
						}
					});
					return sent;
				});
	}

	private Claim claimNow(String digestId, String channel) throws IOException {
		Instant now = this.clock.instant();
		DeliveryRecord fresh = new DeliveryRecord(digestId, channel, DeliveryRecord.CLAIMED, this.replica,
				now.plus(this.lease), Optional.empty(), 1, Optional.empty());
		try {
			this.client.create((create) -> create.index(INDEX).id(id(digestId, channel)).document(fresh));
			return Claim.CLAIMED;
		}
		catch (IOException | RuntimeException ex) {
			if (!conflict(ex)) {
				throw ex;
			}
		}
		Optional<Versioned> current = read(digestId, channel);
		if (current.isEmpty()) {
			// Deleted between the two calls: the next try claims it afresh.
			return Claim.HELD;
		}
		DeliveryRecord record = current.get().record();
		if (DeliveryRecord.SENT.equals(record.status())) {
			return Claim.SENT;
		}
		if (DeliveryRecord.CLAIMED.equals(record.status()) && record.claimedUntil().isAfter(now)
				&& !this.replica.equals(record.claimedBy())) {
			return Claim.HELD;
		}
		try {
			write(new DeliveryRecord(digestId, channel, DeliveryRecord.CLAIMED, this.replica, now.plus(this.lease),
					Optional.empty(), record.attempts() + 1, record.lastError()), current.get());
			return Claim.CLAIMED;
		}
		catch (IOException | RuntimeException ex) {
			if (conflict(ex)) {
				return Claim.HELD;
			}
			throw ex;
		}
	}

	// The client reports a version conflict either as an ElasticsearchException or, on
	// some endpoints, as the low-level client's ResponseException.
	private static boolean conflict(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ElasticsearchException elasticsearch && elasticsearch.status() == 409) {
				return true;
			}
			if (cause instanceof ResponseException response
					&& response.getResponse().getStatusLine().getStatusCode() == 409) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private Optional<Versioned> read(String digestId, String channel) throws IOException {
		GetResponse<DeliveryRecord> response = this.client.get((get) -> get.index(INDEX).id(id(digestId, channel)),
				DeliveryRecord.class);
		if (!response.found() || response.source() == null) {
			return Optional.empty();
		}
		return Optional.of(new Versioned(response.source(), response.seqNo(), response.primaryTerm()));
	}

	private void write(DeliveryRecord record, Versioned expected) throws IOException {
		this.client.index((index) -> {
			index.index(INDEX).id(id(record.digestId(), record.channel())).document(record);
			if (expected != null) {
				index.ifSeqNo(expected.seqNo()).ifPrimaryTerm(expected.primaryTerm());
			}
			return index;
		});
	}

	private static String id(String digestId, String channel) {
		return digestId + ":" + channel;
	}

	/**
	 * What a claim found.
	 */
	public enum Claim {

		/** This replica holds the channel now and should deliver. */
		CLAIMED,

		/** The channel took the digest already. */
		SENT,

		/** Another replica is delivering it. */
		HELD

	}

	private record Versioned(DeliveryRecord record, Long seqNo, Long primaryTerm) {
	}

}
