package io.grapevine.search.handling;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Organization;
import io.grapevine.listening.organization.Topic;

/**
 * Where a mention stands in being answered, and the guarded changes actions make to it.
 *
 * @param state the state
 * @param departments the departments that hold it: those that own its topics until
 * someone assigns or escalates it; empty when nobody does
 * @param assignee the person it is assigned to
 * @param since when the current state began: when it started waiting, or when it was
 * answered or dismissed
 * @param answeredBy who answered it
 * @param answeredAt when it was answered
 * @param answerUrl the link to the answer
 * @param updatedAt when the last action was taken; absent while nobody has acted on it
 * @param waitingSeconds how long it has waited, for a waiting mention read at a given
 * time
 */
public record Handling(HandlingState state, List<String> departments, Optional<String> assignee, Instant since,
		Optional<String> answeredBy, Optional<Instant> answeredAt, Optional<URI> answerUrl, Optional<Instant> updatedAt,
		Optional<Long> waitingSeconds) {

	public Handling {
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(since, "since");
		departments = (departments != null) ? List.copyOf(departments) : List.of();
		assignee = (assignee != null) ? assignee : Optional.empty();
		answeredBy = (answeredBy != null) ? answeredBy : Optional.empty();
		answeredAt = (answeredAt != null) ? answeredAt : Optional.empty();
		answerUrl = (answerUrl != null) ? answerUrl : Optional.empty();
		updatedAt = (updatedAt != null) ? updatedAt : Optional.empty();
		waitingSeconds = (waitingSeconds != null) ? waitingSeconds : Optional.empty();
	}

	/**
	 * The handling of a mention nobody has acted on: open, with the departments that own
	 * its topics, waiting since it was published (a mention fetched late has waited all
	 * the same).
	 * @param mention the mention
	 * @param organization the organization, for who owns which topic
	 * @return the handling
	 */
	public static Handling initial(Mention mention, Organization organization) {
		return new Handling(HandlingState.OPEN, owners(mention.topics(), organization), Optional.empty(),
				mention.publishedAt(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty());
	}

	/**
	 * The departments that own any of the given topics, in the order of the topics.
	 * @param topicIds topic ids
	 * @param organization the organization
	 * @return the owners without repeats; unknown topics own nothing
	 */
	public static List<String> owners(List<String> topicIds, Organization organization) {
		Set<String> owners = new LinkedHashSet<>();
		for (String topicId : topicIds) {
			organization.topic(topicId).map(Topic::department).ifPresent(owners::add);
		}
		return List.copyOf(owners);
	}

	/**
	 * This handling as read at a given time: with how long a waiting mention has waited.
	 * @param now the time of reading
	 * @return the handling with {@code waitingSeconds} when it waits
	 */
	public Handling readAt(Instant now) {
		Optional<Long> waited = this.state.waiting()
				? Optional.of(Math.max(0, Duration.between(this.since, now).toSeconds())) : Optional.empty();
		return new Handling(this.state, this.departments, this.assignee, this.since, this.answeredBy, this.answeredAt,
				this.answerUrl, this.updatedAt, waited);
	}

	/**
	 * The handling after an action.
	 * @param request the action
	 * @param actor who takes it
	 * @param now when
	 * @param organization the organization, for which departments exist
	 * @return the new handling
	 * @throws InvalidActionException when the action names an unknown department or
	 * escalates to the department that holds the mention
	 * @throws HandlingConflictException when the state does not allow the action
	 */
	public Handling apply(ActionRequest request, String actor, Instant now, Organization organization) {
		Objects.requireNonNull(actor, "actor");
		request.department().ifPresent((id) -> requireDepartment(id, organization));
		Optional<Instant> at = Optional.of(now);
		switch (request.action()) {
			case ASSIGN -> {
				requireWaiting(request);
				List<String> to = request.department().map(List::of).orElse(this.departments);
				// A new department chooses its own person unless the action names one.
				Optional<String> person = request.assignee()
					.or(() -> request.department().isPresent() ? Optional.empty() : this.assignee);
				return new Handling(HandlingState.ASSIGNED, to, person, this.since, Optional.empty(), Optional.empty(),
						Optional.empty(), at, Optional.empty());
			}
			case ANSWER -> {
				requireWaiting(request);
				return new Handling(HandlingState.ANSWERED, this.departments, this.assignee, now, Optional.of(actor),
						at, request.answerUrl(), at, Optional.empty());
			}
			case ESCALATE -> {
				requireWaiting(request);
				String to = request.department().orElseThrow();
				if (this.departments.equals(List.of(to))) {
					throw new InvalidActionException("department",
							"The mention is already with '" + to + "'; escalate it to another department");
				}
				return new Handling(HandlingState.ESCALATED, List.of(to), request.assignee(), this.since,
						Optional.empty(), Optional.empty(), Optional.empty(), at, Optional.empty());
			}
			case DISMISS -> {
				requireWaiting(request);
				return new Handling(HandlingState.DISMISSED, this.departments, this.assignee, now, Optional.empty(),
						Optional.empty(), Optional.empty(), at, Optional.empty());
			}
			case REOPEN -> {
				if (this.state.waiting()) {
					throw HandlingConflictException.invalidTransition("The mention is " + this.state.value()
							+ " and waits already; only an answered or " + "dismissed mention can be reopened");
				}
				return new Handling(HandlingState.REOPENED, this.departments, this.assignee, now, Optional.empty(),
						Optional.empty(), Optional.empty(), at, Optional.empty());
			}
		}
		throw new IllegalStateException("Unknown action " + request.action());
	}

	private void requireWaiting(ActionRequest request) {
		if (!this.state.waiting()) {
			throw HandlingConflictException.invalidTransition("The mention is " + this.state.value() + "; reopen it "
					+ "before you " + request.action().value() + " it");
		}
	}

	private static void requireDepartment(String id, Organization organization) {
		if (organization.department(id).isEmpty()) {
			throw new InvalidActionException("department", "There is no department '" + id + "'; the departments are "
					+ String.join(", ", organization.departments().stream().map((d) -> d.id()).toList()));
		}
	}

}
