package io.grapevine.listening.enrich.cluster;

import java.util.Arrays;

/**
 * MinHash signatures cut into bands for locality-sensitive hashing: two texts share a
 * band key with a probability that rises steeply with their Jaccard similarity.
 * <p>
 * With {@value #BANDS} bands of {@value #ROWS} rows, texts of similarity 0.4 share at
 * least one band 74% of the time, 0.5 93%, 0.6 99.2% and 0.7 99.98%; the candidates are
 * then checked against their real similarity.
 */
final class MinHash {

	static final int BANDS = 20;

	static final int ROWS = 3;

	// Each row permutes the 64-bit values by x * a + b with a odd: a bijection, cheap
	// enough to run sixty times per shingle, and random enough once x is well mixed.
	private static final long[] MULTIPLIERS = new long[BANDS * ROWS];

	private static final long[] INCREMENTS = new long[BANDS * ROWS];

	static {
		long seed = 0x9e3779b97f4a7c15L;
		for (int i = 0; i < MULTIPLIERS.length; i++) {
			seed = Hashing.mix(seed + 0x9e3779b97f4a7c15L);
			MULTIPLIERS[i] = seed | 1;
			seed = Hashing.mix(seed + 0x9e3779b97f4a7c15L);
			INCREMENTS[i] = seed;
		}
	}

	private MinHash() {
	}

	/**
	 * The band keys of a set of shingles.
	 * @param shingles the shingle hashes, at least one
	 * @return one key per band
	 */
	static long[] bandKeys(int[] shingles) {
		long[] minimums = new long[MULTIPLIERS.length];
		Arrays.fill(minimums, Long.MAX_VALUE);
		for (int shingle : shingles) {
			long value = Hashing.mix(shingle);
			for (int i = 0; i < MULTIPLIERS.length; i++) {
				long hashed = value * MULTIPLIERS[i] + INCREMENTS[i];
				if (hashed < minimums[i]) {
					minimums[i] = hashed;
				}
			}
		}
		long[] keys = new long[BANDS];
		for (int band = 0; band < BANDS; band++) {
			long key = band;
			for (int row = 0; row < ROWS; row++) {
				key = Hashing.mix(key * 31 + minimums[band * ROWS + row]);
			}
			keys[band] = key;
		}
		return keys;
	}

}
