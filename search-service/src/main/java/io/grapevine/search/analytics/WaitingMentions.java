package io.grapevine.search.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.grapevine.listening.mention.Mention;

/**
 * The mentions of a time range that ask something or are negative and that nobody has
 * answered or dismissed yet, widest reach first, one per cluster of near-duplicates.
 *
 * @param from start of the range, inclusive
 * @param to end of the range, exclusive
 * @param total how many such mentions in all, copies included
 * @param mentions the widest-reaching of them
 */
public record WaitingMentions(Instant from, Instant to, long total, List<Waiting> mentions) {

	public WaitingMentions {
		mentions = List.copyOf(mentions);
	}

	/**
	 * One mention waiting for an answer.
	 *
	 * @param mention the mention
	 * @param question whether it asks something
	 * @param negative whether enrichment judged it negative
	 * @param copies how many waiting mentions its cluster holds, itself included
	 */
	public record Waiting(Mention mention, boolean question, boolean negative, long copies) {

		public Waiting {
			Objects.requireNonNull(mention, "mention");
		}

	}

}
