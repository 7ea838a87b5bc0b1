package io.grapevine.search.executive.elasticsearch;

import io.grapevine.search.index.ChangedDays;
import io.grapevine.search.index.RetentionProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the daily roll-ups where the indexer runs (unless
 * {@code grapevine.search.indexer.enabled} is false); every instance reads them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "grapevine.search.indexer.enabled", matchIfMissing = true)
class RollupConfiguration {

	@Bean
	RollupKeeper rollupKeeper(DailyRollups rollups, ChangedDays changedDays, RollupProperties properties,
			RetentionProperties retention) {
		return new RollupKeeper(rollups, changedDays, properties, retention.retention());
	}

}
