package io.grapevine.search.saved.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.grapevine.listening.query.QueryParseException;
import io.grapevine.search.saved.InvalidSavedSearchException;
import io.grapevine.search.saved.NoEmailAddressException;
import io.grapevine.search.saved.NotTheMakerException;
import io.grapevine.search.saved.SavedSearchNotFoundException;
import io.grapevine.search.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/**
 * Answers the refusals of the saved-search API as problem details (RFC 9457), each 400
 * naming the field at fault, a body that does not read as JSON of the right shape
 * included. It comes before Spring's own answers, which would not name the field.
 */
@RestControllerAdvice(assignableTypes = SavedSearchController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SavedSearchProblems {

	@ExceptionHandler
	ProblemDetail invalid(InvalidSavedSearchException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), "Invalid saved search",
				"invalid-saved-search");
		problem.setProperty("field", ex.field());
		if (ex.getCause() instanceof QueryParseException query) {
			problem.setProperty("position", query.position());
			problem.setProperty("expected", query.expected());
			if (query.found() != null) {
				problem.setProperty("found", query.found());
			}
		}
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unreadable(ServerWebInputException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
				String field = field(mapping);
				return invalid(new InvalidSavedSearchException(field,
						"'" + field + "' has the wrong type: " + mapping.getOriginalMessage().split("\n")[0]));
			}
			if (cause instanceof JsonProcessingException json) {
				return invalid(new InvalidSavedSearchException("body",
						"The body is not JSON: " + json.getOriginalMessage().split("\n")[0]));
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return invalid(new InvalidSavedSearchException("body", "The body cannot be read: " + ex.getReason()));
	}

	// filters.department, not filters.department[0]: the list is the field.
	private static String field(JsonMappingException mapping) {
		StringBuilder field = new StringBuilder();
		for (JsonMappingException.Reference reference : mapping.getPath()) {
			if (reference.getFieldName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
		}
		return field.isEmpty() ? "body" : field.toString();
	}

	@ExceptionHandler
	ProblemDetail notFound(SavedSearchNotFoundException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, ex.getMessage(), "No such saved search",
				"saved-search-not-found");
		problem.setProperty("savedSearchId", ex.savedSearchId());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notTheMaker(NotTheMakerException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, ex.getMessage(), "Not the maker", "not-the-maker");
	}

	@ExceptionHandler
	ProblemDetail noEmail(NoEmailAddressException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), "No email address",
				"no-email-address");
		problem.setProperty("field", "email");
		return problem;
	}

}
