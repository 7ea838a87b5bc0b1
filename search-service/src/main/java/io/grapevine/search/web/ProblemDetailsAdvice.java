package io.grapevine.search.web;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the service's own errors as problem details (RFC 9457); Spring's own errors are
 * answered by the problem details support Spring Boot enables.
 */
@RestControllerAdvice
class ProblemDetailsAdvice {

	/** How long a client should wait before asking again while search is unavailable. */
	static final String RETRY_AFTER_SECONDS = "10";

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

	@ExceptionHandler({ TransportException.class, ConnectException.class, SocketTimeoutException.class,
			TimeoutException.class })
	ResponseEntity<ProblemDetail> searchUnavailable(Exception ex) {
		logger.warn("Elasticsearch cannot be reached: {}", ex.toString());
		return unavailable("Search is unavailable: Elasticsearch cannot be reached or did not answer in time; "
				+ "try again shortly");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> searchRefused(ElasticsearchException ex) {
		int status = ex.status();
		if (status == 429 || status >= 500) {
			logger.warn("Elasticsearch is overloaded or failing: {}", ex.getMessage());
			return unavailable(
					"Search is unavailable: Elasticsearch is overloaded (" + status + "); try again shortly");
		}
		// What the service asked was refused: a fault of the service, not of the request.
		logger.error("Elasticsearch refused a request", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Elasticsearch refused the search this request made");
		problem.setTitle("Search failed");
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
	}

	private static ResponseEntity<ProblemDetail> unavailable(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setTitle("Search unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
