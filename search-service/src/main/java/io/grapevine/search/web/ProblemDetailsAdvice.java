package io.grapevine.search.web;

import java.net.ConnectException;

import co.elastic.clients.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the service's own errors as problem details (RFC 9457); Spring's own errors are
 * answered by the problem details support Spring Boot enables.
 */
@RestControllerAdvice
class ProblemDetailsAdvice {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ProblemDetail invalidParameter(InvalidParameterException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), "Invalid query parameter",
				"invalid-parameter");
		problem.setProperty("parameter", ex.parameter());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail invalidQuery(InvalidQueryException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), "Invalid listening query",
				"invalid-query");
		problem.setProperty("parameter", ex.parameter());
		problem.setProperty("position", ex.position());
		problem.setProperty("expected", ex.expected());
		ex.found().ifPresent((found) -> problem.setProperty("found", found));
		return problem;
	}

	@ExceptionHandler({ TransportException.class, ConnectException.class })
	ProblemDetail searchUnavailable(Exception ex) {
		logger.warn("Elasticsearch cannot be reached: {}", ex.toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Search is unavailable: Elasticsearch cannot be reached; try again shortly");
		problem.setTitle("Search unavailable");
		return problem;
	}

}
