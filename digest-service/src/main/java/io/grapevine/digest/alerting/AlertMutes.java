package io.grapevine.digest.alerting;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this replica knows of the topics whose alerts are muted: the topics muted for good
 * by the {@code grapevine.alerts.muted} setting, and the mutes kept in the alert archive,
 * each until an instant, which every replica shares and rereads.
 */
public class AlertMutes {

	private final Set<String> forGood;

	private final Map<String, Instant> until = new ConcurrentHashMap<>();

	/**
	 * Create the mutes.
	 * @param forGood the topics muted by configuration
	 */
	public AlertMutes(Set<String> forGood) {
		this.forGood = Set.copyOf(forGood);
	}

	/**
	 * Mute a topic until an instant.
	 * @param topicId the topic
	 * @param until when alerts resume
	 */
	public void mute(String topicId, Instant until) {
		this.until.put(topicId, until);
	}

	/**
	 * Lift a topic's mute; a topic muted by configuration stays muted.
	 * @param topicId the topic
	 */
	public void unmute(String topicId) {
		this.until.remove(topicId);
	}

	/**
	 * Replace the mutes with those read from the archive.
	 * @param stored until when each topic is muted
	 */
	public void replaceWith(Map<String, Instant> stored) {
		this.until.keySet().retainAll(stored.keySet());
		this.until.putAll(stored);
	}

	/**
	 * Whether a topic is muted by configuration.
	 * @param topicId the topic
	 * @return {@code true} when only a new configuration can unmute it
	 */
	public boolean mutedForGood(String topicId) {
		return this.forGood.contains(topicId);
	}

	/**
	 * Whether a topic is muted.
	 * @param topicId the topic
	 * @param now the time
	 * @return {@code true} while its mute lasts
	 */
	public boolean muted(String topicId, Instant now) {
		if (this.forGood.contains(topicId)) {
			return true;
		}
		Instant end = this.until.get(topicId);
		return end != null && end.isAfter(now);
	}

	/**
	 * The mutes that last at an instant.
	 * @param now the time
	 * @return until when each topic is muted, {@link Instant#MAX} for good
	 */
	public Map<String, Instant> at(Instant now) {
		Map<String, Instant> mutes = new LinkedHashMap<>();
		this.until.forEach((topic, end) -> {
			if (end.isAfter(now)) {
				mutes.put(topic, end);
			}
		});
		this.forGood.forEach((topic) -> mutes.put(topic, Instant.MAX));
		return mutes;
	}

}
