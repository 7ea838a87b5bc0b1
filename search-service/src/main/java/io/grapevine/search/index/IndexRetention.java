package io.grapevine.search.index;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deletes whole monthly indices once their month is older than the retention; the minimal
 * Elasticsearch node has no delete-by-query, and dropping an index is cheaper anyway.
 */
@Component
class IndexRetention implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(IndexRetention.class);

	private static final Duration FIRST_CHECK = Duration.ofMinutes(1);

	private final ElasticsearchAsyncClient client;

	private final RetentionProperties properties;

	private final Clock clock;

	private volatile Disposable schedule;

	private final MentionIndexTemplate template;

	private final ChangedDays changedDays;

	IndexRetention(ElasticsearchAsyncClient client, RetentionProperties properties, MentionIndexTemplate template,
			ChangedDays changedDays) {
		this.client = client;
		this.changedDays = changedDays;
		this.properties = properties;
		this.template = template;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Delete the monthly indices that have outlived the retention.
	 * @return the names of the deleted indices
	 */
	Mono<List<String>> deleteExpired() {
		return Mono
			.fromFuture(() -> this.client.indices()
				.get((get) -> get.index(MonthlyIndices.PATTERN).allowNoIndices(true).ignoreUnavailable(true)))
			.map((response) -> MonthlyIndices.expired(response.result().keySet(), this.clock.instant(),
					this.properties.retention()))
			.flatMap((expired) -> expired.isEmpty() ? Mono.just(expired)
					: Mono.fromFuture(() -> this.client.indices().delete((delete) -> delete.index(expired)))
						.doOnNext((response) -> logger.info("Deleted indices {} older than the retention of {}",
								expired, this.properties.retention()))
						// Their days are counted again, as empty, in the daily roll-ups.
						.then(Mono.defer(() -> this.changedDays.markDays(days(expired))))
						.thenReturn(expired));
	}

	private static List<java.time.LocalDate> days(List<String> indices) {
		return indices.stream()
			.flatMap((index) -> MonthlyIndices.monthOf(index).stream())
			.flatMap((month) -> month.atDay(1).datesUntil(month.plusMonths(1).atDay(1)))
			.toList();
	}

	@Override
	public void start() {
		this.schedule = Flux.interval(FIRST_CHECK, this.properties.retentionCheckInterval())
			// A new month gets its index even before its first mention.
			.concatMap((tick) -> deleteExpired().then(this.template.ensureIndexFor(this.clock.instant()))
				.onErrorResume((ex) -> {
					logger.warn("Retention check failed, trying again in {}: {}",
							this.properties.retentionCheckInterval(), ex.toString());
					return Mono.empty();
				}))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable schedule = this.schedule;
		if (schedule != null) {
			schedule.dispose();
		}
		this.schedule = null;
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

}
