package io.grapevine.digest.alerting;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.grapevine.digest.archive.ElasticsearchCalls;

/**
 * Keeps the latest message of every alert in the Elasticsearch index {@code alerts} (one
 * document per alert id) and the topic mutes in {@code alert-mutes}, so every replica and
 * restart sees them.
 */
public class AlertArchive {

	/** The index of alerts. */
	public static final String INDEX = "alerts";

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
		create(MUTES);
	}

	private void create(String index) {
		boolean created = ElasticsearchCalls.createIndexIfAbsent(this.client, index,
				(indices) -> indices.create((create) -> create.index(index)
					.settings((settings) -> settings.numberOfShards("1").numberOfReplicas("0"))
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
	 * Store an alert's latest message.
	 * @param alert the message
	 * @return completes once stored
	 */
	public Mono<Void> save(Alert alert) {
		return ElasticsearchCalls
			.call("archive alert " + alert.id(),
					() -> this.client.index((index) -> index.index(INDEX).id(alert.id()).document(alert)))
			.then();
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
	 * Store a mute.
	 * @param topicId the topic
	 * @param until when alerts resume
	 * @return completes once stored
	 */
	public Mono<Void> mute(String topicId, Instant until) {
		return ElasticsearchCalls.call("mute topic " + topicId,
				() -> this.client.index((index) -> index.index(MUTES)
					.id(topicId)
					.document(new Mute(topicId, until))
					.refresh(co.elastic.clients.elasticsearch._types.Refresh.True)))
			.then();
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

}
