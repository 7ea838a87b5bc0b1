package io.grapevine.digest.alerting;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.grapevine.digest.elasticsearch.ElasticsearchCalls;

/**
 * Keeps the latest message of every alert in the Elasticsearch index {@code alerts} (one
 * document per alert id), the current storm of every topic in {@code alert-storms} (one
 * document per topic, which decides which replica raises each message of a storm) and the
 * topic mutes in {@code alert-mutes}, so every replica and restart sees them.
 */
public class AlertArchive {

	/** The index of alerts. */
	public static final String INDEX = "alerts";

	/** The index of each topic's current storm. */
	public static final String STORMS = "alert-storms";

	/** The index of mutes. */
	public static final String MUTES = "alert-mutes";

	private static final Logger logger = LoggerFactory.getLogger(AlertArchive.class);

	private final ElasticsearchClient client;

	/**
	 * Create an archive.
	 * @param client the Elasticsearch client
	 */
	public AlertArchive(ElasticsearchClient client) {
		this.client = client;
	}

	/**
	 * Create the indices unless they exist.
	 */
	public void createIndicesIfAbsent() {
		create(INDEX);
		create(STORMS);
		create(MUTES);
	}

	private void create(String index) {
		boolean created = ElasticsearchCalls.createIndexIfAbsent(this.client, index,
				(indices) -> indices.create((create) -> create.index(index)
					.settings((settings) -> settings.numberOfShards("1").autoExpandReplicas("0-1"))
					.mappings((mappings) -> mappings.properties("id", (p) -> p.keyword((k) -> k))
						.properties("topicId", (p) -> p.keyword((k) -> k))
						.properties("kind", (p) -> p.keyword((k) -> k))
						.properties("state", (p) -> p.keyword((k) -> k))
						.properties("at", (p) -> p.date((d) -> d))
						.properties("until", (p) -> p.date((d) -> d)))));
		if (created) {
			logger.info("Created the index '{}'", index);
		}
	}

	/**
	 * Store an alert's latest message; a reach alert is stored once.
	 * @param alert the message
	 * @return completes once stored
	 */
	public Mono<Void> save(Alert alert) {
		return ElasticsearchCalls.call("archive alert " + alert.id(), () -> {
			try {
				this.client.index((index) -> {
					index.index(INDEX).id(alert.id()).document(alert);
					// Every replica raises a reach alert, and a restarted one raises
					// those of
					// the window it reads again: the first stays.
					return (alert.kind() == Alert.Kind.REACH)
							? index.opType(co.elastic.clients.elasticsearch._types.OpType.Create) : index;
				});
			}
			catch (IOException | RuntimeException ex) {
				if (!(alert.kind() == Alert.Kind.REACH && conflict(ex))) {
					throw ex;
				}
			}
			return Boolean.TRUE;
		}).then();
	}

	/**
	 * Decide whether this replica raises a message about a storm: it does when the
	 * message follows the topic's current storm as archived (an opening when no storm is
	 * open, the next revision of the open one) and its conditional write of the storm
	 * wins; otherwise the archived storm is the one to follow.
	 * @param alert an opening, update or end of a storm
	 * @param stale how long after its last message an open storm is taken as over, so
	 * that a storm left open when every replica stopped does not swallow the next one
	 * @return the claim
	 */
	public Mono<StormClaim> claim(Alert alert, Duration stale) {
		return ElasticsearchCalls.call("claim alert " + alert.messageId(), () -> claimNow(alert, stale));
	}

	private StormClaim claimNow(Alert alert, Duration stale) throws IOException {
		Optional<Versioned> current = storm(alert.topicId());
		if (current.isPresent() && !follows(alert, current.get().alert(), stale)) {
			return StormClaim.follow(current.get().alert());
		}
		try {
			this.client.index((index) -> {
				index.index(STORMS).id(alert.topicId()).document(alert);
				if (current.isPresent()) {
					index.ifSeqNo(current.get().seqNo()).ifPrimaryTerm(current.get().primaryTerm());
				}
				else {
					index.opType(co.elastic.clients.elasticsearch._types.OpType.Create);
				}
				return index;
			});
			return StormClaim.raise(alert);
		}
		catch (IOException | RuntimeException ex) {
			if (!conflict(ex)) {
				throw ex;
			}
		}
		// Another replica wrote first: follow what it wrote.
		return storm(alert.topicId()).map((won) -> StormClaim.follow(won.alert()))
			.orElseGet(() -> StormClaim.follow(alert));
	}

