package io.grapevine.search.indexing;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the indexer consumes and batches mentions.
 *
 * @param enabled whether this instance runs the indexer (the API works without it)
 * @param groupId the Kafka consumer group
 * @param batchSize most mentions in one bulk request
 * @param batchTimeout longest wait before a partial batch is written
 * @param retryBackoff first wait before a failed batch is written again
 * @param maxRetryBackoff longest wait between attempts while Elasticsearch is down
 * @param stallTimeout how long mentions may wait with nothing indexed before the
 * {@code indexer} health turns DOWN
 */
@Validated
@ConfigurationProperties("grapevine.search.indexer")
public record IndexerProperties(@DefaultValue("true") boolean enabled,
		@NotBlank @DefaultValue("search-indexer") String groupId,
		@Min(1) @Max(10_000) @DefaultValue("1000") int batchSize, @NotNull @DefaultValue("500ms") Duration batchTimeout,
		@NotNull @DefaultValue("1s") Duration retryBackoff, @NotNull @DefaultValue("30s") Duration maxRetryBackoff,
		@NotNull @DefaultValue("2m") Duration stallTimeout) {

}
