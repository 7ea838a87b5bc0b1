package io.grapevine.listening.enrich.cluster;

import java.util.Optional;

import io.grapevine.listening.enrich.MentionEnricher;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.Repost;

/**
 * Gives retweets, cross-posts and syndicated copies of one post the same cluster id, so
 * search and digests can show the post once with its copies counted.
 * <p>
 * The cluster id of a mention is {@code c-} and a hash of the id of the first mention of
 * its cluster, so it never changes once given. In order, a mention joins: the cluster it
 * was given before (a replay); the cluster of the post it passes on ({@code repostOf}: a
 * quote, a cross-post), which the original joins too when it comes later; the cluster of
 * the post it reshares, when it is a retweet ({@code RT @name:}) whose {@code inReplyTo}
 * names a known post; the cluster of an earlier mention with the same permalink (tracking
 * parameters, scheme, {@code www.} and a trailing slash ignored); the cluster of the most
 * similar recent mention whose text is a near-duplicate (see {@link ClusterSettings}); or
 * else a cluster of its own. Texts under five words join only on an exact match of their
 * normalised words. A reply is not a copy of the post it answers.
 * <p>
 * The recent mentions live in this object's memory: each ingest process has its own, so
 * copies read by two ingest processes, or before a restart and after it, get different
 * clusters. Memory stays under {@link ClusterSettings#estimatedBytes()}. Safe to share
 * between threads.
 */
public final class ClusterEnricher implements MentionEnricher {

	private final NearDuplicateIndex index;

	/**
	 * An enricher with the default window, capacity and threshold.
	 */
	public ClusterEnricher() {
		this(ClusterSettings.DEFAULTS);
	}

	/**
	 * An enricher with its own window, capacity and threshold.
	 * @param settings how near-duplicates are found
	 */
	public ClusterEnricher(ClusterSettings settings) {
		this.index = new NearDuplicateIndex(settings);
	}

	@Override
	public Mention enrich(Mention mention) {
		ClusterText text = ClusterText.of(mention.text());
		long[] bandKeys = (text.shingles().length > 0) ? MinHash.bandKeys(text.shingles()) : new long[0];
		Optional<String> passesOn = mention.repostOf().map(Repost::originalId);
		Optional<String> original = passesOn.or(() -> mention.inReplyTo()
			.filter((replied) -> ClusterText.isRetweet(mention.text()))
			.map((replied) -> mention.source() + ":" + replied));
		NearDuplicateIndex.Candidate candidate = new NearDuplicateIndex.Candidate(mention.id(), original,
				passesOn.isPresent(), ClusterText.canonicalUrl(mention.url()), text, bandKeys,
				mention.publishedAt().getEpochSecond());
		String cluster = this.index.assign(candidate);
		return mention.withEnrichment(mention.language(), mention.sentiment(), Optional.of(cluster), mention.reach());
	}

	/**
	 * How many recent mentions it remembers now.
	 * @return at most the configured capacity
	 */
	public int remembered() {
		return this.index.size();
	}

}
