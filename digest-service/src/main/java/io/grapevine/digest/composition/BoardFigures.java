package io.grapevine.digest.composition;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The numbers of a board digest: the organization's month against the month before, its
 * share of voice against its competitors, each department's month, and the mentions that
 * reached furthest.
 *
 * @param total the organization's mentions (those of any topic) this month
 * @param previousTotal its mentions last month
 * @param change the change in a few words, as archive listings show it ("up 12% from
 * October")
 * @param volume the headline sentence ("600 mentions in November 2026, up 20% from 500 in
 * October.")
 * @param sentiment how this month's mentions felt
 * @param previousSentiment how last month's felt
 * @param sentimentSentence how they felt in a sentence ("Sentiment of the 300 mentions
 * judged: 26% positive, 49% negative; negative up from 38% in October.")
 * @param shareOfVoice the organization first, then each competitor, in file order
 * @param departments each department's month, in file order
 * @param topMentions the organization's mentions with the widest reach this month
 */
public record BoardFigures(long total, long previousTotal, String change, String volume, Sentiment sentiment,
		Sentiment previousSentiment, String sentimentSentence, List<Voice> shareOfVoice,
		List<DepartmentMonth> departments, List<TopMention> topMentions) {

	/** The key of the organization's own voice in the share of voice. */
	public static final String ORGANIZATION = "organization";

	public BoardFigures {
		change = (change != null) ? change : "";
		volume = (volume != null) ? volume : "";
		sentimentSentence = (sentimentSentence != null) ? sentimentSentence : "";
		Objects.requireNonNull(sentiment, "sentiment");
		Objects.requireNonNull(previousSentiment, "previousSentiment");
		shareOfVoice = (shareOfVoice != null) ? List.copyOf(shareOfVoice) : List.of();
		departments = (departments != null) ? List.copyOf(departments) : List.of();
		topMentions = (topMentions != null) ? List.copyOf(topMentions) : List.of();
	}

	/**
	 * How a month's mentions felt.
	 *
	 * @param positive mentions judged positive
	 * @param negative mentions judged negative
	 * @param neutral mentions judged neutral
	 * @param averageScore the average score (-1 to 1) of the judged mentions, if any was
	 * judged
	 */
	public record Sentiment(long positive, long negative, long neutral, Optional<Double> averageScore) {

		/** A month nobody judged. */
		public static final Sentiment NONE = new Sentiment(0, 0, 0, Optional.empty());

		public Sentiment {
			averageScore = (averageScore != null) ? averageScore : Optional.empty();
		}

		/**
		 * The mentions judged at all.
		 * @return positive, negative and neutral added up
		 */
		public long judged() {
			return this.positive + this.negative + this.neutral;
		}

		/**
		 * The positive share of the judged mentions.
		 * @return 0 to 100, rounded; 0 when none was judged
		 */
		public int positivePercent() {
			return percent(this.positive, judged());
		}

		/**
		 * The negative share of the judged mentions.
		 * @return 0 to 100, rounded; 0 when none was judged
		 */
		public int negativePercent() {
			return percent(this.negative, judged());
		}

	}

	/**
	 * One voice of the share of voice: the organization or a competitor.
	 *
	 * @param key {@code organization}, or the competitor's id
	 * @param name its display name
	 * @param organization whether it is the organization itself
	 * @param mentions its mentions this month
	 * @param percent its share of every voice's mentions this month, rounded
	 * @param previousMentions its mentions last month
	 * @param previousPercent its share last month, rounded
	 * @param line what the digest says of it after its name ("60% (600 mentions), up 10
	 * points from 50% in October; 40% positive, 18% negative")
	 * @param sentiment how its mentions felt this month
	 */
	public record Voice(String key, String name, boolean organization, long mentions, int percent,
			long previousMentions, int previousPercent, String line, Sentiment sentiment) {

		public Voice {
			Objects.requireNonNull(key, "key");
			Objects.requireNonNull(name, "name");
			line = (line != null) ? line : "";
			Objects.requireNonNull(sentiment, "sentiment");
		}

	}

	/**
	 * One department's month.
	 *
	 * @param id the department id
	 * @param name its display name
	 * @param mentions its mentions this month
	 * @param previousMentions its mentions last month
	 * @param line what the digest says of it after its name ("80 mentions, up 100% from
	 * 40 in October; 13% positive, 50% negative")
	 * @param sentiment how its mentions felt this month
	 */
	public record DepartmentMonth(String id, String name, long mentions, long previousMentions, String line,
			Sentiment sentiment) {

		public DepartmentMonth {
			Objects.requireNonNull(id, "id");
			line = (line != null) ? line : "";
			Objects.requireNonNull(sentiment, "sentiment");
		}

	}

	static int percent(long count, long total) {
		return (total > 0) ? (int) Math.round(count * 100.0 / total) : 0;
	}

}
