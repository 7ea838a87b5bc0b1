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

/**
 * The health of every source instance under {@code /actuator/health/sources}: DOWN only
 * when the API refused the instance's credentials, which only the operator can fix; a
 * paused, rate-limited or failing instance is UP with what happened as details, since it
 * recovers by itself.
 */
class SourceHealth implements CompositeHealthContributor {

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
		Health.Builder health = status.credentialsRefused() ? Health.down() : Health.up();
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
