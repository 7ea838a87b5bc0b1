package io.grapevine.search.executive;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grapevine.listening.mention.Mention;
import io.grapevine.search.executive.ExecutiveQuery.Range;

/**
 * What an executive reads about a period: its headline figures against the period before
 * and the same period a year before, its timeline, each voice's share, the spikes, the
 * top stories, the departments side by side, and what the organization said against what
 * it heard and answered.
 *
 * @param from the period's start, inclusive
 * @param to the period's end, exclusive
 * @param zone the zone of the timeline's dates
 * @param interval day, week or month: the timeline's step
 * @param department the department it is narrowed to, if any
 * @param periods the period and those it is compared with
 * @param headline the headline figures
 * @param timeline the figures of each step of the period
 * @param voices the organization's and each competitor's share of voice and sentiment
 * @param spikes the alerts raised in the period
 * @param topStories the largest stories and the widest-reaching mentions
 * @param departments each department's figures
 * @param attention what the organization said against what it heard and answered
 */
public record ExecutiveView(Instant from, Instant to, String zone, String interval, Optional<String> department,
		Periods periods, Headline headline, List<Point> timeline, List<Voice> voices, List<Spike> spikes,
		TopStories topStories, List<DepartmentFigures> departments, Attention attention) {

	/**
	 * The period and those it is compared with.
	 *
	 * @param current the period
	 * @param previous the period of the same length just before
	 * @param yearBefore the same period a year before
	 */
	public record Periods(Range current, Range previous, Range yearBefore) {
	}

	/**
	 * The headline figures. Every figure counts what others said (never the
	 * organization's own posts).
	 *
	 * @param volume mentions
	 * @param audience the followers of their authors, added up over the mentions: how
	 * many could have seen them
	 * @param netSentiment the positive minus the negative, in percent of the mentions
	 * judged (-100 to 100); absent when none was judged
	 * @param shareOfVoice the organization's mentions in percent of its and its
	 * competitors'; absent when nobody was mentioned
	 * @param answeredShare of the mentions that asked or were negative, the percent
	 * answered; absent when none did
	 * @param medianTimeToAnswerSeconds the median time from publication to answer of the
	 * mentions answered; absent when none was
	 */
	public record Headline(Figure volume, Figure audience, Figure netSentiment, Figure shareOfVoice,
			Figure answeredShare, Figure medianTimeToAnswerSeconds) {
	}

	/**
	 * One figure in the period and in those it is compared with.
	 *
	 * @param current in the period
	 * @param previous in the period before
	 * @param yearBefore in the same period a year before
	 */
	public record Figure(Optional<Double> current, Optional<Double> previous, Optional<Double> yearBefore) {
	}

	/**
	 * One step of the timeline.
	 *
	 * @param date its first day in the zone
	 * @param heard what others said
	 * @param said what the organization's own accounts posted
	 * @param answered the mentions of the step answered since
	 * @param positive mentions judged positive
	 * @param negative mentions judged negative
	 * @param neutral mentions judged neutral
	 * @param netSentiment the net sentiment of the step, absent when none was judged
	 * @param voices each voice's mentions, by voice id
	 */
	public record Point(LocalDate date, long heard, long said, long answered, long positive, long negative,
			long neutral, Optional<Double> netSentiment, Map<String, Long> voices) {
	}

	/**
	 * The organization's or a competitor's voice.
	 *
	 * @param id {@code organization} or the competitor's id
	 * @param name its name
	 * @param mentions its mentions in the period (what others said of it)
	 * @param share its share of all voices' mentions, in percent
	 * @param netSentiment the net sentiment of its mentions, absent when none was judged
	 */
	public record Voice(String id, String name, long mentions, double share, Optional<Double> netSentiment) {
	}

	/**
	 * An alert raised in the period.
	 *
	 * @param at when its latest message was sent
	 * @param topic the topic's id
	 * @param topicName the topic's name
	 * @param kind volume, negative or reach
	 * @param count the mentions of its window
	 */
	public record Spike(Instant at, String topic, String topicName, String kind, long count) {
	}

	/**
	 * The stories of the period.
	 *
	 * @param largest the largest clusters of near-duplicates, each by its widest-reaching
	 * copy
	 * @param widest the widest-reaching mentions, one per cluster
	 */
	public record TopStories(List<Story> largest, List<Story> widest) {
	}

	/**
	 * A story: a mention and how many copies of it the period holds.
	 *
	 * @param mention the mention
	 * @param copies its cluster's mentions in the period, itself included
	 */
	public record Story(Mention mention, long copies) {
	}

	/**
	 * A department's figures over the period (waiting: now).
	 *
	 * @param id its id
	 * @param name its name
	 * @param volume the mentions tagged with it
	 * @param negativeShare the percent of them judged negative, absent when none was
	 * judged
	 * @param waiting the mentions its queue holds now
	 * @param answeredShare of its mentions that asked or were negative, the percent
	 * answered
	 * @param medianTimeToAnswerSeconds the median time to answer of its mentions answered
	 */
	public record DepartmentFigures(String id, String name, long volume, Optional<Double> negativeShare, long waiting,
			Optional<Double> answeredShare, Optional<Double> medianTimeToAnswerSeconds) {
	}

	/**
	 * Return on attention: what the organization said against what it heard and answered.
	 *
	 * @param said the posts of its own accounts
	 * @param heard what others said
	 * @param answered the mentions answered
	 * @param byNetwork the same by network
	 * @param byDepartment the same by department (said: the posts of the department's own
	 * accounts)
	 */
	public record Attention(long said, long heard, long answered, List<AttentionRow> byNetwork,
			List<AttentionRow> byDepartment) {
	}

	/**
	 * What was said, heard and answered on one network or in one department.
	 *
	 * @param key the network or the department's id
	 * @param name its name
	 * @param said the organization's posts
	 * @param heard what others said
	 * @param answered the mentions answered
	 */
	public record AttentionRow(String key, String name, long said, long heard, long answered) {
	}

}
