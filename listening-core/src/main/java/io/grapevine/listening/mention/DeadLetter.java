package io.grapevine.listening.mention;

import java.time.Instant;
import java.util.Objects;

/**
 * A payload that could not become an indexed mention, kept with the reason so nothing is
 * lost.
 *
 * @param source the source instance or service stage that gave up on it (e.g.
 * {@code x:recent-search}, {@code indexer})
 * @param reason what was wrong, for the person who reads the dead-letter topic
 * @param payload the raw payload, unchanged
 * @param occurredAt when it was set aside
 */
public record DeadLetter(String source, String reason, String payload, Instant occurredAt) {

	public DeadLetter {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(reason, "reason");
		payload = (payload != null) ? payload : "";
		occurredAt = (occurredAt != null) ? occurredAt : Instant.now();
	}

	/**
	 * A dead letter set aside now.
	 * @param source the source or stage
	 * @param reason what was wrong
	 * @param payload the raw payload
	 * @return the dead letter
	 */
	public static DeadLetter now(String source, String reason, String payload) {
		return new DeadLetter(source, reason, payload, Instant.now());
	}

}
