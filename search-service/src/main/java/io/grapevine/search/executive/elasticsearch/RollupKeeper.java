package io.grapevine.search.executive.elasticsearch;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.grapevine.search.index.ChangedDays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps the daily roll-ups beside the indexer: every few seconds it counts again the past
 * days marked as changed and not marked again for a while (a day a backlog still drains
 * into waits, read live) and clears their marks (a mark set again meanwhile stays), and
 * on start, when a day is over, when a day before those it last looked from was counted
 * (mentions older than all before), and every check interval it counts the days that have
 * no roll-up yet. The marks are stored in Elasticsearch, so a restart loses none; today
 * is read live and counted once it is over.
 */
class RollupKeeper implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RollupKeeper.class);

	private static final int MARKS = 100;

	private static final int DAYS_PER_ROUND = 20;

	private final DailyRollups rollups;

	private final ChangedDays changedDays;

	private final RollupProperties properties;

	private final Clock clock;

	private final java.time.Duration retention;

	private final AtomicReference<Instant> lastCheck = new AtomicReference<>(Instant.EPOCH);

	private final AtomicReference<LocalDate> lastToday = new AtomicReference<>(LocalDate.MIN);

	// The first day the last look for days with no roll-up started from.
	private final AtomicReference<LocalDate> filledFrom = new AtomicReference<>(LocalDate.MAX);

	// Whether a day before it was counted since: mentions older than all before
	// came, and the days between them and the rest have no roll-up yet.
	private final AtomicBoolean earlierDays = new AtomicBoolean();

	private volatile Disposable schedule;

	RollupKeeper(DailyRollups rollups, ChangedDays changedDays, RollupProperties properties,
			java.time.Duration retention) {
		this.rollups = rollups;
		this.retention = retention;
		this.changedDays = changedDays;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	@Override
	public void start() {
		this.schedule = Flux.interval(this.properties.recomputeInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> recomputeChanged().then(Mono.defer(this::fillIfDue)).onErrorResume((ex) -> {
				logger.warn("Keeping the daily roll-ups failed, trying again in {}: {}",
						this.properties.recomputeInterval(), ex.toString());
				return Mono.empty();
			}), 1)
			.subscribe(null, (ex) -> logger.error("Keeping the daily roll-ups stopped", ex));
		logger.info(
				"Keeping the daily roll-ups: changed days counted again every {}, days with none looked for every {}",
				this.properties.recomputeInterval(), this.properties.checkInterval());
	}

	/**
	 * Count again the past days marked as changed.
	 * @return how many days were counted
	 */
	Mono<Long> recomputeChanged() {
		LocalDate today = this.rollups.today();
		return this.changedDays.pending(MARKS, this.clock.instant().minus(this.properties.settle()))
			.flatMapMany(Flux::fromIterable)
			.filter((mark) -> mark.date().isBefore(today))
			.doOnNext((mark) -> {
				if (mark.date().isBefore(this.filledFrom.get())) {
					this.earlierDays.set(true);
				}
			})
			.concatMap((mark) -> this.rollups.recompute(mark.date()).then(this.changedDays.clear(mark)))
			.count()
			.doOnNext((count) -> {
				if (count > 0) {
					logger.info("Counted again the daily roll-ups of {} changed days", count);
				}
			});
	}

	private Mono<Void> fillIfDue() {
		Instant now = this.clock.instant();
		LocalDate today = this.rollups.today();
		if (today.equals(this.lastToday.get())
				&& now.isBefore(this.lastCheck.get().plus(this.properties.checkInterval()))
				&& !this.earlierDays.getAndSet(false)) {
			return Mono.empty();
		}
		return fill().doOnSuccess((count) -> {
			if (count < DAYS_PER_ROUND) {
				this.lastCheck.set(now);
				this.lastToday.set(today);
			}
		}).then();
	}

	/**
	 * Count every past day within the retention, from the first mention's, that has no
	 * roll-up yet; a day with no mention gets an empty one without being counted.
	 * @return how many days were counted
	 */
	Mono<Long> fill() {
		LocalDate yesterday = this.rollups.today().minusDays(1);
		LocalDate kept = LocalDate.ofInstant(this.clock.instant().minus(this.retention), java.time.ZoneOffset.UTC);
		return this.rollups.firstDay()
			.flatMap((day) -> day.map((first) -> first.isAfter(kept) ? first : kept).map((from) -> {
				this.filledFrom.set(from);
				return this.rollups.missing(from, yesterday);
			}).orElse(Mono.just(List.of())))
			.filter((missing) -> !missing.isEmpty())
			.flatMap((missing) -> this.rollups.daysWithMentions(missing.get(0), missing.get(missing.size() - 1))
				.flatMap((held) -> this.rollups.empty(missing.stream().filter((day) -> !held.contains(day)).toList())
					.then(Flux.fromIterable(missing)
						.filter(held::contains)
						// A few days a round, so marked days wait no longer than that.
						.take(DAYS_PER_ROUND)
						.concatMap((day) -> this.rollups.recompute(day).thenReturn(day))
						.count())))
			.defaultIfEmpty(0L)
			.doOnNext((count) -> {
				if (count > 0) {
					logger.info("Counted the daily roll-ups of {} days that had none", count);
				}
			});
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
