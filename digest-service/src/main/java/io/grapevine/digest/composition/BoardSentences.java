package io.grapevine.digest.composition;

import io.grapevine.digest.audience.Period;

/**
 * The sentences of a board digest, each written for every case a month can bring: no
 * mention at all, none judged for sentiment, a voice not heard, a rise, a fall or no
 * change against the month before.
 *
 * @param month the month's label, as in "November 2026"
 * @param monthName the month's name alone, as in "November"
 * @param previousMonth the month before, as in "October"
 */
public record BoardSentences(String month, String monthName, String previousMonth) {

	/**
	 * The sentences of a board period.
	 * @param period the month the digest covers
	 * @return its sentences
	 */
	public static BoardSentences of(Period period) {
		return new BoardSentences(period.label(), period.monthName(), period.previous().monthName());
	}

	/**
	 * The headline: the month's volume against the month before's.
	 * @param total mentions this month
	 * @param previousTotal mentions the month before
	 * @return "600 mentions in November 2026, up 20% from 500 in October." and its cases
	 */
	public String volume(long total, long previousTotal) {
		if (total == 0) {
			return (previousTotal == 0) ? "No mentions in %s, nor in %s.".formatted(this.month, this.previousMonth)
					: "No mentions in %s, against %d in %s.".formatted(this.month, previousTotal, this.previousMonth);
		}
		return "%s in %s%s.".formatted(Digest.mentions(total), this.month, against(total, previousTotal));
	}

	/**
	 * The volume's change in a few words, as archive listings show it.
	 * @param total mentions this month
	 * @param previousTotal mentions the month before
	 * @return "up 20% from October", "down 20% from October", "as many as in October",
	 * "none in October" or "no mentions"
	 */
	public String change(long total, long previousTotal) {
		if (total == 0) {
			return "no mentions";
		}
		if (previousTotal == 0) {
			return "none in " + this.previousMonth;
		}
		long percent = percentChange(total, previousTotal);
		if (percent == 0) {
			return ((total == previousTotal) ? "as many as in " : "about as many as in ") + this.previousMonth;
		}
		return ((total > previousTotal) ? "up " : "down ") + percent + "% from " + this.previousMonth;
	}

	/**
	 * How the month's mentions felt, against the month before.
	 * @param total mentions this month
	 * @param now this month's sentiment
	 * @param before the month before's
	 * @return "Sentiment of the 300 mentions judged: 26% positive, 49% negative; negative
	 * up from 38% in October." and its cases
	 */
	public String sentiment(long total, BoardFigures.Sentiment now, BoardFigures.Sentiment before) {
		if (total == 0) {
			return "No mention in %s to judge for sentiment.".formatted(this.monthName);
		}
		if (now.judged() == 0) {
			return "None of %s's mentions was judged for sentiment.".formatted(this.monthName);
		}
		String feeling = "Sentiment of the %s judged: %s"
			.formatted((now.judged() == 1) ? "mention" : now.judged() + " mentions", feeling(now));
		if (before.judged() == 0) {
			return feeling + "; none judged in %s to compare with.".formatted(this.previousMonth);
		}
		int negative = now.negativePercent();
		int then = before.negativePercent();
		if (negative == then) {
			return feeling + "; negative as in %s.".formatted(this.previousMonth);
		}
		return feeling + "; negative %s from %d%% in %s.".formatted((negative > then) ? "up" : "down", then,
				this.previousMonth);
	}

	/**
	 * One voice's line of the share of voice, after its name.
	 * @param mentions its mentions this month
	 * @param percent its share this month
	 * @param previousMentions its mentions the month before
	 * @param previousPercent its share the month before
	 * @param previousVoices every voice's mentions the month before
	 * @param sentiment how its mentions felt this month
	 * @return "60% (600 mentions), up 10 points from 50% in October; 40% positive, 18%
	 * negative" and its cases
	 */
	public String voice(long mentions, int percent, long previousMentions, int previousPercent, long previousVoices,
			BoardFigures.Sentiment sentiment) {
		if (mentions == 0) {
			return (previousMentions == 0)
					? "no mentions in %s, nor in %s".formatted(this.monthName, this.previousMonth)
					: "no mentions in %s, against %d%% of voices in %s".formatted(this.monthName, previousPercent,
							this.previousMonth);
		}
		String share = "%d%% (%s)".formatted(percent, Digest.mentions(mentions));
		String change;
		if (previousVoices == 0) {
			change = ", nobody heard in %s to compare with".formatted(this.previousMonth);
		}
		else if (previousMentions == 0) {
			change = ", up from no mentions in " + this.previousMonth;
		}
		else if (percent == previousPercent) {
			change = ", level with %d%% in %s".formatted(previousPercent, this.previousMonth);
		}
		else {
			int points = Math.abs(percent - previousPercent);
			change = ", %s %d %s from %d%% in %s".formatted((percent > previousPercent) ? "up" : "down", points,
					(points == 1) ? "point" : "points", previousPercent, this.previousMonth);
		}
		return share + change + "; " + shortFeeling(sentiment);
	}

	/**
	 * One department's line, after its name.
	 * @param mentions its mentions this month
	 * @param previousMentions its mentions the month before
	 * @param sentiment how its mentions felt this month
	 * @return "80 mentions, up 100% from 40 in October; 13% positive, 50% negative" and
	 * its cases
	 */
	public String department(long mentions, long previousMentions, BoardFigures.Sentiment sentiment) {
		if (mentions == 0) {
			return (previousMentions == 0)
					? "no mentions in %s, nor in %s".formatted(this.monthName, this.previousMonth)
					: "no mentions in %s, against %d in %s".formatted(this.monthName, previousMentions,
							this.previousMonth);
		}
		return Digest.mentions(mentions) + against(mentions, previousMentions) + "; " + shortFeeling(sentiment);
	}

	private String against(long total, long previousTotal) {
		if (previousTotal == 0) {
			return " (none in %s)".formatted(this.previousMonth);
		}
		long percent = percentChange(total, previousTotal);
		if (total == previousTotal) {
			return ", as many as in " + this.previousMonth;
		}
		if (percent == 0) {
			return ", about as many as the %d in %s".formatted(previousTotal, this.previousMonth);
		}
		return ", %s %d%% from %d in %s".formatted((total > previousTotal) ? "up" : "down", percent, previousTotal,
				this.previousMonth);
	}

	private static long percentChange(long total, long previousTotal) {
		return Math.round(Math.abs(total - previousTotal) * 100.0 / previousTotal);
	}

	private static String feeling(BoardFigures.Sentiment sentiment) {
		return "%d%% positive, %d%% negative".formatted(sentiment.positivePercent(), sentiment.negativePercent());
	}

	private static String shortFeeling(BoardFigures.Sentiment sentiment) {
		return (sentiment.judged() == 0) ? "none judged for sentiment" : feeling(sentiment);
	}

}
