package io.grapevine.ingest.pipeline;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The current status of every source instance, updated by the pipeline and read by the
 * API.
 */
public class SourceStatusBoard {

	private final Map<String, SourceStatus> statuses = new ConcurrentHashMap<>();

	void register(SourceStatus status) {
		if (this.statuses.putIfAbsent(status.instanceId(), status) != null) {
			throw new IllegalStateException("Two source instances have the id '" + status.instanceId()
					+ "'; give one of them another name under sources in the organization file");
		}
	}

	void update(String instanceId, UnaryOperator<SourceStatus> change) {
		this.statuses.computeIfPresent(instanceId, (id, status) -> change.apply(status));
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

}
