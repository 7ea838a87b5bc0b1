package io.grapevine.ingest.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionMerge;

/**
 * The mentions this service published last, by id, so that a post read again by another
 * instance of its network (Bluesky's search and its Jetstream firehose) is published
 * merged with the copy before it: the richer value of each field wins on the
 * {@code mentions} topic whatever the order, as it does in the index. Bounded, oldest
 * first out; a copy from the same search is the newer reading of the one before, but
 * keeps what another search's copy added to it.
 */
final class RecentCopies {

	private final Map<String, Mention> copies;

	RecentCopies(int capacity) {
		this.copies = new LinkedHashMap<>(capacity, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Mention> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * The mention to publish for a copy, remembered for the next.
	 * @param copy the copy as it was enriched and tagged
	 * @return the copy merged with an earlier copy from another search, or the copy
	 */
	synchronized Mention fold(Mention copy) {
		Mention earlier = this.copies.get(copy.id());
		Mention folded = copy;
		if (earlier != null) {
			folded = earlier.matchedBy().equals(copy.matchedBy()) ? MentionMerge.replay(earlier, copy)
					: MentionMerge.merge(earlier, copy);
		}
		this.copies.put(copy.id(), folded);
		return folded;
	}

}
