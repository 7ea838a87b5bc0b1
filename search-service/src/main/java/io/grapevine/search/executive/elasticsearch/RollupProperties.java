package io.grapevine.search.executive.elasticsearch;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the indexer keeps the executive view's daily roll-ups.
 *
 * @param recomputeInterval how often the days marked as changed are counted again
 * @param checkInterval how often the days with no roll-up yet (a fresh install, a day
 * just over, declarations changed) are looked for and counted
 * @param settle how long a day must go unmarked before it is counted again: while a
 * backlog drains into a day, each batch marks it again, and counting it after every batch
 * would take the indexer's time for nothing (the view reads a marked day live meanwhile)
 */
@Validated
@ConfigurationProperties("grapevine.search.rollups")
public record RollupProperties(@NotNull @DefaultValue("5s") Duration recomputeInterval,
		@NotNull @DefaultValue("10m") Duration checkInterval, @NotNull @DefaultValue("30s") Duration settle) {

	/**
	 * Settings whose durations make sense.
	 */
	public RollupProperties {
		if (recomputeInterval != null && (recomputeInterval.isNegative() || recomputeInterval.isZero())) {
			throw new IllegalArgumentException(
					"grapevine.search.rollups.recompute-interval must be positive, was " + recomputeInterval);
		}
		if (checkInterval != null && (checkInterval.isNegative() || checkInterval.isZero())) {
			throw new IllegalArgumentException(
					"grapevine.search.rollups.check-interval must be positive, was " + checkInterval);
		}
		if (settle != null && settle.isNegative()) {
			throw new IllegalArgumentException("grapevine.search.rollups.settle must not be negative, was " + settle);
		}
	}

}
