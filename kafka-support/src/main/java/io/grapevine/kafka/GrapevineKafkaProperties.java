package io.grapevine.kafka;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Grapevine's Kafka is and how its topics are laid out.
 *
 * @param bootstrapServers comma-separated host:port list of the brokers (environment:
 * {@code GRAPEVINE_KAFKA_BOOTSTRAP_SERVERS})
 * @param mentionPartitions partitions of the {@code mentions} topic when Grapevine
 * creates it
 * @param replicationFactor replication of the topics Grapevine creates
 * @param mentionRetention how long Kafka keeps mentions
 * @param deadLetterRetention how long Kafka keeps dead letters
 * @param startupTimeout how long start-up waits for Kafka before giving up with a message
 * @param instancePartitions partitions of the {@code ingest.instances} topic when
 * Grapevine creates it: the most ingest replicas that share the source instances out
 */
@Validated
@ConfigurationProperties("grapevine.kafka")
public record GrapevineKafkaProperties(@NotBlank @DefaultValue("127.0.0.1:9092") String bootstrapServers,
		@Min(1) @DefaultValue("3") int mentionPartitions, @Min(1) @DefaultValue("1") short replicationFactor,
		@NotNull @DefaultValue("7d") Duration mentionRetention,
		@NotNull @DefaultValue("30d") Duration deadLetterRetention,
		@NotNull @DefaultValue("30s") Duration startupTimeout, @Min(1) @DefaultValue("12") int instancePartitions) {

	/**
	 * The {@code min.insync.replicas} of the topics Grapevine creates: two when they have
	 * three replicas or more, so that an acknowledged record is on two brokers and one
	 * broker may be lost without stopping writes; one otherwise.
	 * @return the minimum in-sync replicas
	 */
	public int minInsyncReplicas() {
		return (this.replicationFactor >= 3) ? 2 : 1;
	}

}
