package io.grapevine.ingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;

/**
 * The health of every source instance under {@code /actuator/health/sources}: DOWN only
 * when the API refused the instance's credentials, which only the operator can fix;
 * DEGRADED while every item it reads goes to the dead-letter topic (the API's answers
 * changed shape, or the mapping is wrong), so that an instance that publishes nothing
 * does not look healthy; a paused, rate-limited or failing instance is UP with what
 * happened as details, since it recovers by itself.
 */
class SourceHealth implements CompositeHealthContributor {

	/**
	 * Read but publishing nothing; ordered between DOWN and UP in
	 * {@code management.endpoint.health.status.order}.
	 */
	static final Status DEGRADED = new Status("DEGRADED", "every item of the last page went to the dead-letter topic");

	private final SourceStatusBoard board;

	private final Clock clock;

	SourceHealth(SourceStatusBoard board, Clock clock) {
		this.board = board;
		this.clock = clock;
	}

	@Override
	public HealthContributor getContributor(String name) {
		return this.board.find(name).isPresent() ? indicator(name) : null;
	}

	@Override
	public Iterator<NamedContributor<HealthContributor>> iterator() {
		return this.board.all()
			.stream()
			.map((status) -> NamedContributor.of(status.instanceId(), indicator(status.instanceId())))
			.iterator();
	}

	private HealthContributor indicator(String instanceId) {
		return (HealthIndicator) () -> this.board.find(instanceId)
			.map(this::health)
			.orElseGet(() -> Health.unknown().build());
	}

	Health health(SourceStatus status) {
		Instant now = this.clock.instant();
		Health.Builder health = status.credentialsRefused() ? Health.down()
				: status.deadLettering() ? Health.status(DEGRADED) : Health.up();
		health.withDetail("enabled", status.enabled());
		if (!status.enabled()) {
			return health.build();
		}
		if (status.credentialsRefused() || !status.healthy()) {
			status.lastError().ifPresent((error) -> health.withDetail("error", error));
		}
		status.pausedUntil()
			.filter((until) -> until.isAfter(now))
			.ifPresent((until) -> health.withDetail("pausedUntil", until.toString()));
		status.lastSuccess().ifPresent((success) -> health.withDetail("lastSuccess", success.toString()));
		status.cursor()
			.ifPresent((cursor) -> health.withDetail("cursorAgeSeconds",
					Math.max(0, Duration.between(cursor.updatedAt(), now).toSeconds())));
		status.rateLimitRemaining().ifPresent((remaining) -> health.withDetail("rateLimitRemaining", remaining));
		health.withDetail("mentionsLastHour", this.board.publishedInTheLastHour(status.instanceId(), now));
		return health.build();
	}

}
