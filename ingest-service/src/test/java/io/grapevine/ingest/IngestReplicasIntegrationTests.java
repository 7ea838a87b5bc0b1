package io.grapevine.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.grapevine.ingest.IngestReplicas.Replica;
import io.grapevine.localstack.LocalStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the ingest service as three processes (replicas) against the real Kafka broker and
 * three fake X APIs under a steady trickle of posts, adds a replica, kills one with
 * {@code kill -9}, and checks that every source instance ran on one replica at a time,
 * that the killed replica's instances resumed on the others within a minute, and that no
 * post was lost.
 */
@ExtendWith(LocalStackExtension.class)
class IngestReplicasIntegrationTests {

	private IngestReplicas replicas;

	@AfterEach
	void stop() {
		if (this.replicas != null) {
			this.replicas.close();
		}
	}

	@Test
	void everyInstanceRunsOnOneReplicaAtATimeAndAKilledReplicasInstancesResumeElsewhereWithinAMinute()
			throws Exception {
		this.replicas = new IngestReplicas(LocalStackExtension.stack().kafkaBootstrapServers(), 3);
		this.replicas.start("a");
		Replica b = this.replicas.start("b");
		this.replicas.awaitRunningOn(2);
		Replica c = this.replicas.start("c");
		this.replicas.awaitRunningOn(3);
		Map<String, Replica> beforeKill = this.replicas.running(Instant.now());
		Replica victim = beforeKill.values().iterator().next();
		List<String> moving = victim.runningAt(beforeKill);

		Instant killedAt = victim.kill();
		Map<String, Instant> resumedAt = this.replicas.awaitResumed(victim, moving, killedAt);
		// A little more of the trickle on the two that are left.
		Thread.sleep(3_000);
		Map<String, Long> copies = this.replicas.stopLoadAndAwaitPublished();
		b.stop();
		c.stop();

		Set<String> posts = this.replicas.posts();
		List<String> duplicated = copies.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 1)
			.map(Map.Entry::getKey)
			.toList();
		Duration slowest = resumedAt.values()
			.stream()
			.map((at) -> Duration.between(killedAt, at))
			.max(Duration::compareTo)
			.orElseThrow();
		System.out.printf(
				"Ingest replicas: %d posts, %d published, %d lost, %d published twice; instances %s of the killed"
						+ " replica resumed after %s%n",
				posts.size(), copies.values().stream().mapToLong(Long::longValue).sum(), posts.size() - copies.size(),
				duplicated.size(), moving, slowest);
		assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(posts);
		assertThat(slowest).isLessThan(Duration.ofMinutes(1));
		// Only what the killed replica published after its last stored cursor comes
		// twice.
		assertThat(this.replicas.postsOf(moving)).containsAll(duplicated);
		this.replicas.assertEveryInstanceRanOnOneReplicaAtATime(Map.of(victim, killedAt));
	}

}
