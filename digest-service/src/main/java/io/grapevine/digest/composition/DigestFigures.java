package io.grapevine.digest.composition;

import java.util.List;
import java.util.Map;

/**
 * The numbers of a daily digest.
 *
 * @param total mentions on the day
 * @param previousTotal mentions on the day before
 * @param change the change in words ("up 24% from Tuesday")
 * @param bySource the split by source, largest first
 * @param byTopic the split by the department's topics, largest first
 * @param topMentions the most engaged-with mentions, best first
 * @param byDepartment for the organization-wide digest, each department's mentions,
 * largest first, keyed by department id
 * @param bySentiment for the organization-wide digest, positive, negative and neutral
 * mentions
 * @param departmentDigests for the organization-wide digest, the archive ids of each
 * department's own digest of the same period, by department id
 */
public record DigestFigures(long total, long previousTotal, String change, List<Share> bySource, List<Share> byTopic,
		List<TopMention> topMentions, List<Share> byDepartment, List<Share> bySentiment,
		Map<String, String> departmentDigests) {

	public DigestFigures {
		byDepartment = (byDepartment != null) ? List.copyOf(byDepartment) : List.of();
		bySentiment = (bySentiment != null) ? List.copyOf(bySentiment) : List.of();
		departmentDigests = (departmentDigests != null) ? Map.copyOf(departmentDigests) : Map.of();
		bySource = (bySource != null) ? List.copyOf(bySource) : List.of();
		byTopic = (byTopic != null) ? List.copyOf(byTopic) : List.of();
		topMentions = (topMentions != null) ? List.copyOf(topMentions) : List.of();
		change = (change != null) ? change : "";
	}

	/**
	 * The figures of a department's digest.
	 * @param total mentions in the period
	 * @param previousTotal mentions in the period before
	 * @param change the change in words
	 * @param bySource the split by source, largest first
	 * @param byTopic the split by topic, largest first
	 * @param topMentions the most engaged-with mentions, best first
	 */
	public DigestFigures(long total, long previousTotal, String change, List<Share> bySource, List<Share> byTopic,
			List<TopMention> topMentions) {
		this(total, previousTotal, change, bySource, byTopic, topMentions, List.of(), List.of(), Map.of());
	}

}
