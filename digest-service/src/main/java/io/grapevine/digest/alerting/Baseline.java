package io.grapevine.digest.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mentions per topic per hour over the last days (total and negative), from which the
 * expected count of an hour is the mean of the same hour of day on those days.
 */
public class Baseline {

	private final int days;

	private volatile Map<String, Map<Instant, long[]>> hours = new ConcurrentHashMap<>();

	private volatile Instant loadedUpTo = Instant.EPOCH;

	/**
	 * Create an empty baseline.
	 * @param days how many past days the expectation averages
	 */
	public Baseline(int days) {
		this.days = days;
	}

	/**
	 * Set the counts of one topic and hour, replacing what was there.
	 * @param topicId the topic
	 * @param hour the start of the hour
	 * @param total its mentions
	 * @param negative its negative mentions
	 */
	public void put(String topicId, Instant hour, long total, long negative) {
		this.hours.computeIfAbsent(topicId, (key) -> new ConcurrentHashMap<>())
			.put(hour.truncatedTo(ChronoUnit.HOURS), new long[] { total, negative });
	}

	/**
	 * Replace every count with those of another baseline, read up to an hour.
	 * @param fresh the counts just read
	 * @param upTo the end of the last hour read
	 */
	public void replaceWith(Baseline fresh, Instant upTo) {
		this.hours = fresh.hours;
		this.loadedUpTo = upTo;
	}

	/**
	 * Whether the counts stop before the hour that ends before {@code now}, so that a
	 * past day's hour the expectation needs may be missing.
	 * @param now the time
	 * @return {@code true} when the baseline should be read again
	 */
	public boolean staleAt(Instant now) {
		return this.loadedUpTo.isBefore(now.truncatedTo(ChronoUnit.HOURS));
	}

	/**
	 * The end of the last hour read.
	 * @return {@link Instant#EPOCH} until a first read
	 */
	public Instant loadedUpTo() {
		return this.loadedUpTo;
	}

	/**
	 * The expected mentions of a topic in the hour before {@code now}: the mean count of
	 * the same hour on each of the past days, days without data counting as zero.
	 * @param topicId the topic
	 * @param now the end of the hour
	 * @return the expected total and negative counts
	 */
	public Expected expected(String topicId, Instant now) {
		Map<Instant, long[]> topic = this.hours.getOrDefault(topicId, Map.of());
		Instant hour = now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
		long total = 0;
		long negative = 0;
		for (int day = 1; day <= this.days; day++) {
			long[] counts = topic.get(hour.minus(Duration.ofDays(day)));
			if (counts != null) {
				total += counts[0];
				negative += counts[1];
			}
		}
		return new Expected((double) total / this.days, (total == 0) ? 0 : (double) negative / total);
	}

	/**
	 * What a topic's hour is expected to hold.
	 *
	 * @param count the mean count
	 * @param negativeShare the share of negative mentions over the baseline days
	 */
	public record Expected(double count, double negativeShare) {
	}

}
