package io.grapevine.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.grapevine.listening.KafkaTopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Grapevine's topics when they do not exist yet, so a fresh cluster works without
 * manual steps; existing topics are left as the operator configured them.
 */
public class KafkaTopicProvisioner {

	private static final Logger logger = LoggerFactory.getLogger(KafkaTopicProvisioner.class);

	private final GrapevineKafkaProperties properties;

	public KafkaTopicProvisioner(GrapevineKafkaProperties properties) {
		this.properties = properties;
	}

	/**
	 * The topics Grapevine needs, as it would create them.
	 * @return the topic definitions
	 */
	public List<NewTopic> topics() {
		short replication = this.properties.replicationFactor();
		String minInsync = String.valueOf(this.properties.minInsyncReplicas());
		return List.of(
				new NewTopic(KafkaTopicNames.MENTIONS, this.properties.mentionPartitions(), replication).configs(Map.of(
						TopicConfig.RETENTION_MS_CONFIG, String.valueOf(this.properties.mentionRetention().toMillis()),
						TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync)),
				new NewTopic(KafkaTopicNames.DEAD_LETTERS, 1, replication)
					.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
							String.valueOf(this.properties.deadLetterRetention().toMillis()),
							TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync)),
				new NewTopic(KafkaTopicNames.CURSORS, 1, replication).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
						TopicConfig.CLEANUP_POLICY_COMPACT, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync)),
				new NewTopic(KafkaTopicNames.SOURCE_INSTANCES, this.properties.instancePartitions(), replication)
					.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
							TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync)));
	}

	/**
	 * Create the missing topics, waiting at most the configured start-up timeout.
	 * @throws KafkaUnavailableException if Kafka cannot be reached in time
	 */
	public void provision() {
		long timeoutMs = this.properties.startupTimeout().toMillis();
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.properties.bootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs, 10_000));
		try (Admin admin = Admin.create(config)) {
			Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
			List<NewTopic> missing = topics().stream().filter((topic) -> !existing.contains(topic.name())).toList();
			if (missing.isEmpty()) {
				return;
			}
			try {
				admin.createTopics(missing).all().get(timeoutMs, TimeUnit.MILLISECONDS);
				logger.info("Created Kafka topics {}", missing.stream().map(NewTopic::name).toList());
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
				// Another service created it at the same moment: that is what we wanted.
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaUnavailableException("Interrupted while creating Kafka topics", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaUnavailableException("Kafka at '" + this.properties.bootstrapServers()
					+ "' did not answer within " + this.properties.startupTimeout().toSeconds()
					+ "s; check grapevine.kafka.bootstrap-servers (GRAPEVINE_KAFKA_BOOTSTRAP_SERVERS) and that the broker runs",
					ex);
		}
	}

}
