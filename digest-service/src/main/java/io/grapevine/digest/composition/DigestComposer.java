package io.grapevine.digest.composition;

import io.grapevine.digest.audience.Period;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

/**
 * Composes a department's daily or weekly digest from the analytics of its period and of
 * the period before.
 */
public final class DigestComposer {

	private static final Map<String, String> SOURCE_NAMES = Map.ofEntries(Map.entry("x", "X"),
			Map.entry("twitter", "X"), Map.entry("reddit", "Reddit"), Map.entry("mastodon", "Mastodon"),
			Map.entry("bluesky", "Bluesky"), Map.entry("hackernews", "Hacker News"), Map.entry("hn", "Hacker News"),
			Map.entry("rss", "RSS"), Map.entry("youtube", "YouTube"), Map.entry("webhook", "Webhook"),
			Map.entry("demo", "Demo"));

	private DigestComposer() {
	}

	/**
	 * Compose a daily or weekly digest.
	 * @param organization the organization
	 * @param department the department it is for
	 * @param period the day or week it covers
	 * @param current the analytics of that period
	 * @param before the analytics of the period before
	 * @param topMentions how many top mentions to show at most
	 * @return the digest
	 */
	public static Digest compose(Organization organization, Department department, Period period,
			AnalyticsSummary current, AnalyticsSummary before, int topMentions) {
		AnalyticsSummary day = current;
		long total = day.total();
		long previous = before.total();
		DigestFigures figures = new DigestFigures(total, previous,
				VolumeChange.describe(total, previous, period.previous()),
				shares(day.bySource(), total, DigestComposer::sourceName),
				shares(day.byTopic(), total, (key) -> organization.topic(key).map(Topic::name).orElse(key)),
				day.topMentions().stream().limit(topMentions).map(TopMention::of).toList());
		return new Digest(organization.name(), department.id(), department.name(), department.members(), period,
				figures);
	}

	/**
	 * Compose the organization-wide digest for all staff: the whole organization's volume
	 * and sentiment, split by department, with the top mentions across all.
	 * @param organization the organization
	 * @param audience the all-staff audience
	 * @param period the day or week it covers
	 * @param current the whole organization's analytics of that period
	 * @param before the whole organization's analytics of the period before
	 * @param departmentTotals each department's mentions in the period, in file order
	 * @param positive mentions judged positive in the period
	 * @param negative mentions judged negative in the period
	 * @param departmentDigests the archive id of each department's own digest of the
	 * period, by department id
	 * @param topMentions how many top mentions to show at most
	 * @return the digest
	 */
	public static Digest composeAllStaff(Organization organization, Department audience, Period period,
			AnalyticsSummary current, AnalyticsSummary before, List<Long> departmentTotals, long positive,
			long negative, Map<String, String> departmentDigests, int topMentions) {
		long total = current.total();
		List<Department> departments = organization.departments();
		List<AnalyticsSummary.Bucket> perDepartment = new java.util.ArrayList<>();
		for (int i = 0; i < departments.size() && i < departmentTotals.size(); i++) {
			perDepartment.add(new AnalyticsSummary.Bucket(departments.get(i).id(), departmentTotals.get(i)));
		}
		long neutral = Math.max(0, total - positive - negative);
		List<Share> sentiment = (total > 0) ? List.of(share("positive", "Positive", positive, total),
				share("negative", "Negative", negative, total),
				share("neutral", "Neutral or not judged", neutral, total)) : List.of();
		DigestFigures figures = new DigestFigures(total, before.total(),
				VolumeChange.describe(total, before.total(), period.previous()),
				shares(current.bySource(), total, DigestComposer::sourceName),
				shares(current.byTopic(), total, (key) -> organization.topic(key).map(Topic::name).orElse(key)),
				current.topMentions().stream().limit(topMentions).map(TopMention::of).toList(),
				shares(perDepartment, total, (key) -> organization.department(key).map(Department::name).orElse(key)),
				sentiment, departmentDigests);
		return new Digest(organization.name(), audience.id(), audience.name(), audience.members(), period, figures);
	}

	private static Share share(String key, String label, long count, long total) {
		return new Share(key, label, count, (int) Math.round(count * 100.0 / total));
	}

	/**
	 * The name a reader knows a source by.
	 * @param source the source kind in the mention contract
	 * @return its display name
	 */
	public static String sourceName(String source) {
		String known = SOURCE_NAMES.get(source.toLowerCase(Locale.ROOT));
		if (known != null) {
			return known;
		}
		return source.isEmpty() ? source : Character.toUpperCase(source.charAt(0)) + source.substring(1);
	}

	private static List<Share> shares(List<AnalyticsSummary.Bucket> buckets, long total,
			Function<String, String> label) {
		return buckets.stream()
			.filter((bucket) -> bucket.key() != null && bucket.count() > 0)
			.sorted(Comparator.comparingLong(AnalyticsSummary.Bucket::count).reversed())
			.map((bucket) -> new Share(bucket.key(), label.apply(bucket.key()), bucket.count(),
					(total > 0) ? (int) Math.round(bucket.count() * 100.0 / total) : 0))
			.toList();
	}

}
