package io.grapevine.ingest.pipeline;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the ingest replicas share the source instances out through a Kafka consumer group.
 *
 * @param id the consumer group of the replicas that share the same organization's
 * sources: every replica of one deployment uses the same id
 * @param sessionTimeout how long the group waits for a replica that stopped answering
 * (killed, its machine lost) before its instances move to the others
 * @param stopGrace how long a replica giving up an instance waits for the page on its way
 * to Kafka and its cursor before it cancels the instance (what it published after its
 * last cursor is then fetched again by the next owner)
 */
@Validated
@ConfigurationProperties("grapevine.ingest.group")
public record IngestGroupProperties(@NotBlank @DefaultValue("grapevine-ingest") String id,
		@NotNull @DefaultValue("15s") Duration sessionTimeout, @NotNull @DefaultValue("20s") Duration stopGrace) {

	public IngestGroupProperties {
		if (sessionTimeout != null && (sessionTimeout.compareTo(Duration.ofSeconds(6)) < 0
				|| sessionTimeout.compareTo(Duration.ofMinutes(30)) > 0)) {
			throw new IllegalArgumentException("grapevine.ingest.group.session-timeout must be between 6s and 30m"
					+ " (the brokers' group.min/max.session.timeout.ms), was " + sessionTimeout);
		}
		if (stopGrace != null && (stopGrace.isNegative() || stopGrace.isZero())) {
			throw new IllegalArgumentException("grapevine.ingest.group.stop-grace must be positive, was " + stopGrace);
		}
	}

	/**
	 * How long the group waits for a replica to give its instances up in a rebalance
	 * ({@code max.poll.interval.ms}): the stop grace and time to spare.
	 * @return the rebalance timeout
	 */
	Duration rebalanceTimeout() {
		return this.stopGrace.plusSeconds(30);
	}

}
