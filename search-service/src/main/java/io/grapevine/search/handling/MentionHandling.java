package io.grapevine.search.handling;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mention's handling now and every action that led to it.
 *
 * @param mentionId the mention
 * @param handling where it stands; absent for the organization's own posts, which wait
 * for no answer
 * @param history its actions, newest first
 */
public record MentionHandling(String mentionId, Optional<Handling> handling, List<MentionAction> history) {

	public MentionHandling {
		Objects.requireNonNull(mentionId, "mentionId");
		handling = (handling != null) ? handling : Optional.empty();
		history = (history != null) ? List.copyOf(history) : List.of();
	}

}
