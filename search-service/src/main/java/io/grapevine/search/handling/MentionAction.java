package io.grapevine.search.handling;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One action taken on a mention, as the history keeps it.
 *
 * @param mentionId the mention
 * @param action what was done
 * @param actor who did it
 * @param at when
 * @param state the mention's state after it
 * @param department the department it was assigned or escalated to
 * @param departments the departments that held the mention before it
 * @param assignee the person it was assigned to
 * @param answerUrl the link to the answer
 * @param reason why
 * @param sequence orders the actions on one mention: a later action has a higher one
 */
public record MentionAction(String mentionId, ActionKind action, String actor, Instant at, HandlingState state,
		Optional<String> department, List<String> departments, Optional<String> assignee, Optional<URI> answerUrl,
		Optional<String> reason, long sequence) {

	public MentionAction {
		department = (department != null) ? department : Optional.empty();
		departments = (departments != null) ? List.copyOf(departments) : List.of();
		assignee = (assignee != null) ? assignee : Optional.empty();
		answerUrl = (answerUrl != null) ? answerUrl : Optional.empty();
		reason = (reason != null) ? reason : Optional.empty();
	}

	/**
	 * The history entry of an action that moved a mention from one handling to the next.
	 * @param mentionId the mention
	 * @param request the action
	 * @param actor who took it
	 * @param before the handling before
	 * @param after the handling after
	 * @param sequence the mention document's sequence number after the action
	 * @return the entry
	 */
	public static MentionAction of(String mentionId, ActionRequest request, String actor, Handling before,
			Handling after, long sequence) {
		Optional<String> department = switch (request.action()) {
			case ASSIGN, ESCALATE -> request.department();
			default -> Optional.empty();
		};
		return new MentionAction(mentionId, request.action(), actor, after.updatedAt().orElseThrow(), after.state(),
				department, before.departments(), request.assignee(), request.answerUrl(), request.reason(), sequence);
	}

}
