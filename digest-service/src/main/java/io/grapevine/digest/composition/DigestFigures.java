package io.grapevine.digest.composition;

import java.util.List;

/**
 * The numbers of a daily digest.
 *
 * @param total mentions on the day
 * @param previousTotal mentions on the day before
 * @param change the change in words ("up 24% on Tuesday")
 * @param bySource the split by source, largest first
 * @param byTopic the split by the department's topics, largest first
 * @param topMentions the most engaged-with mentions, best first
 */
public record DigestFigures(long total, long previousTotal, String change, List<Share> bySource, List<Share> byTopic,
		List<TopMention> topMentions) {

	public DigestFigures {
		bySource = (bySource != null) ? List.copyOf(bySource) : List.of();
		byTopic = (byTopic != null) ? List.copyOf(byTopic) : List.of();
		topMentions = (topMentions != null) ? List.copyOf(topMentions) : List.of();
		change = (change != null) ? change : "";
	}

}
