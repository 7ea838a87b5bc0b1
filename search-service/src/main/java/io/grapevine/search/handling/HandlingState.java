package io.grapevine.search.handling;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a mention stands in being answered.
 */
public enum HandlingState {

	/** Nobody has acted on it yet; it is with the departments that own its topics. */
	OPEN,

	/** Assigned to a department, a person or both. */
	ASSIGNED,

	/** Answered, with the link to the answer. */
	ANSWERED,

	/** Handed on to another department, with the reason. */
	ESCALATED,

	/** Set aside without an answer, with the reason. */
	DISMISSED,

	/** Answered or dismissed before, and waiting again. */
	REOPENED;

	/** The states in which a mention waits for an answer. */
	public static final Set<HandlingState> WAITING = Set.of(OPEN, ASSIGNED, ESCALATED, REOPENED);

	/**
	 * Whether a mention in this state waits for an answer.
	 * @return true for open, assigned, escalated and reopened
	 */
	public boolean waiting() {
		return WAITING.contains(this);
	}

	/**
	 * The name in JSON, the API and the index.
	 * @return the lower-case name
	 */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The state of a name as {@link #value()} writes it.
	 * @param value the name, in any case
	 * @return the state, if there is one by that name
	 */
	public static Optional<HandlingState> of(String value) {
		if (value == null) {
			return Optional.empty();
		}
		String name = value.strip();
		return Arrays.stream(values()).filter((state) -> state.value().equalsIgnoreCase(name)).findFirst();
	}

}
