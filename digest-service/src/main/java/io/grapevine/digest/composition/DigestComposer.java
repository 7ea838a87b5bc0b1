package io.grapevine.digest.composition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.grapevine.digest.audience.Audience;
import io.grapevine.digest.audience.Period;
import io.grapevine.digest.composition.sections.DigestSections;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Competitor;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

/**
 * Composes the digest of any audience and period from the analytics of the period and of
 * the period before: a department's, all staff's, the board's.
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
		return compose(organization, department, period, current, before.total(), topMentions);
	}

	/**
	 * Compose a daily or weekly digest from the period's analytics and the total of the
	 * period before.
	 * @param organization the organization
	 * @param department the department it is for
	 * @param period the day or week it covers
	 * @param current the analytics of that period
	 * @param previous how many mentions the period before had
	 * @param topMentions how many top mentions to show at most
	 * @return the digest
	 */
	public static Digest compose(Organization organization, Department department, Period period,
			AnalyticsSummary current, long previous, int topMentions) {
		AnalyticsSummary day = current;
		long total = day.total();
		DigestFigures figures = new DigestFigures(total, previous,
				VolumeChange.describe(total, previous, period.previous()),
				shares(day.bySource(), total, DigestComposer::sourceName),
				shares(day.byTopic(), total, (key) -> organization.topic(key).map(Topic::name).orElse(key)),
				day.topMentions().stream().limit(topMentions).map(TopMention::of).toList());
		return new Digest(organization.name(), Audience.of(department), period, figures);
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
		List<AnalyticsSummary.Bucket> perDepartment = new ArrayList<>();
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
		return new Digest(organization.name(), Audience.of(audience), period, figures);
	}

	/**
	 * Compose the board's monthly digest: the month's volume and sentiment against the
	 * month before in sentences, the share of voice against the competitors, each
	 * department's month and the widest-reaching mentions.
	 * @param organization the organization
	 * @param board the board
	 * @param period the month it covers
	 * @param current the analytics of that month
	 * @param before the analytics of the month before
	 * @param widestReach the organization's mentions of the month, widest reach first
	 * @param topMentions how many top mentions to show at most
	 * @return the digest
	 */
	public static Digest composeBoard(Organization organization, Audience.Board board, Period period,
			BoardMonth current, BoardMonth before, List<Mention> widestReach, int topMentions) {
		BoardSentences say = BoardSentences.of(period);
		long total = current.organization().mentions();
		long previousTotal = before.organization().mentions();
		List<String> competitorIds = organization.competitors().stream().map(Competitor::id).toList();
		long voices = current.voices(competitorIds);
		long previousVoices = before.voices(competitorIds);
		List<BoardFigures.Voice> shareOfVoice = new ArrayList<>();
		shareOfVoice.add(voice(say, BoardFigures.ORGANIZATION, organization.name(), true, current.organization(),
				voices, before.organization(), previousVoices));
		for (Competitor competitor : organization.competitors()) {
			shareOfVoice.add(voice(say, competitor.id(), competitor.name(), false,
					current.competitors().getOrDefault(competitor.id(), BoardMonth.Count.NONE), voices,
					before.competitors().getOrDefault(competitor.id(), BoardMonth.Count.NONE), previousVoices));
		}
		List<BoardFigures.DepartmentMonth> departments = new ArrayList<>();
		for (Department department : organization.departments()) {
			BoardMonth.Count now = current.departments().getOrDefault(department.id(), BoardMonth.Count.NONE);
			BoardMonth.Count then = before.departments().getOrDefault(department.id(), BoardMonth.Count.NONE);
			departments.add(new BoardFigures.DepartmentMonth(department.id(), department.name(), now.mentions(),
					then.mentions(), say.department(now.mentions(), then.mentions(), now.sentiment()),
					now.sentiment()));
		}
		BoardFigures.Sentiment sentiment = current.organization().sentiment();
		BoardFigures.Sentiment previousSentiment = before.organization().sentiment();
		BoardFigures figures = new BoardFigures(total, previousTotal, say.change(total, previousTotal),
				say.volume(total, previousTotal), sentiment, previousSentiment,
				say.sentiment(total, sentiment, previousSentiment), shareOfVoice, departments,
				widestReach.stream().limit(topMentions).map(TopMention::of).toList());
		return new Digest(organization.name(), board, period, commonFigures(figures), DigestSections.none(),
				Optional.of(figures));
	}

	private static BoardFigures.Voice voice(BoardSentences say, String key, String name, boolean organization,
			BoardMonth.Count now, long voices, BoardMonth.Count then, long previousVoices) {
		int percent = BoardFigures.percent(now.mentions(), voices);
		int previousPercent = BoardFigures.percent(then.mentions(), previousVoices);
		return new BoardFigures.Voice(key, name, organization, now.mentions(), percent, then.mentions(),
				previousPercent,
				say.voice(now.mentions(), percent, then.mentions(), previousPercent, previousVoices, now.sentiment()),
				now.sentiment());
	}

	// The figures every digest has, so the archive's listings and pages show a board
	// digest as they show the others.
	private static DigestFigures commonFigures(BoardFigures figures) {
		long total = figures.total();
		List<Share> byDepartment = figures.departments()
			.stream()
			.filter((department) -> department.mentions() > 0)
			.map((department) -> new Share(department.id(), department.name(), department.mentions(),
					(total > 0) ? (int) Math.round(department.mentions() * 100.0 / total) : 0))
			.toList();
		BoardFigures.Sentiment sentiment = figures.sentiment();
		long judged = sentiment.judged();
		List<Share> bySentiment = (judged > 0)
				? List.of(new Share("positive", "Positive", sentiment.positive(), sentiment.positivePercent()),
						new Share("negative", "Negative", sentiment.negative(), sentiment.negativePercent()),
						new Share("neutral", "Neutral", sentiment.neutral(),
								(int) Math.round(sentiment.neutral() * 100.0 / judged)))
				: List.of();
		return new DigestFigures(total, figures.previousTotal(), figures.change(), List.of(), List.of(),
				figures.topMentions(), byDepartment, bySentiment, Map.of());
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
