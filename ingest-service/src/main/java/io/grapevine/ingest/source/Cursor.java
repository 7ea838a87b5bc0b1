package io.grapevine.ingest.source;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a source instance stands: the source-specific position it resumes from, stored in
 * the compacted topic {@code ingest.cursors} keyed by source instance id.
 *
 * @param sourceInstance the source instance id, e.g. {@code x:recent-search}
 * @param position source-specific keys and values (an empty map means "from the start")
 * @param updatedAt when the position last moved
 * @param budget what the instance has spent of its {@link RequestBudget} in the current
 * window, when it has one; the pipeline stores it, and the next owner of the instance
 * resumes the count
 */
public record Cursor(String sourceInstance, Map<String, String> position, Instant updatedAt,
		Optional<RequestBudget.Spent> budget) {

	public Cursor {
		if (sourceInstance == null || sourceInstance.isBlank()) {
			throw new IllegalArgumentException("a cursor needs a 'sourceInstance'");
		}
		position = (position != null) ? Map.copyOf(position) : Map.of();
		Objects.requireNonNull(updatedAt, "updatedAt");
		budget = (budget != null) ? budget : Optional.empty();
	}

	/**
	 * A cursor without a spent budget.
	 * @param sourceInstance the source instance id
	 * @param position source-specific keys and values
	 * @param updatedAt when the position last moved
	 */
	public Cursor(String sourceInstance, Map<String, String> position, Instant updatedAt) {
		this(sourceInstance, position, updatedAt, Optional.empty());
	}

	/**
	 * The cursor of an instance that has never fetched anything.
	 * @param sourceInstance the source instance id
	 * @param now the current time
	 * @return a cursor with an empty position
	 */
	public static Cursor start(String sourceInstance, Instant now) {
		return new Cursor(sourceInstance, Map.of(), now);
	}

	/**
	 * One value of the position.
	 * @param key the key
	 * @return its value, if set
	 */
	public Optional<String> get(String key) {
		return Optional.ofNullable(this.position.get(key));
	}

	/**
	 * This cursor moved to another position.
	 * @param position the new position
	 * @param now when it moved
	 * @return the moved cursor
	 */
	public Cursor moveTo(Map<String, String> position, Instant now) {
		return new Cursor(this.sourceInstance, position, now);
	}

	/**
	 * This cursor with what its instance has spent of its request budget.
	 * @param budget the spent budget, if any
	 * @return a copy with the budget
	 */
	public Cursor withBudget(Optional<RequestBudget.Spent> budget) {
		return new Cursor(this.sourceInstance, this.position, this.updatedAt, budget);
	}

	/**
	 * Whether the other cursor stands at the same position, whenever it was written.
	 * @param other another cursor
	 * @return true when instance and position are equal
	 */
	public boolean samePositionAs(Cursor other) {
		return this.sourceInstance.equals(other.sourceInstance) && this.position.equals(other.position);
	}

}
