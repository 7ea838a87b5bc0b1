package io.grapevine.listening.enrich.cluster;

import java.nio.charset.StandardCharsets;

/**
 * 64-bit hashes that stay the same across runs and machines, unlike
 * {@link String#hashCode()} mixed by a map.
 */
final class Hashing {

	private static final long FNV_OFFSET = 0xcbf29ce484222325L;

	private static final long FNV_PRIME = 0x100000001b3L;

	private Hashing() {
	}

	static long hash(String text) {
		long hash = FNV_OFFSET;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			hash = (hash ^ (c & 0xff)) * FNV_PRIME;
			hash = (hash ^ (c >>> 8)) * FNV_PRIME;
		}
		return mix(hash);
	}

	static long hashUtf8(String text) {
		long hash = FNV_OFFSET;
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			hash = (hash ^ (b & 0xff)) * FNV_PRIME;
		}
		return mix(hash);
	}

	/**
	 * The finaliser of MurmurHash3: spreads every input bit over the whole result.
	 * @param value the value
	 * @return the mixed value
	 */
	static long mix(long value) {
		long h = value;
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= h >>> 33;
		return h;
	}

}