	private static boolean follows(Alert alert, Alert current, Duration stale) {
		if (alert.state() == Alert.State.OPENED) {
			return current.state() == Alert.State.OVER || current.at().isBefore(alert.at().minus(stale));
		}
		return current.id().equals(alert.id()) && current.state() != Alert.State.OVER
				&& current.revision() < alert.revision();
	}

	private Optional<Versioned> storm(String topicId) throws IOException {
		GetResponse<Alert> response = this.client.get((get) -> get.index(STORMS).id(topicId), Alert.class);
		if (!response.found() || response.source() == null) {
			return Optional.empty();
		}
		return Optional.of(new Versioned(response.source(), response.seqNo(), response.primaryTerm()));
	}

	// The client reports a version conflict either as an ElasticsearchException or as
	// the low-level client's ResponseException.
	private static boolean conflict(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof ElasticsearchException elasticsearch && elasticsearch.status() == 409) {
				return true;
			}
			if (cause instanceof ResponseException response
					&& response.getResponse().getStatusLine().getStatusCode() == 409) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The latest alerts, newest first.
	 * @param size how many
	 * @return the alerts
	 */
	public Mono<List<Alert>> latest(int size) {
		return ElasticsearchCalls.call("list alerts",
				() -> this.client
					.search((search) -> search.index(INDEX)
						.size(size)
						.sort((sort) -> sort.field((field) -> field.field("at").order(SortOrder.Desc))), Alert.class)
					.hits()
					.hits()
					.stream()
					.map(Hit::source)
					.filter(Objects::nonNull)
					.toList());
	}

	/**
	 * Store a mute, at once visible to every replica.
	 * @param topicId the topic
	 * @param until when alerts resume
	 * @return completes once stored
	 */
	public Mono<Void> mute(String topicId, Instant until) {
		return ElasticsearchCalls
			.call("mute topic " + topicId, () -> this.client.index(
					(index) -> index.index(MUTES).id(topicId).document(new Mute(topicId, until)).refresh(Refresh.True)))
			.then();
	}

	/**
	 * Remove a topic's mute.
	 * @param topicId the topic
	 * @return whether it had one
	 */
	public Mono<Boolean> unmute(String topicId) {
		return ElasticsearchCalls.call("unmute topic " + topicId, () -> {
			try {
				return this.client.delete((delete) -> delete.index(MUTES).id(topicId).refresh(Refresh.True))
					.result() == co.elastic.clients.elasticsearch._types.Result.Deleted;
			}
			catch (ElasticsearchException ex) {
				if (ex.status() == 404) {
					return false;
				}
				throw ex;
			}
		});
	}

	/**
	 * The stored mute of one topic, read by id in real time.
	 * @param topicId the topic
	 * @return until when it is muted, empty when it is not
	 */
	public Mono<Optional<Instant>> mutedUntil(String topicId) {
		return ElasticsearchCalls.call("read the mute of topic " + topicId, () -> {
			GetResponse<Mute> response = this.client.get((get) -> get.index(MUTES).id(topicId), Mute.class);
			return (response.found() && response.source() != null) ? Optional.of(response.source().until())
					: Optional.<Instant>empty();
		});
	}

	/**
	 * The stored mutes.
	 * @return until when each topic is muted
	 */
	public Mono<Map<String, Instant>> mutes() {
		return ElasticsearchCalls.call("read mutes", () -> {
			Map<String, Instant> mutes = new LinkedHashMap<>();
			this.client.search((search) -> search.index(MUTES).size(1000), Mute.class)
				.hits()
				.hits()
				.stream()
				.map(Hit::source)
				.filter(Objects::nonNull)
				.forEach((mute) -> mutes.put(mute.topicId(), mute.until()));
			return mutes;
		});
	}

	/**
	 * A stored mute.
	 *
	 * @param topicId the topic
	 * @param until when alerts resume
	 */
	public record Mute(String topicId, Instant until) {
	}

	/**
	 * What a claim on a storm message found.
	 *
	 * @param raise whether this replica raises the message
	 * @param current the storm's message as archived now: the claimed one, or the one
	 * another replica raised, which this replica should follow
	 */
	public record StormClaim(boolean raise, Alert current) {

		static StormClaim raise(Alert alert) {
			return new StormClaim(true, alert);
		}

		static StormClaim follow(Alert current) {
			return new StormClaim(false, current);
		}

	}

	private record Versioned(Alert alert, Long seqNo, Long primaryTerm) {
	}

}
