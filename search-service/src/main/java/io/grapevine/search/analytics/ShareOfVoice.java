package io.grapevine.search.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.grapevine.search.analytics.Summary.SentimentSplit;

/**
 * How much of what was said over a time range was about the organization and how much
 * about each of its competitors, and how each felt.
 * <p>
 * A voice's share is its mentions over the sum of every voice's mentions, so a mention
 * that names the organization and a competitor counts once for each.
 *
 * @param from start of the range, inclusive
 * @param to end of the range, exclusive
 * @param total the mentions of every voice added up
 * @param organization the organization's voice: its mentions of any topic
 * @param competitors each competitor's voice, in organization file order, silent ones
 * included
 */
public record ShareOfVoice(Instant from, Instant to, long total, Voice organization, List<Voice> competitors) {

	public ShareOfVoice {
		Objects.requireNonNull(organization, "organization");
		competitors = List.copyOf(competitors);
	}

	/**
	 * The share of voice of the counts given, each voice's share computed from the total.
	 * @param from start of the range
	 * @param to end of the range
	 * @param organization the organization's name, count and sentiment
	 * @param competitors each competitor's id, name, count and sentiment
	 * @return the share of voice
	 */
	public static ShareOfVoice of(Instant from, Instant to, Voice organization, List<Voice> competitors) {
		long total = organization.mentions() + competitors.stream().mapToLong(Voice::mentions).sum();
		return new ShareOfVoice(from, to, total, organization.sharedOf(total),
				competitors.stream().map((voice) -> voice.sharedOf(total)).toList());
	}

	/**
	 * One voice: the organization or a competitor.
	 *
	 * @param id the competitor's id; absent for the organization
	 * @param name the display name
	 * @param mentions mentions in the range
	 * @param share its mentions over all voices' (0 to 1; 0 when nobody said anything)
	 * @param sentiment how its mentions felt
	 */
	public record Voice(Optional<String> id, String name, long mentions, double share, SentimentSplit sentiment) {

		public Voice {
			id = (id != null) ? id : Optional.empty();
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(sentiment, "sentiment");
		}

		Voice sharedOf(long total) {
			return new Voice(this.id, this.name, this.mentions, (total > 0) ? (double) this.mentions / total : 0,
					this.sentiment);
		}

	}

}
