package io.grapevine.digest.alerting;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Accounts;
import io.grapevine.listening.query.Sentiment;

/**
 * Decides, mention by mention, which alerts to raise: a topic storms when its last window
 * holds at least the minimum count and either its volume is the configured factor above
 * its expected count or its negative share rose the configured amount above its baseline
 * share; one storm is one alert, updated at most every {@code updateEvery} while it grows
 * and closed ("over") once the window falls back below the thresholds. Mentions are
 * counted once per id, so a replay changes nothing. Muted topics raise nothing. Each
 * replica runs one and proposes its alerts; the alert archive decides which replica's
 * proposal is raised, and the others {@link #follow follow} it. Not thread-safe: one
 * consumer feeds it.
 */
public class StormDetector {

	private static final DateTimeFormatter STORM_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm")
		.withZone(ZoneOffset.UTC);

	private final Clock clock;

	private final AlertThresholds thresholds;

	private final Baseline baseline;

	private final AlertMutes mutes;

	private final Predicate<String> watched;

	// Per topic, the mentions of the window by id: published at, negative.
	private final Map<String, Map<String, Seen>> windows = new LinkedHashMap<>();

	private final Map<String, Storm> storms = new LinkedHashMap<>();

	private final Set<String> reachAlerted = ConcurrentHashMap.newKeySet();

	private final Accounts accounts;

	/**
	 * Create a detector.
	 * @param clock the clock
	 * @param thresholds the thresholds
	 * @param baseline the topics' baselines
	 * @param mutes the muted topics
	 */
	public StormDetector(Clock clock, AlertThresholds thresholds, Baseline baseline, AlertMutes mutes) {
		this(clock, thresholds, baseline, mutes, (topic) -> true);
	}

	/**
	 * Create a detector that counts only some topics.
	 * @param clock the clock
	 * @param thresholds the thresholds
	 * @param baseline the topics' baselines
	 * @param mutes the muted topics
	 * @param watched the topics to count, those of the organization file
	 */
	public StormDetector(Clock clock, AlertThresholds thresholds, Baseline baseline, AlertMutes mutes,
			Predicate<String> watched) {
		this(clock, thresholds, baseline, mutes, watched, Accounts.none());
	}

	/**
	 * Create a detector that counts only some topics, and leaves the organization's own
	 * posts out.
	 * @param clock the clock
	 * @param thresholds the thresholds
	 * @param baseline the topics' baselines
	 * @param mutes the muted topics
	 * @param watched the topics to count, those of the organization file
	 * @param accounts the organization's declared accounts, whose posts are what it said,
	 * not what was said about it
	 */
	public StormDetector(Clock clock, AlertThresholds thresholds, Baseline baseline, AlertMutes mutes,
			Predicate<String> watched, Accounts accounts) {
		this.accounts = accounts;
		this.clock = clock;
		this.thresholds = thresholds;
		this.baseline = baseline;
		this.mutes = mutes;
		this.watched = watched;
	}

	/**
	 * Count a mention and return the alerts it raises.
	 * @param mention the mention
	 * @return the alerts, often none
	 */
	public List<Alert> accept(Mention mention) {
		// What the organization says itself is neither a spike about it nor a voice to
		// answer, whether ingest marked it or an older writer did not.
		if (mention.owned() || this.accounts.mark(mention).owned()) {
			return List.of();
		}
		Instant now = this.clock.instant();
		Instant since = now.minus(this.thresholds.window());
		List<Alert> alerts = new ArrayList<>();
		boolean recent = mention.publishedAt().isAfter(since);
		boolean negative = mention.sentiment().map((s) -> s.label() == Sentiment.NEGATIVE).orElse(false);
		List<String> topics = mention.topics().stream().filter(this.watched).toList();
		for (String topic : topics) {
			Map<String, Seen> window = this.windows.computeIfAbsent(topic, (key) -> new LinkedHashMap<>());
			if (recent) {
				window.putIfAbsent(mention.id(), new Seen(mention.publishedAt(), negative));
			}
			check(topic, now).ifPresent(alerts::add);
		}
		reach(mention, topics, now, recent).ifPresent(alerts::add);
		return alerts;
	}

	/**
	 * Take the archived state of a topic's storm as this detector's own: the storm that
	 * another replica opened, updated or closed, so this one proposes its next message.
	 * @param current the storm's latest message
	 */
	public void follow(Alert current) {
		if (current.kind() == Alert.Kind.REACH) {
			return;
		}
		if (current.state() == Alert.State.OVER) {
			Storm storm = this.storms.get(current.topicId());
			if (storm != null && storm.id.equals(current.id())) {
				this.storms.remove(current.topicId());
			}
			return;
		}
		Storm storm = new Storm(current.id(), current.kind(), current.at(), current.count());
		storm.revision = current.revision();
		this.storms.put(current.topicId(), storm);
	}

