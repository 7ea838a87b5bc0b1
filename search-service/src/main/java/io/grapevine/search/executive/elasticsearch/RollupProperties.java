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
 */
@Validated
@ConfigurationProperties("grapevine.search.rollups")
public record RollupProperties(@NotNull @DefaultValue("5s") Duration recomputeInterval,
		@NotNull @DefaultValue("10m") Duration checkInterval) {

}
