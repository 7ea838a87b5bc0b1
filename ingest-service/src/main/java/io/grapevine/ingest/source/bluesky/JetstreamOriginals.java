package io.grapevine.ingest.source.bluesky;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.grapevine.listening.mention.Engagement;
import io.grapevine.listening.mention.Mention;

/**
 * The posts a Jetstream instance published, remembered so that a repost of one read later
 * counts on it: the post is published again with one more share. Up to {@value #CAPACITY}
 * posts, the least recently published or reposted forgotten first; each repost (its
 * author's DID and record key) is counted once, so a replay of the stream counts nothing
 * twice. The memory is the ingest process's own, as near-duplicate clusters are: after a
 * restart, reposts of posts published before it are not counted.
 */
final class JetstreamOriginals {

	static final int CAPACITY = 10_000;

	private final Map<String, Original> originals = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Original> eldest) {
			return size() > CAPACITY;
		}

	};

	/**
	 * Remember a post as published, keeping the reposts already counted on it.
	 * @param mention the post
	 * @return the post to publish: with the shares already counted on it when it was
	 * published before
	 */
	synchronized Mention published(Mention mention) {
		Original known = this.originals.get(mention.id());
		if (known == null) {
			this.originals.put(mention.id(), new Original(mention, new HashSet<>()));
			return mention;
		}
		// The same post read again (a rewind): the reposts counted on it stay counted.
		Engagement before = known.mention().engagement();
		Engagement engagement = new Engagement(Math.max(before.likes(), mention.engagement().likes()),
				Math.max(before.shares(), mention.engagement().shares()),
				Math.max(before.replies(), mention.engagement().replies()));
		Mention counted = mention.withEngagement(engagement);
		this.originals.put(mention.id(), new Original(counted, known.reposts()));
		return counted;
	}

	/**
	 * Count a repost on the post it passes on, when that post was published here.
	 * @param originalId the mention id of the post reposted
	 * @param repost the repost's own key (its author's DID and record key)
	 * @return the post with one more share, or empty when the post is unknown here or the
	 * repost was counted before
	 */
	synchronized Optional<Mention> reposted(String originalId, String repost) {
		Original known = this.originals.get(originalId);
		if (known == null || !known.reposts().add(repost)) {
			return Optional.empty();
		}
		Engagement counted = known.mention().engagement();
		Mention oneMore = known.mention()
			.withEngagement(new Engagement(counted.likes(), counted.shares() + 1, counted.replies()));
		this.originals.put(originalId, new Original(oneMore, known.reposts()));
		return Optional.of(oneMore);
	}

	private record Original(Mention mention, Set<String> reposts) {

	}

}
