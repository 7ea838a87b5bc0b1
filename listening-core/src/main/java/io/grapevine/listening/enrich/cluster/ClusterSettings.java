package io.grapevine.listening.enrich.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How near-duplicates are found: how far apart in time copies may be, how many recent
 * mentions are remembered, and how similar two texts must be.
 *
 * @param window the longest time between a mention and an earlier copy of it
 * @param capacity the most recent mentions remembered; the oldest are forgotten first
 * @param threshold the least Jaccard similarity of word 3-grams for two texts to be
 * copies, in (0, 1]
 */
public record ClusterSettings(Duration window, int capacity, double threshold) {

	/**
	 * The similarity tuned on the development sample: F1 is at its best from 0.50 to 0.65
	 * in every run, recall falls above and a template pair may join below, so the middle
	 * of that plateau.
	 */
	public static final double DEFAULT_THRESHOLD = 0.6;

	/** 72 hours, 100,000 mentions (about 90 MB), the tuned threshold. */
	public static final ClusterSettings DEFAULTS = new ClusterSettings(Duration.ofHours(72), 100_000,
			DEFAULT_THRESHOLD);

	public ClusterSettings {
		Objects.requireNonNull(window, "window");
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("the cluster window must be positive, was " + window);
		}
		if (capacity < 1 || capacity > 10_000_000) {
			throw new IllegalArgumentException(
					"the cluster capacity must be between 1 and 10,000,000, was " + capacity);
		}
		if (!(threshold > 0 && threshold <= 1)) {
			throw new IllegalArgumentException("the cluster threshold must be above 0 and at most 1, was " + threshold);
		}
	}

	/**
	 * About how many bytes the index holds once full, for sizing the ingest heap.
	 * @return the estimate in bytes
	 */
	public long estimatedBytes() {
		return (long) this.capacity * NearDuplicateIndex.BYTES_PER_ENTRY;
	}

}
