package io.grapevine.digest.composition;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the analytics say about one month, as a board digest is made from it: the
 * organization's and each competitor's mentions and sentiment (the share of voice), and
 * each department's.
 *
 * @param organization the organization's mentions (those of any topic)
 * @param competitors each competitor's mentions, by competitor id
 * @param departments each department's mentions, by department id
 */
public record BoardMonth(Count organization, Map<String, Count> competitors, Map<String, Count> departments) {

	public BoardMonth {
		Objects.requireNonNull(organization, "organization");
		competitors = (competitors != null) ? Map.copyOf(competitors) : Map.of();
		departments = (departments != null) ? Map.copyOf(departments) : Map.of();
	}

	/**
	 * A month in which nothing was said.
	 * @return the empty month
	 */
	public static BoardMonth silent() {
		return new BoardMonth(Count.NONE, Map.of(), Map.of());
	}

	/**
	 * Mentions and how they felt.
	 *
	 * @param mentions how many
	 * @param sentiment how they felt
	 */
	public record Count(long mentions, BoardFigures.Sentiment sentiment) {

		/** Nothing said. */
		public static final Count NONE = new Count(0, BoardFigures.Sentiment.NONE);

		public Count {
			if (mentions < 0) {
				throw new IllegalArgumentException("mentions cannot be negative, was " + mentions);
			}
			Objects.requireNonNull(sentiment, "sentiment");
		}

	}

	/**
	 * The counts of voices in file order, for the total every share is taken of.
	 * @param competitorIds the competitor ids
	 * @return every voice's mentions added up
	 */
	long voices(List<String> competitorIds) {
		long total = this.organization.mentions();
		for (String id : competitorIds) {
			total += this.competitors.getOrDefault(id, Count.NONE).mentions();
		}
		return total;
	}

}
