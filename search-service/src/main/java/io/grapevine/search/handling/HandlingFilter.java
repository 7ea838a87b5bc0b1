package io.grapevine.search.handling;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

/**
 * Which mentions to keep by their handling: by state, and by the departments that hold
 * them.
 *
 * @param states the states to keep
 * @param departments department ids; empty for any department
 * @param ownedTopics the topics those departments own, which decide for a mention nobody
 * has acted on
 */
public record HandlingFilter(Set<HandlingState> states, List<String> departments, List<String> ownedTopics) {

	public HandlingFilter {
		Objects.requireNonNull(states, "states");
		if (states.isEmpty()) {
			throw new IllegalArgumentException("a handling filter keeps at least one state");
		}
		states = Set.copyOf(states);
		departments = (departments != null) ? List.copyOf(departments) : List.of();
		ownedTopics = (ownedTopics != null) ? List.copyOf(ownedTopics) : List.of();
	}

	/**
	 * The filter of the mentions a department holds in some states.
	 * @param states the states
	 * @param department the department, or empty for any
	 * @param organization the organization, for the topics the department owns
	 * @return the filter
	 */
	public static HandlingFilter of(Set<HandlingState> states, Optional<String> department, Organization organization) {
		List<String> owned = department.flatMap(organization::department)
			.map((found) -> found.topics().stream().map(Topic::id).toList())
			.orElse(List.of());
		return new HandlingFilter(states, department.map(List::of).orElse(List.of()), owned);
	}

	/**
	 * The states a name in the API stands for: {@code open} for every waiting state, or
	 * one state by its name.
	 * @param value the name
	 * @return the states, if the name is one
	 */
	public static Optional<Set<HandlingState>> states(String value) {
		if (value != null && value.strip().equalsIgnoreCase("open")) {
			return Optional.of(HandlingState.WAITING);
		}
		return HandlingState.of(value).map(Set::of);
	}

	/**
	 * Whether mentions nobody has acted on (which are open) are kept.
	 * @return true when the states include open
	 */
	public boolean keepsUntouched() {
		return this.states.contains(HandlingState.OPEN);
	}

	/**
	 * Whether every state kept is a waiting one.
	 * @return true for a filter of waiting mentions
	 */
	public boolean waiting() {
		return this.states.stream().allMatch(HandlingState::waiting);
	}

}
