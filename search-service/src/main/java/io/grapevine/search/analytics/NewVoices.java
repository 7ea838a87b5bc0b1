package io.grapevine.search.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.grapevine.listening.mention.Mention;

/**
 * The authors who spoke in a time range and never before it (no earlier mention of theirs
 * within the retention window), widest reach first.
 *
 * @param from start of the range, inclusive
 * @param to end of the range, exclusive
 * @param voices the new voices, widest reach first
 */
public record NewVoices(Instant from, Instant to, List<Voice> voices) {

	public NewVoices {
		voices = List.copyOf(voices);
	}

	/**
	 * One new voice and the mention of theirs with the widest reach.
	 *
	 * @param handle the account name
	 * @param source the source they spoke on
	 * @param displayName their display name, if any
	 * @param followers their followers, when known
	 * @param reach the widest reach of their mentions in the range, when computed
	 * @param mentions how many mentions of theirs are in the range
	 * @param mention their mention with the widest reach
	 */
	public record Voice(String handle, String source, Optional<String> displayName, Optional<Long> followers,
			Optional<Double> reach, long mentions, Mention mention) {

		public Voice {
			Objects.requireNonNull(handle, "handle");
			Objects.requireNonNull(mention, "mention");
			displayName = (displayName != null) ? displayName : Optional.empty();
			followers = (followers != null) ? followers : Optional.empty();
			reach = (reach != null) ? reach : Optional.empty();
		}

	}

}
