package io.grapevine.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.grapevine.ingest.IngestReplicas.Replica;
import io.grapevine.localstack.LocalCluster;
import io.grapevine.localstack.LocalStackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs two ingest replicas on a three-broker cluster under a steady trickle of posts,
 * kills one broker and then one replica with {@code kill -9}, and checks that no post was
 * lost. Six servers take minutes to start on two cores: it runs when
 * {@code -Dgrapevine.cluster-tests=true} is given.
 */
@EnabledIfSystemProperty(named = "grapevine.cluster-tests", matches = "true")
class IngestClusterIntegrationTests {

	private static LocalCluster cluster;

	private IngestReplicas replicas;

	@BeforeAll
	static void startCluster() {
		cluster = LocalCluster.start(LocalStackOptions.forTests());
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@AfterEach
	void stop() {
		if (this.replicas != null) {
			this.replicas.close();
		}
	}

	@Test
	void noPostIsLostWhenABrokerAndThenAnIngestReplicaAreKilled() throws Exception {
		this.replicas = new IngestReplicas(cluster.kafkaBootstrapServers(), 2,
				"--grapevine.kafka.replication-factor=3");
		this.replicas.start("a");
		this.replicas.start("b");
		this.replicas.awaitRunningOn(2);

		cluster.killKafkaBroker(0);
		Thread.sleep(10_000);
		Map<String, Replica> beforeKill = this.replicas.running(Instant.now());
		Replica victim = beforeKill.values().iterator().next();
		List<String> moving = victim.runningAt(beforeKill);
		Instant killedAt = victim.kill();
		Map<String, Instant> resumedAt = this.replicas.awaitResumed(victim, moving, killedAt);
		Thread.sleep(3_000);
		Map<String, Long> copies = this.replicas.stopLoadAndAwaitPublished();

		Set<String> posts = this.replicas.posts();
		long duplicated = copies.values().stream().filter((count) -> count > 1).count();
		Duration slowest = resumedAt.values()
			.stream()
			.map((at) -> Duration.between(killedAt, at))
			.max(Duration::compareTo)
			.orElseThrow();
		System.out.printf(
				"Ingest on a cluster, one broker killed, then one replica: %d posts, %d lost, %d published twice;"
						+ " instances %s resumed after %s%n",
				posts.size(), posts.size() - copies.size(), duplicated, moving, slowest);
		assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(posts);
		assertThat(slowest).isLessThan(Duration.ofMinutes(1));
		this.replicas.assertEveryInstanceRanOnOneReplicaAtATime(Map.of(victim, killedAt));
	}

}
