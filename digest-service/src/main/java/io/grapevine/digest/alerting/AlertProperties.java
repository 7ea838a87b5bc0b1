package io.grapevine.digest.alerting;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of spike alerts.
 *
 * @param enabled whether the service reads {@code mentions} and raises alerts
 * @param bootstrapServers the Kafka brokers; empty for
 * {@code grapevine.kafka.bootstrap-servers}
 * @param mentionsIndex search-service's alias of mentions, read for baselines
 * @param baselineDays how many past days the baseline averages
 * @param window how far back the current count looks
 * @param minCount the fewest mentions in the window that may make a storm
 * @param volumeFactor how many times its expected count the window must hold
 * @param negativeRise how far above its baseline share the negative share must rise
 * @param highReach the reach or follower count from which one mention raises an alert
 * @param updateEvery the shortest time between two messages about one storm
 * @param tick how often open storms are checked without new mentions
 * @param muted topics muted for good
 */
@Validated
@ConfigurationProperties("grapevine.alerts")
public record AlertProperties(@DefaultValue("true") boolean enabled, @DefaultValue("") String bootstrapServers,
		@NotBlank @DefaultValue("mentions") String mentionsIndex, @Min(1) @DefaultValue("14") int baselineDays,
		@NotNull @DefaultValue("1h") Duration window, @Min(1) @DefaultValue("20") int minCount,
		@DecimalMin("1.0") @DefaultValue("3.0") double volumeFactor,
		@DecimalMin("0.01") @DefaultValue("0.3") double negativeRise,
		@DecimalMin("1") @DefaultValue("100000") double highReach, @NotNull @DefaultValue("10m") Duration updateEvery,
		@NotNull @DefaultValue("1m") Duration tick, @DefaultValue List<String> muted) {

	/**
	 * The detection thresholds.
	 * @return the thresholds
	 */
	public AlertThresholds thresholds() {
		return new AlertThresholds(this.window, this.minCount, this.volumeFactor, this.negativeRise, this.highReach,
				this.updateEvery);
	}

}
