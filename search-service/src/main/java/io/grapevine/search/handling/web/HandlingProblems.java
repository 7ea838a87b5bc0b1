package io.grapevine.search.handling.web;

import java.util.Optional;

import io.grapevine.search.handling.HandlingConflictException;
import io.grapevine.search.handling.InvalidActionException;
import io.grapevine.search.handling.MentionNotFoundException;
import io.grapevine.search.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the refusals of mention handling as problem details (RFC 9457).
 */
@RestControllerAdvice
class HandlingProblems {

	/**
	 * The problem detail of a refusal of mention handling, as the single-mention API
	 * answers it.
	 * @param failure what stopped the action
	 * @return its problem, or empty when it is no refusal of handling
	 */
	static Optional<ProblemDetail> of(Throwable failure) {
		HandlingProblems problems = new HandlingProblems();
		if (failure instanceof InvalidActionException ex) {
			return Optional.of(problems.invalidAction(ex));
		}
		if (failure instanceof MentionNotFoundException ex) {
			return Optional.of(problems.mentionNotFound(ex));
		}
		if (failure instanceof HandlingConflictException ex) {
			return Optional.of(problems.conflict(ex));
		}
		return Optional.empty();
	}

	@ExceptionHandler
	ProblemDetail invalidAction(InvalidActionException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), "Invalid action",
				"invalid-action");
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail mentionNotFound(MentionNotFoundException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), "No such mention",
				"mention-not-found");
		problem.setProperty("mentionId", ex.mentionId());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail conflict(HandlingConflictException ex) {
		if (ex.concurrent()) {
			return Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "Changed meanwhile", "concurrent-change");
		}
		return Problems.of(HttpStatus.CONFLICT, ex.getMessage(), "Action not allowed in this state",
				"invalid-transition");
	}

	@ExceptionHandler
	ProblemDetail notSignedIn(NotSignedInException ex) {
		return Problems.of(HttpStatus.UNAUTHORIZED, ex.getMessage(), "Not signed in", "not-signed-in");
	}

}
