package io.grapevine.search.handling.web;

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
