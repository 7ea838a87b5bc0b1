package io.grapevine.search.handling;

import java.util.List;
import java.util.Objects;

/**
 * A mention's handling now and every action that led to it.
 *
 * @param mentionId the mention
 * @param handling where it stands
 * @param history its actions, newest first
 */
public record MentionHandling(String mentionId, Handling handling, List<MentionAction> history) {

	public MentionHandling {
		Objects.requireNonNull(mentionId, "mentionId");
		Objects.requireNonNull(handling, "handling");
		history = (history != null) ? List.copyOf(history) : List.of();
	}

}
