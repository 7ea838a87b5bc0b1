package io.grapevine.listening.enrich.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The recent mentions near-duplicate detection compares a new one with, in bounded
 * memory, safe to share between threads.
 * <p>
 * Entries live in a ring of {@code capacity} slots, so the oldest is forgotten when a new
 * one comes; the ring starts at {@value #FIRST_CAPACITY} slots and doubles as it fills.
 * Each entry is filed under its {@link MinHash} band keys in a table of chain heads;
 * chains link entries newest first, so a walk stops at the first forgotten one. A
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

	private static final int FIRST_CAPACITY = 4096;

	private final ClusterSettings settings;

	private final int maxCapacity;

	private int capacity;

	private final long windowSeconds;

	private long[] heads;

	private int headMask;

	private long[] links;

	private int[][] shingles;

	private int[][] vocabularies;

	private long[] numbers;

	private long[] published;

	private String[] clusters;

	private final Map<Long, String> byId;

	// Clusters kept for originals not read yet, by the hash of the original's id.
	private final Map<Long, String> awaited;

	private final Map<Long, String> byUrl;

	private long written;

	NearDuplicateIndex(ClusterSettings settings) {
		this.settings = settings;
		this.maxCapacity = settings.capacity();
		this.windowSeconds = settings.window().toSeconds();
		allocate(Math.min(FIRST_CAPACITY, this.maxCapacity));
		this.byId = lru(this.maxCapacity);
		this.awaited = lru(this.maxCapacity);
		this.byUrl = lru(this.maxCapacity);
	}

	private void allocate(int capacity) {
		this.capacity = capacity;
		int headCount = Integer.highestOneBit(Math.max(16, capacity * MinHash.BANDS - 1)) << 1;
		this.heads = new long[Math.min(headCount, 1 << 30)];
		this.headMask = this.heads.length - 1;
		this.links = new long[capacity * MinHash.BANDS];
		this.shingles = new int[capacity][];
		this.vocabularies = new int[capacity][];
		this.numbers = new long[capacity];
		this.published = new long[capacity];
		this.clusters = new String[capacity];
	}

	// The ring starts small and doubles while nothing has been forgotten yet, so a
	// process
	// that sees few mentions holds little; the band keys are worked out again from the
	// shingles and the entries filed again in the order they came.
	private void grow() {
		int[][] oldShingles = this.shingles;
		int[][] oldVocabularies = this.vocabularies;
		long[] oldNumbers = this.numbers;
		long[] oldPublished = this.published;
		String[] oldClusters = this.clusters;
		int oldCapacity = this.capacity;
		allocate((int) Math.min((long) oldCapacity * 2, this.maxCapacity));
		for (long entry = 1; entry <= this.written; entry++) {
			int from = (int) ((entry - 1) % oldCapacity);
			int to = (int) ((entry - 1) % this.capacity);
			this.shingles[to] = oldShingles[from];
			this.vocabularies[to] = oldVocabularies[from];
			this.numbers[to] = oldNumbers[from];
			this.published[to] = oldPublished[from];
			this.clusters[to] = oldClusters[from];
			file(entry, to, MinHash.bandKeys(oldShingles[from]));
		}
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
		// A quote or cross-post read before its original keeps a cluster for it, named
		// after the original, so the original joins its copies whichever comes first.
		Optional<String> tied = candidate.declared() ? candidate.original().map((original) -> {
			Long key = Hashing.hash(original);
			String cluster = this.byId.get(key);
			if (cluster == null) {
				cluster = this.awaited.computeIfAbsent(key,
						(missing) -> NearDuplicateIndex.Candidate.clusterOf(original));
			}
			return cluster;
		}) : Optional.empty();
		String cluster = tied.or(() -> Optional.ofNullable(this.awaited.remove(id)))
			.or(() -> candidate.original().map((original) -> this.byId.get(Hashing.hash(original))))
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
		if (this.written == this.capacity && this.capacity < this.maxCapacity) {
			grow();
		}
		long entry = ++this.written;
		int slot = (int) ((entry - 1) % this.capacity);
		this.shingles[slot] = candidate.text().shingles();
		this.vocabularies[slot] = candidate.text().vocabulary();
		this.numbers[slot] = candidate.text().numbers();
		this.published[slot] = candidate.publishedAt();
		this.clusters[slot] = cluster;
		file(entry, slot, candidate.bandKeys());
	}

	private void file(long entry, int slot, long[] bandKeys) {
		for (int band = 0; band < MinHash.BANDS; band++) {
			int head = (int) bandKeys[band] & this.headMask;
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
	 * post or when it declares the post it passes on
	 * @param declared whether the mention declares the post it passes on
	 * ({@code repostOf}), which it then joins even before that post is read
	 * @param url its permalink in canonical form
	 * @param text its normalised text
	 * @param bandKeys the band keys of its shingles (empty when it has none)
	 * @param publishedAt when it was published, in epoch seconds
	 */
	record Candidate(String id, Optional<String> original, boolean declared, Optional<String> url, ClusterText text,
			long[] bandKeys, long publishedAt) {

		String newCluster() {
			return clusterOf(this.id);
		}

		static String clusterOf(String mentionId) {
			return "c-" + Long.toHexString(Hashing.hashUtf8(mentionId));
		}

	}

}
