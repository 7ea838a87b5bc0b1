package io.grapevine.ingest.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.UnaryOperator;

/**
 * The current status of every source instance, updated by the pipeline and read by the
 * API.
 */
public class SourceStatusBoard {

	private static final Duration WINDOW = Duration.ofHours(1);

	private final Map<String, SourceStatus> statuses = new ConcurrentHashMap<>();

	private final Map<String, Deque<Published>> recent = new ConcurrentHashMap<>();

	void register(SourceStatus status) {
		if (this.statuses.putIfAbsent(status.instanceId(), status) != null) {
			throw new IllegalStateException("Two source instances have the id '" + status.instanceId()
					+ "'; give one of them another name under sources in the organization file");
		}
	}

	void update(String instanceId, UnaryOperator<SourceStatus> change) {
		this.statuses.computeIfPresent(instanceId, (id, status) -> change.apply(status));
	}

	void recordPublished(String instanceId, int mentions, Instant now) {
		if (mentions == 0) {
			return;
		}
		Deque<Published> published = this.recent.computeIfAbsent(instanceId, (id) -> new ConcurrentLinkedDeque<>());
		published.addLast(new Published(now, mentions));
		forget(published, now);
	}

	/**
	 * How many mentions an instance published in the hour before a time.
	 * @param instanceId the instance id
	 * @param now the time
	 * @return the count
	 */
	public long publishedInTheLastHour(String instanceId, Instant now) {
		Deque<Published> published = this.recent.get(instanceId);
		if (published == null) {
			return 0;
		}
		forget(published, now);
		Instant since = now.minus(WINDOW);
		return published.stream().filter((entry) -> entry.at().isAfter(since)).mapToLong(Published::mentions).sum();
	}

	private static void forget(Deque<Published> published, Instant now) {
		Instant since = now.minus(WINDOW);
		for (Published oldest = published.peekFirst(); oldest != null
				&& !oldest.at().isAfter(since); oldest = published.peekFirst()) {
			published.pollFirst();
		}
	}

	/**
	 * Every source instance, enabled or not, ordered by id.
	 * @return the statuses
	 */
	public List<SourceStatus> all() {
		return this.statuses.values().stream().sorted(Comparator.comparing(SourceStatus::instanceId)).toList();
	}

	/**
	 * One source instance.
	 * @param instanceId its id
	 * @return its status, if there is such an instance
	 */
	public Optional<SourceStatus> find(String instanceId) {
		return Optional.ofNullable(this.statuses.get(instanceId));
	}

	private record Published(Instant at, int mentions) {
	}

}
