package io.grapevine.search.index;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long mentions stay searchable and how often old monthly indices are dropped.
 *
 * @param retention a monthly index is deleted once its whole month is older than this
 * @param retentionCheckInterval how often the retention job looks for expired indices
 */
@Validated
@ConfigurationProperties("grapevine.search")
public record RetentionProperties(@NotNull @DefaultValue("400d") Duration retention,
		@NotNull @DefaultValue("1h") Duration retentionCheckInterval) {

}
