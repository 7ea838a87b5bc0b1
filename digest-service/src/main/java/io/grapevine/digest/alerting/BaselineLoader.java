package io.grapevine.digest.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fills a {@link Baseline} from search-service's {@code mentions} alias: per topic, an
 * hourly date histogram over the baseline days up to the current hour, with the negative
 * mentions of each hour. Being counted by Elasticsearch, which keeps each mention once by
 * id, replays count nothing twice.
 */
public class BaselineLoader {

	private static final Logger logger = LoggerFactory.getLogger(BaselineLoader.class);

	private final ElasticsearchClient client;

	private final String index;

	private final int days;

	private final Clock clock;

	/**
	 * Create a loader.
	 * @param client the Elasticsearch client
	 * @param index the mentions alias
	 * @param days how many past days to read
	 * @param clock the clock
	 */
	public BaselineLoader(ElasticsearchClient client, String index, int days, Clock clock) {
		this.client = client;
		this.index = index;
		this.days = days;
		this.clock = clock;
	}

	/**
	 * Read the hourly counts up to the current hour and replace the baseline's with them;
	 * a missing alias leaves it empty.
	 * @param baseline the baseline to fill
	 * @return the number of topic-hours read
	 */
	public Mono<Integer> load(Baseline baseline) {
		return Mono.fromCallable(() -> loadNow(baseline)).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Read the baseline again when the clock has entered an hour it was not read for, so
	 * a replica running for days compares with the days just past.
	 * @param baseline the baseline
	 * @return the number of topic-hours read, or empty when it was up to date
	 */
	public Mono<Integer> refreshIfStale(Baseline baseline) {
		return Mono.defer(() -> baseline.staleAt(this.clock.instant()) ? load(baseline) : Mono.empty());
	}

	private int loadNow(Baseline baseline) throws java.io.IOException {
		Instant to = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		Baseline fresh = new Baseline(this.days);
		Instant from = to.minus(Duration.ofDays(this.days)).minus(Duration.ofHours(1));
		SearchResponse<Void> response;
		try {
			response = this.client.search((search) -> search.index(this.index)
				.size(0)
				// The organization's own posts are left out, as the live count leaves
				// them.
				.query((query) -> query.bool((bool) -> bool
					.filter((range) -> range.range((dates) -> dates
						.date((date) -> date.field("publishedAt").gte(from.toString()).lt(to.toString()))))
					.mustNot((owned) -> owned.term((term) -> term.field("owned").value(true)))))
				.aggregations("topics",
						(topics) -> topics.terms((terms) -> terms.field("topics").size(1000))
							.aggregations("hours", (hours) -> hours
								.dateHistogram((histogram) -> histogram.field("publishedAt")
									.calendarInterval(CalendarInterval.Hour)
									.minDocCount(1))
								.aggregations("negative",
										(negative) -> negative.filter((filter) -> filter
											.term((term) -> term.field("sentiment.label").value("negative")))))),
					Void.class);
		}
		catch (ElasticsearchException ex) {
			if ("index_not_found_exception".equals(ex.error().type())) {
				logger.info("No '{}' index yet: alert baselines start empty", this.index);
				baseline.replaceWith(fresh, to);
				return 0;
			}
			throw ex;
		}
		int read = 0;
		for (StringTermsBucket topic : response.aggregations().get("topics").sterms().buckets().array()) {
			for (DateHistogramBucket hour : topic.aggregations().get("hours").dateHistogram().buckets().array()) {
				fresh.put(topic.key().stringValue(), Instant.ofEpochMilli(hour.key()), hour.docCount(),
						hour.aggregations().get("negative").filter().docCount());
				read++;
			}
		}
		baseline.replaceWith(fresh, to);
		logger.info("Read {} topic-hour(s) of alert baseline from '{}' over {} day(s)", read, this.index, this.days);
		return read;
	}

}