	/**
	 * Forget a topic's open storm without a message, so the next mention proposes it
	 * again; for an opening that could not be claimed or was muted meanwhile.
	 * @param alert the message that was not raised
	 */
	public void forget(Alert alert) {
		Storm storm = this.storms.get(alert.topicId());
		if (storm != null && storm.id.equals(alert.id())) {
			this.storms.remove(alert.topicId());
		}
	}

	/**
	 * Look at every open storm without a new mention, closing those that are over.
	 * @return the alerts raised
	 */
	public List<Alert> tick() {
		Instant now = this.clock.instant();
		List<Alert> alerts = new ArrayList<>();
		for (String topic : List.copyOf(this.storms.keySet())) {
			check(topic, now).ifPresent(alerts::add);
		}
		return alerts;
	}

	/**
	 * How many mentions of a topic the window held at the last look.
	 * @param topic the topic
	 * @return the count, 0 for a topic not seen
	 */
	public int counted(String topic) {
		return this.windows.getOrDefault(topic, Map.of()).size();
	}

	/**
	 * The storms open now.
	 * @return by topic, the id of the open storm's latest message (alert id and revision,
	 * as {@link Alert#messageId()})
	 */
	public Map<String, String> openStorms() {
		Map<String, String> open = new LinkedHashMap<>();
		this.storms.forEach((topic, storm) -> open.put(topic, storm.id + "#" + storm.revision));
		return open;
	}

	private Optional<Alert> check(String topic, Instant now) {
		Map<String, Seen> window = this.windows.getOrDefault(topic, new LinkedHashMap<>());
		Instant since = now.minus(this.thresholds.window());
		for (Iterator<Seen> seen = window.values().iterator(); seen.hasNext();) {
			if (!seen.next().publishedAt.isAfter(since)) {
				seen.remove();
			}
		}
		long count = window.size();
		long negative = window.values().stream().filter(Seen::negative).count();
		Baseline.Expected expected = this.baseline.expected(topic, now);
		Optional<Alert.Kind> kind = storming(count, negative, expected);
		Storm storm = this.storms.get(topic);
		if (storm == null) {
			if (kind.isEmpty() || this.mutes.muted(topic, now)) {
				return Optional.empty();
			}
			storm = new Storm(topic + "-" + STORM_ID.format(now), kind.get(), now, count);
			this.storms.put(topic, storm);
			return Optional.of(alert(storm, Alert.State.OPENED, topic, count, negative, expected, now));
		}
		if (kind.isEmpty()) {
			this.storms.remove(topic);
			storm.revision++;
			return Optional.of(alert(storm, Alert.State.OVER, topic, count, negative, expected, now));
		}
		if (count > storm.lastCount && !now.isBefore(storm.lastSent.plus(this.thresholds.updateEvery()))
				&& !this.mutes.muted(topic, now)) {
			storm.revision++;
			storm.lastSent = now;
			storm.lastCount = count;
			return Optional.of(alert(storm, Alert.State.UPDATED, topic, count, negative, expected, now));
		}
		return Optional.empty();
	}

	private Optional<Alert.Kind> storming(long count, long negative, Baseline.Expected expected) {
		if (count < this.thresholds.minCount()) {
			return Optional.empty();
		}
		if (count >= this.thresholds.volumeFactor() * Math.max(expected.count(), 1.0)) {
			return Optional.of(Alert.Kind.VOLUME);
		}
		double share = (double) negative / count;
		if (share - expected.negativeShare() >= this.thresholds.negativeRise()) {
			return Optional.of(Alert.Kind.NEGATIVE);
		}
		return Optional.empty();
	}

	private Optional<Alert> reach(Mention mention, List<String> topics, Instant now, boolean recent) {
		double reach = mention.reach().orElse(0.0);
		double followers = mention.author().followers().orElse(0L);
		double highest = Math.max(reach, followers);
		if (!recent || highest < this.thresholds.highReach() || topics.isEmpty()
				|| topics.stream().allMatch((topic) -> this.mutes.muted(topic, now))
				|| !this.reachAlerted.add(mention.id())) {
			return Optional.empty();
		}
		String topic = topics.stream().filter((t) -> !this.mutes.muted(t, now)).findFirst().orElseThrow();
		return Optional.of(new Alert("reach-" + mention.id(), Alert.Kind.REACH, Alert.State.OPENED, 0, topic, 1, 0, 0,
				0, Optional.of(mention.id()), Optional.of(mention.author().handle()), Optional.of(highest),
				Optional.of(mention.text()), now));
	}

	private static Alert alert(Storm storm, Alert.State state, String topic, long count, long negative,
			Baseline.Expected expected, Instant now) {
		return new Alert(storm.id, storm.kind, state, storm.revision, topic, count, negative, expected.count(),
				expected.negativeShare(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), now);
	}

	private record Seen(Instant publishedAt, boolean negative) {
	}

	private static final class Storm {

		private final String id;

		private final Alert.Kind kind;

		private int revision;

		private Instant lastSent;

		private long lastCount;

		Storm(String id, Alert.Kind kind, Instant opened, long count) {
			this.id = id;
			this.kind = kind;
			this.lastSent = opened;
			this.lastCount = count;
		}

	}

}
