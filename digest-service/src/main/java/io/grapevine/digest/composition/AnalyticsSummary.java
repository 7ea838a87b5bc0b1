package io.grapevine.digest.composition;

import java.time.Instant;
import java.util.List;

import io.grapevine.listening.mention.Mention;

/**
 * The part of search-service's analytics summary a digest is made from (see
 * docs/contracts.md); fields the digest does not use are ignored when read.
 *
 * @param from start of the period
 * @param to end of the period
 * @param zone the zone of the daily buckets
 * @param total mentions in the period
 * @param bySource mentions per source
 * @param byTopic mentions per topic
 * @param topMentions the most engaged-with mentions, best first
 * @param said what the organization's own accounts posted in the period; none when
 * search-service does not say
 */
public record AnalyticsSummary(Instant from, Instant to, String zone, long total, List<Bucket> bySource,
		List<Bucket> byTopic, List<Mention> topMentions, Said said) {

	public AnalyticsSummary {
		if (total < 0) {
			throw new IllegalArgumentException("total cannot be negative, was " + total);
		}
		bySource = (bySource != null) ? List.copyOf(bySource) : List.of();
		byTopic = (byTopic != null) ? List.copyOf(byTopic) : List.of();
		topMentions = (topMentions != null) ? List.copyOf(topMentions) : List.of();
		said = (said != null) ? said : Said.NOTHING;
	}

	/**
	 * A summary without what the organization said.
	 * @param from start of the period
	 * @param to end of the period
	 * @param zone the zone of the daily buckets
	 * @param total mentions in the period
	 * @param bySource mentions per source
	 * @param byTopic mentions per topic
	 * @param topMentions the most engaged-with mentions, best first
	 */
	public AnalyticsSummary(Instant from, Instant to, String zone, long total, List<Bucket> bySource,
			List<Bucket> byTopic, List<Mention> topMentions) {
		this(from, to, zone, total, bySource, byTopic, topMentions, Said.NOTHING);
	}

	/**
	 * What the organization said: the posts of its own accounts.
	 *
	 * @param posts every post of its accounts in the period, replies included
	 * @param replies those of them that reply to a mention
	 */
	public record Said(long posts, long replies) {

		/** Nothing posted. */
		public static final Said NOTHING = new Said(0, 0);

	}

	/**
	 * A count of mentions for one key (a source, a topic).
	 *
	 * @param key the key
	 * @param count mentions with that key
	 */
	public record Bucket(String key, long count) {

	}

}
