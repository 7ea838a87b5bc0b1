package io.grapevine.digest.composition.sections;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A spike the alerting raised for a topic, as a digest tells it among the spikes of its
 * period.
 *
 * @param kind what rose: the volume, the negative share, or one author's reach
 * @param topicId the topic it was raised for
 * @param count mentions in the hour
 * @param expected mentions expected in the hour
 * @param negativeShare the hour's negative share, 0 to 1
 * @param baselineNegativeShare the usual negative share, 0 to 1
 * @param author the author's handle, for a reach spike
 * @param reach the author's reach, for a reach spike
 * @param text the mention's text, for a reach spike
 * @param at when it was raised
 */
public record Spike(Kind kind, String topicId, long count, double expected, double negativeShare,
		double baselineNegativeShare, Optional<String> author, Optional<Double> reach, Optional<String> text,
		Instant at) {

	public Spike {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(topicId, "topicId");
		Objects.requireNonNull(at, "at");
		author = (author != null) ? author : Optional.empty();
		reach = (reach != null) ? reach : Optional.empty();
		text = (text != null) ? text : Optional.empty();
	}

	/**
	 * What rose.
	 */
	public enum Kind {

		/** The topic's volume. */
		VOLUME,

		/** The topic's negative share. */
		NEGATIVE,

		/** One author's reach. */
		REACH

	}

}
