package io.grapevine.digest.alerting;

import java.time.Instant;
import java.util.Optional;

import io.grapevine.digest.composition.sections.Spike;

/**
 * One message about an alert: a storm opening, an update of it, its end, or a mention by
 * an author of very high reach.
 *
 * @param id the alert id, the same for every message about one storm
 * @param kind what raised it
 * @param state where the storm stands
 * @param revision 0 for the opening message, then 1, 2... for updates and the end
 * @param topicId the topic
 * @param count mentions of the topic in the last window
 * @param negative negative mentions among them
 * @param expected the baseline count for the window
 * @param baselineNegativeShare the baseline share of negative mentions
 * @param mentionId the mention that raised a reach alert
 * @param author its author's handle
 * @param reach its reach
 * @param text its text
 * @param at when the message was raised
 */
public record Alert(String id, Kind kind, State state, int revision, String topicId, long count, long negative,
		double expected, double baselineNegativeShare, Optional<String> mentionId, Optional<String> author,
		Optional<Double> reach, Optional<String> text, Instant at) {

	/**
	 * The share of negative mentions in the window.
	 * @return between 0 and 1
	 */
	public double negativeShare() {
		return (this.count == 0) ? 0 : (double) this.negative / this.count;
	}

	/**
	 * The alert as a digest tells it among the spikes of its period.
	 * @return the spike
	 */
	public Spike spike() {
		return new Spike(Spike.Kind.valueOf(this.kind.name()), this.topicId, this.count, this.expected, negativeShare(),
				this.baselineNegativeShare, this.author, this.reach, this.text, this.at);
	}

	/**
	 * The id of this very message, for the delivery ledger.
	 * @return the alert id and revision
	 */
	public String messageId() {
		return this.id + "#" + this.revision;
	}

	/**
	 * What raised an alert.
	 */
	public enum Kind {

		/** The topic's volume rose well above its baseline. */
		VOLUME,

		/** The topic's share of negative mentions rose well above its baseline. */
		NEGATIVE,

		/** An author of very high reach mentioned the organization. */
		REACH

	}

	/**
	 * Where a storm stands.
	 */
	public enum State {

		/** The storm began. */
		OPENED,

		/** The storm goes on and grew. */
		UPDATED,

		/** The storm is over. */
		OVER

	}

}
