package io.grapevine.search.executive;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The times to answer of a set of mentions, counted in fixed buckets (each about a tenth
 * wider than the one before, one second wide below ten seconds) with the count and the
 * sum of the seconds in each: the buckets of two days add up to those of both, so the
 * median of a year is read from the days it is made of. The median is the mean of the
 * bucket that holds the middle answer, within a tenth of it, and exact when the bucket
 * holds one duration.
 *
 * @param buckets the non-empty buckets by index
 */
public record AnswerTimes(Map<Integer, Bucket> buckets) {

	/** No answer. */
	public static final AnswerTimes NONE = new AnswerTimes(Map.of());

	private static final long[] EDGES = edges();

	public AnswerTimes {
		buckets = (buckets != null) ? Collections.unmodifiableMap(new TreeMap<>(buckets)) : Map.of();
	}

	/**
	 * The lower edges of the buckets, in seconds: bucket {@code i} holds the durations
	 * from {@code edges()[i]} inclusive to {@code edges()[i + 1]} exclusive, the last one
	 * every longer duration.
	 * @return the edges, ascending from 0
	 */
	public static long[] lowerEdges() {
		return EDGES.clone();
	}

	/**
	 * The bucket a duration falls in.
	 * @param seconds the duration
	 * @return its index
	 */
	public static int bucketOf(long seconds) {
		int found = Arrays.binarySearch(EDGES, Math.max(0, seconds));
		return (found >= 0) ? found : -found - 2;
	}

	/**
	 * These times and the others together.
	 * @param other the other times
	 * @return both
	 */
	public AnswerTimes plus(AnswerTimes other) {
		if (other.buckets.isEmpty()) {
			return this;
		}
		if (this.buckets.isEmpty()) {
			return other;
		}
		Map<Integer, Bucket> merged = new TreeMap<>(this.buckets);
		other.buckets.forEach((index, bucket) -> merged.merge(index, bucket, Bucket::plus));
		return new AnswerTimes(merged);
	}

	/**
	 * How many answers the buckets hold.
	 * @return the count
	 */
	public long count() {
		return this.buckets.values().stream().mapToLong(Bucket::count).sum();
	}

	/**
	 * The median time to answer, in whole seconds.
	 * @return the median, absent when there is no answer
	 */
	public Optional<Double> median() {
		long count = count();
		if (count == 0) {
			return Optional.empty();
		}
		double middle = ((count % 2) == 1) ? at((count + 1) / 2) : (at(count / 2) + at(count / 2 + 1)) / 2;
		return Optional.of((double) Math.round(middle));
	}

	// The mean of the bucket holding the answer of a rank, counted from 1.
	private double at(long rank) {
		long seen = 0;
		for (Bucket bucket : this.buckets.values()) {
			seen += bucket.count();
			if (seen >= rank) {
				return (double) bucket.sum() / bucket.count();
			}
		}
		throw new IllegalStateException("rank " + rank + " is beyond the " + seen + " answers");
	}

	private static long[] edges() {
		long[] edges = new long[200];
		int size = 0;
		long edge = 0;
		// Up to 400 days, the longest a mention is kept by default; longer ones share the
		// last bucket.
		while (edge < 400L * 86_400) {
			edges[size++] = edge;
			edge = (edge < 10) ? edge + 1 : (long) Math.ceil(edge * 1.1);
		}
		edges[size++] = edge;
		return Arrays.copyOf(edges, size);
	}

	/**
	 * The answers of one bucket.
	 *
	 * @param count how many
	 * @param sum their durations added up, in seconds
	 */
	public record Bucket(long count, long sum) {

		/**
		 * Both buckets' answers.
		 * @param other the other bucket
		 * @return the sum
		 */
		public Bucket plus(Bucket other) {
			return new Bucket(this.count + other.count, this.sum + other.sum);
		}

	}

}
