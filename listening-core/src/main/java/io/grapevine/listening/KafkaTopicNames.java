package io.grapevine.listening;

/**
 * Names of the Kafka topics that connect the Grapevine services.
 */
public final class KafkaTopicNames {

	/** Every mention, keyed by mention id, valued by Mention JSON. */
	public static final String MENTIONS = "mentions";

	/** Payloads that could not be mapped or indexed, with their source and reason. */
	public static final String DEAD_LETTERS = "mentions.dlq";

	/** Compacted: the position of each source instance, keyed by source instance id. */
	public static final String CURSORS = "ingest.cursors";

	/**
	 * Compacted: the topic the ingest replicas form a consumer group over; a source
	 * instance belongs to the partition its id hashes to, and runs on the replica that
	 * partition is assigned to.
	 */
	public static final String SOURCE_INSTANCES = "ingest.instances";

	private KafkaTopicNames() {
	}

}
