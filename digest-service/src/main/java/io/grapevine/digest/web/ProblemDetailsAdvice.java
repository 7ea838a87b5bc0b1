package io.grapevine.digest.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.grapevine.digest.analytics.AnalyticsFailedException;
import io.grapevine.digest.analytics.AnalyticsUnavailableException;
import io.grapevine.digest.elasticsearch.ArchiveUnavailableException;
import io.grapevine.digest.archive.DigestNotFoundException;
import io.grapevine.digest.delivery.DeliveryFailedException;
import io.grapevine.digest.sending.UnknownDepartmentException;

/**
 * Answers the service's own errors as problem details (RFC 9457) with a detail that says
 * what to do.
 */
@RestControllerAdvice
class ProblemDetailsAdvice {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ProblemDetail unknownDepartment(UnknownDepartmentException ex) {
		return problem(HttpStatus.NOT_FOUND, "Unknown department", ex);
	}

	@ExceptionHandler
	ProblemDetail digestNotFound(DigestNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Digest not found", ex);
	}

	@ExceptionHandler
	ProblemDetail invalidRequest(InvalidRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex);
	}

	@ExceptionHandler
	ProblemDetail searchServiceUnavailable(AnalyticsUnavailableException ex) {
		logger.warn("Digest not sent: {}", ex.getMessage());
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Search service unavailable", ex);
	}

	@ExceptionHandler
	ProblemDetail searchServiceFailed(AnalyticsFailedException ex) {
		logger.warn("Digest not sent: {}", ex.getMessage());
		return problem(HttpStatus.BAD_GATEWAY, "Search service failed", ex);
	}

	@ExceptionHandler
	ProblemDetail smtpUnavailable(DeliveryFailedException ex) {
		logger.warn("Digest not sent: {}", ex.getMessage());
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Email delivery failed", ex);
	}

	@ExceptionHandler
	ProblemDetail archiveUnavailable(ArchiveUnavailableException ex) {
		logger.warn("Digest archive unavailable: {}", ex.getMessage());
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Digest archive unavailable", ex);
	}

	private static ProblemDetail problem(HttpStatus status, String title, Exception ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(title);
		return problem;
	}

}
