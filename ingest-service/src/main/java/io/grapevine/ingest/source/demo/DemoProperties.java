package io.grapevine.ingest.source.demo;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the demo source.
 *
 * @param enabled whether the demo source runs
 * @param instanceId the source instance id, the key of its cursor
 * @param sample the sample to replay: one Mention JSON per line
 * @param pageSize how many sample lines one page replays
 * @param trickleInterval how often a fresh mention is added once the sample is replayed:
 * every two minutes, a few times the sample's own pace (one every 14 minutes), so the
 * demo looks alive yet no topic gets the 20 mentions an hour that make a storm alert
 */
@Validated
@ConfigurationProperties("grapevine.ingest.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, @NotBlank @DefaultValue("demo") String instanceId,
		@NotNull @DefaultValue("classpath:demo/mentions.jsonl") Resource sample,
		@Min(1) @DefaultValue("500") int pageSize, @NotNull @DefaultValue("2m") Duration trickleInterval) {

	public DemoProperties {
		if (trickleInterval != null && (trickleInterval.isZero() || trickleInterval.isNegative())) {
			throw new IllegalArgumentException(
					"grapevine.ingest.demo.trickle-interval must be positive, was " + trickleInterval);
		}
	}

}
