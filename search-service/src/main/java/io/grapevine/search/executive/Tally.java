package io.grapevine.search.executive;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * What the executive view counts over a set of mentions (a day, a part of a day, a
 * period), for the whole organization or one department: every figure is a count or a
 * sum, so the tallies of the days of a period add up to the tally of the period. The
 * daily roll-ups keep one per day; the view adds them up with the tally of what is read
 * live.
 *
 * @param heard what others said (of the department, when the tally is a department's)
 * @param audience the followers of the authors of what was heard, added up
 * @param voices each voice's mentions (what others said of the organization and of each
 * competitor, whatever the department), by voice id
 * @param said what the organization's own accounts posted
 * @param networks what was heard on each network, by network
 * @param departments what was heard that each department is tagged on, by department id
 */
public record Tally(Figures heard, long audience, Map<String, Figures> voices, Said said, Map<String, Figures> networks,
		Map<String, Figures> departments) {

	/** Nothing counted. */
	public static final Tally EMPTY = new Tally(Figures.NONE, 0, Map.of(), Said.NONE, Map.of(), Map.of());

	public Tally {
		heard = (heard != null) ? heard : Figures.NONE;
		voices = sorted(voices);
		said = (said != null) ? said : Said.NONE;
		networks = sorted(networks);
		departments = sorted(departments);
	}

	/**
	 * This tally and another, of other mentions, added up.
	 * @param other the other tally
	 * @return both together
	 */
	public Tally plus(Tally other) {
		if (other == EMPTY) {
			return this;
		}
		if (this == EMPTY) {
			return other;
		}
		return new Tally(this.heard.plus(other.heard), this.audience + other.audience,
				merge(this.voices, other.voices, Figures::plus), this.said.plus(other.said),
				merge(this.networks, other.networks, Figures::plus),
				merge(this.departments, other.departments, Figures::plus));
	}

	/**
	 * A voice's figures, none when it was not heard.
	 * @param id the voice id
	 * @return its figures
	 */
	public Figures voice(String id) {
		return this.voices.getOrDefault(id, Figures.NONE);
	}

	/**
	 * A department's figures, none when it was not heard.
	 * @param id the department id
	 * @return its figures
	 */
	public Figures department(String id) {
		return this.departments.getOrDefault(id, Figures.NONE);
	}

	static <V> Map<String, V> merge(Map<String, V> first, Map<String, V> second, BinaryOperator<V> plus) {
		if (second.isEmpty()) {
			return first;
		}
		if (first.isEmpty()) {
			return second;
		}
		Map<String, V> merged = new TreeMap<>(first);
		second.forEach((key, value) -> merged.merge(key, value, plus));
		return merged;
	}

	private static <V> Map<String, V> sorted(Map<String, V> map) {
		return (map == null || map.isEmpty()) ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
	}

	/**
	 * The counts of a set of mentions.
	 *
	 * @param count the mentions
	 * @param positive those judged positive
	 * @param negative those judged negative
	 * @param neutral those judged neutral
	 * @param wanting those that asked or were negative
	 * @param wantingAnswered those of them answered
	 * @param answered those answered
	 * @param times the times to answer of those answered
	 */
	public record Figures(long count, long positive, long negative, long neutral, long wanting, long wantingAnswered,
			long answered, AnswerTimes times) {

		/** No mention. */
		public static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, AnswerTimes.NONE);

		public Figures {
			times = (times != null) ? times : AnswerTimes.NONE;
		}

		/**
		 * Only a count.
		 * @param count the mentions
		 * @return the figures
		 */
		public static Figures counted(long count) {
			return new Figures(count, 0, 0, 0, 0, 0, 0, AnswerTimes.NONE);
		}

		/**
		 * Both sets of mentions counted together.
		 * @param other the other figures
		 * @return the sums
		 */
		public Figures plus(Figures other) {
			return new Figures(this.count + other.count, this.positive + other.positive, this.negative + other.negative,
					this.neutral + other.neutral, this.wanting + other.wanting,
					this.wantingAnswered + other.wantingAnswered, this.answered + other.answered,
					this.times.plus(other.times));
		}

		/**
		 * Whether no mention was counted at all.
		 * @return whether all is zero
		 */
		public boolean isEmpty() {
			return this.equals(NONE);
		}

	}

	/**
	 * What the organization's own accounts posted.
	 *
	 * @param count the posts
	 * @param byNetwork the posts by network
	 * @param byDepartment the posts by the department that owns the account
	 */
	public record Said(long count, Map<String, Long> byNetwork, Map<String, Long> byDepartment) {

		/** Nothing said. */
		public static final Said NONE = new Said(0, Map.of(), Map.of());

		public Said {
			byNetwork = sorted(byNetwork);
			byDepartment = sorted(byDepartment);
		}

		/**
		 * Both posts counted together.
		 * @param other the other posts
		 * @return the sums
		 */
		public Said plus(Said other) {
			return new Said(this.count + other.count, merge(this.byNetwork, other.byNetwork, Long::sum),
					merge(this.byDepartment, other.byDepartment, Long::sum));
		}

	}

}
