package io.grapevine.listening.enrich.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The recent mentions near-duplicate detection compares a new one with, in bounded
 * memory, safe to share between threads.
 * <p>
 * Entries live in a ring of {@code capacity} slots, so the oldest is forgotten when a new
 * one comes. Each entry is filed under its {@link MinHash} band keys in a table of chain
 * heads; chains link entries newest first, so a walk stops at the first forgotten one. A
 * candidate sharing a band key counts as a copy when its shingles are similar enough, it
 * states the same numbers (so "Line 4 delayed 10 min" is no copy of "Line 7 delayed 25
 * min") unless nearly identical, neither has a word the other lacks (a template filled in
 * twice) unless very similar, and it was published within the window.
 * <p>
 * Memory, once full: the heads (one to two longs per band per entry), the chain links
 * (one long per band per entry), the shingles and words (about 30 ints each), three
 * longs, and two maps from id and link to cluster: about {@value #BYTES_PER_ENTRY} bytes
 * per entry.
 */
final class NearDuplicateIndex {

	static final int BYTES_PER_ENTRY = 900;

	private static final double NEARLY_IDENTICAL = 0.9;

	private static final double SWAPS_ALLOWED = 0.85;

	private static final int MAX_WALK = 32;

	private final ClusterSettings settings;

	private final int capacity;

	private final long windowSeconds;

	private final long[] heads;

	private final int headMask;

	private final long[] links;

	private final int[][] shingles;

	private final int[][] vocabularies;

	private final long[] numbers;

	private final long[] published;

	private final String[] clusters;

	private final Map<Long, String> byId;

	private final Map<Long, String> byUrl;

	private long written;

	NearDuplicateIndex(ClusterSettings settings) {
		this.settings = settings;
		this.capacity = settings.capacity();
		this.windowSeconds = settings.window().toSeconds();
		int headCount = Integer.highestOneBit(Math.max(16, this.capacity * MinHash.BANDS - 1)) << 1;
		this.heads = new long[Math.min(headCount, 1 << 30)];
		this.headMask = this.heads.length - 1;
		this.links = new long[this.capacity * MinHash.BANDS];
		this.shingles = new int[this.capacity][];
		this.vocabularies = new int[this.capacity][];
		this.numbers = new long[this.capacity];
		this.published = new long[this.capacity];
		this.clusters = new String[this.capacity];
		this.byId = lru(this.capacity);
		this.byUrl = lru(this.capacity);
	}

	private static Map<Long, String> lru(int capacity) {
		return new LinkedHashMap<>(16, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * Place a mention in a cluster and remember it.
	 * @param candidate what the index needs of the mention
	 * @return its cluster id
	 */
	synchronized String assign(Candidate candidate) {
		Long id = Hashing.hash(candidate.id());
		String known = this.byId.get(id);
		if (known != null) {
			return known;
		}
		Optional<Long> url = candidate.url().map(Hashing::hash);
		String cluster = candidate.original()
			.map((original) -> this.byId.get(Hashing.hash(original)))
			.or(() -> url.map(this.byUrl::get))
			.or(() -> nearest(candidate))
			.orElseGet(candidate::newCluster);
		this.byId.put(id, cluster);
		url.ifPresent((key) -> this.byUrl.putIfAbsent(key, cluster));
		if (candidate.text().shingles().length > 0) {
			add(candidate, cluster);
		}
		return cluster;
	}

	private Optional<String> nearest(Candidate candidate) {
		ClusterText text = candidate.text();
		if (text.shingles().length == 0) {
			return Optional.empty();
		}
		long oldest = this.written - this.capacity;
		String best = null;
		double bestSimilarity = 0;
		for (int band = 0; band < MinHash.BANDS; band++) {
			long entry = this.heads[(int) candidate.bandKeys()[band] & this.headMask];
			for (int walked = 0; entry > oldest && entry > 0 && walked < MAX_WALK; walked++) {
				int slot = (int) ((entry - 1) % this.capacity);
				// Copies of a popular post fill the chains; one of each cluster is
				// enough.
				if (this.clusters[slot] != best) {
					double similarity = similarity(candidate, slot);
					if (similarity > bestSimilarity) {
						bestSimilarity = similarity;
						best = this.clusters[slot];
						if (similarity >= 1) {
							return Optional.of(best);
						}
					}
				}
				entry = this.links[slot * MinHash.BANDS + band];
			}
		}
		return Optional.ofNullable(best);
	}

	private double similarity(Candidate candidate, int slot) {
		if (Math.abs(this.published[slot] - candidate.publishedAt()) > this.windowSeconds) {
			return 0;
		}
		double similarity = candidate.text().similarity(this.shingles[slot]);
		if (similarity < this.settings.threshold()) {
			return 0;
		}
		if (this.numbers[slot] != candidate.text().numbers() && similarity < NEARLY_IDENTICAL) {
			return 0;
		}
		if (similarity < SWAPS_ALLOWED && candidate.text().swapsWordsWith(this.vocabularies[slot])) {
			return 0;
		}
		return similarity;
	}

	private void add(Candidate candidate, String cluster) {
		long entry = ++this.written;
		int slot = (int) ((entry - 1) % this.capacity);
		this.shingles[slot] = candidate.text().shingles();
		this.vocabularies[slot] = candidate.text().vocabulary();
		this.numbers[slot] = candidate.text().numbers();
		this.published[slot] = candidate.publishedAt();
		this.clusters[slot] = cluster;
		for (int band = 0; band < MinHash.BANDS; band++) {
			int head = (int) candidate.bandKeys()[band] & this.headMask;
			this.links[slot * MinHash.BANDS + band] = this.heads[head];
			this.heads[head] = entry;
		}
	}

	/**
	 * How many mentions the index remembers now.
	 * @return at most the capacity
	 */
	synchronized int size() {
		return (int) Math.min(this.written, this.capacity);
	}

	/**
	 * What the index needs of a mention, computed outside its lock.
	 *
	 * @param id the mention's id
	 * @param original the id of the post it reshares, when it is a retweet of a known
	 * post
	 * @param url its permalink in canonical form
	 * @param text its normalised text
	 * @param bandKeys the band keys of its shingles (empty when it has none)
	 * @param publishedAt when it was published, in epoch seconds
	 */
	record Candidate(String id, Optional<String> original, Optional<String> url, ClusterText text, long[] bandKeys,
			long publishedAt) {

		String newCluster() {
			return "c-" + Long.toHexString(Hashing.hashUtf8(this.id));
		}

	}

}
