package io.grapevine.ingest.pipeline.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.grapevine.ingest.pipeline.SourceStatusBoard;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows operators the state of every source instance.
 */
@RestController
@RequestMapping("/api/sources")
class SourcesController {

	private final SourceStatusBoard board;

	private final Clock clock;

	SourcesController(SourceStatusBoard board, Clock clock) {
		this.board = board;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "Every source instance with its state")
	List<SourceView> sources() {
		return this.board.all().stream().map(this::view).toList();
	}

	@GetMapping("/{instanceId}")
	@Operation(summary = "One source instance with its state")
	SourceView source(@PathVariable String instanceId) {
		return this.board.find(instanceId)
			.map(this::view)
			.orElseThrow(() -> new UnknownSourceException(instanceId,
					this.board.all().stream().map(io.grapevine.ingest.pipeline.SourceStatus::instanceId).toList()));
	}

	private SourceView view(io.grapevine.ingest.pipeline.SourceStatus status) {
		Instant now = this.clock.instant();
		return SourceView.of(status, this.board.publishedInTheLastHour(status.instanceId(), now), now);
	}

	@ExceptionHandler
	ProblemDetail unknownSource(UnknownSourceException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Unknown source instance");
		return problem;
	}

	/**
	 * Thrown when the API is asked for a source instance that is not configured.
	 */
	static class UnknownSourceException extends RuntimeException {

		UnknownSourceException(String instanceId, List<String> known) {
			super("There is no source instance '" + instanceId + "'; known instances are " + known);
		}

	}

}
