package io.grapevine.digest.alerting;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topics whose alerts are muted, each until an instant.
 */
public class AlertMutes {

	private final Map<String, Instant> until = new ConcurrentHashMap<>();

	/**
	 * Mute a topic until an instant; a later instant already set wins.
	 * @param topicId the topic
	 * @param until when alerts resume
	 */
	public void mute(String topicId, Instant until) {
		this.until.merge(topicId, until, (a, b) -> a.isAfter(b) ? a : b);
	}

	/**
	 * Whether a topic is muted.
	 * @param topicId the topic
	 * @param now the time
	 * @return {@code true} while its mute lasts
	 */
	public boolean muted(String topicId, Instant now) {
		Instant end = this.until.get(topicId);
		return end != null && end.isAfter(now);
	}

	/**
	 * The mutes.
	 * @return until when each topic is muted
	 */
	public Map<String, Instant> all() {
		return Map.copyOf(this.until);
	}

}
