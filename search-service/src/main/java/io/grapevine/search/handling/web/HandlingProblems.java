package io.grapevine.search.handling.web;

import java.net.URI;

import io.grapevine.search.handling.HandlingConflictException;
import io.grapevine.search.handling.InvalidActionException;
import io.grapevine.search.handling.MentionNotFoundException;

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
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid action");
		problem.setType(URI.create("https://grapevine.io/problems/invalid-action"));
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail mentionNotFound(MentionNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("No such mention");
		problem.setType(URI.create("https://grapevine.io/problems/mention-not-found"));
		problem.setProperty("mentionId", ex.mentionId());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail conflict(HandlingConflictException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		if (ex.concurrent()) {
			problem.setTitle("Changed meanwhile");
			problem.setType(URI.create("https://grapevine.io/problems/concurrent-change"));
		}
		else {
			problem.setTitle("Action not allowed in this state");
			problem.setType(URI.create("https://grapevine.io/problems/invalid-transition"));
		}
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notSignedIn(NotSignedInException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, ex.getMessage());
		problem.setTitle("Not signed in");
		problem.setType(URI.create("https://grapevine.io/problems/not-signed-in"));
		return problem;
	}

}
