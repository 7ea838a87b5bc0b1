package io.grapevine.ingest.source.webhook.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.grapevine.ingest.source.webhook.IdempotencyStore;
import io.grapevine.ingest.source.webhook.WebhookEndpoint;
import io.grapevine.ingest.source.webhook.WebhookEndpoints;
import io.grapevine.ingest.source.webhook.WebhookPayloadMapper;
import io.grapevine.ingest.source.webhook.WebhookPublisher;
import io.grapevine.listening.mention.DeadLetter;
import io.grapevine.listening.mention.Mention;
import io.swagger.v3.oas.annotations.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives signed mentions pushed to a declared webhook instance.
 */
@RestController
class WebhookController {

	static final String TIMESTAMP = "X-Grapevine-Timestamp";

	static final String SIGNATURE = "X-Grapevine-Signature";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final Logger logger = LoggerFactory.getLogger(WebhookController.class);

	private final WebhookEndpoints endpoints;

	private final IdempotencyStore idempotency;

	private final WebhookPublisher publisher;

	private final Clock clock;

	WebhookController(WebhookEndpoints endpoints, IdempotencyStore idempotency, WebhookPublisher publisher,
			Clock clock) {
		this.endpoints = endpoints;
		this.idempotency = idempotency;
		this.publisher = publisher;
		this.clock = clock;
	}

	@PostMapping("/api/ingest/{name}")
	@Operation(summary = "Publish mentions pushed to a webhook instance, signed with its secret")
	Mono<ResponseEntity<Accepted>> receive(@PathVariable String name,
			@RequestHeader(name = TIMESTAMP, required = false) String timestamp,
			@RequestHeader(name = SIGNATURE, required = false) String signature,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, ServerHttpRequest request) {
		WebhookEndpoint endpoint = this.endpoints.find(name).orElseThrow(() -> new UnknownWebhookException(name));
		long length = request.getHeaders().getContentLength();
		if (length > endpoint.maxBodyBytes()) {
			return Mono.error(new BodyTooLargeException(endpoint));
		}
		return DataBufferUtils.join(request.getBody(), endpoint.maxBodyBytes())
			.map(WebhookController::bytes)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, (ex) -> new BodyTooLargeException(endpoint))
			.flatMap((body) -> {
				Instant now = this.clock.instant();
				Optional<String> refusal = endpoint.refusal(Optional.ofNullable(timestamp),
						Optional.ofNullable(signature), body, now);
				if (refusal.isPresent()) {
					logger.warn("Webhook {} refused a request: {}", endpoint.instanceId(), refusal.get());
					return Mono.error(new UnauthenticatedRequestException(refusal.get()));
				}
				Supplier<Mono<List<String>>> work = () -> accept(endpoint, body, now);
				// Without a key, the signature is the key: a captured request sent again
				// within the timestamp's window gets the first answer and publishes
				// nothing.
				String key = (idempotencyKey != null && !idempotencyKey.isBlank()) ? idempotencyKey.strip()
						: "signature " + signature.strip();
				Mono<List<String>> accepted = this.idempotency.once(endpoint.instanceId(), key, body, work);
				return accepted.map((ids) -> ResponseEntity.accepted().body(new Accepted(endpoint.instanceId(), ids)));
			});
	}

	private Mono<List<String>> accept(WebhookEndpoint endpoint, byte[] body, Instant now) {
		WebhookPayloadMapper.Mapped mapped = endpoint.map(body, now);
		if (mapped instanceof WebhookPayloadMapper.Mapped.Refused refused) {
			DeadLetter deadLetter = new DeadLetter(endpoint.instanceId(), refused.reason(),
					new String(body, StandardCharsets.UTF_8), now);
			return this.publisher.deadLetter(deadLetter).then(Mono.error(new InvalidBodyException(refused.reason())));
		}
		List<Mention> mentions = ((WebhookPayloadMapper.Mapped.Mentions) mapped).mentions();
		List<String> ids = mentions.stream().map(Mention::id).toList();
		return this.publisher.publish(endpoint.instanceId(), mentions)
			.onErrorMap((ex) -> new NotPublishedException(endpoint, ex))
			.doOnSuccess((done) -> logger.info("Webhook {} published {} mentions", endpoint.instanceId(), ids.size()))
			.thenReturn(ids);
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unknown(UnknownWebhookException ex) {
		return problem(HttpStatus.NOT_FOUND, "Unknown webhook", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unauthenticated(UnauthenticatedRequestException ex) {
		return problem(HttpStatus.UNAUTHORIZED, "Request not signed as this webhook expects", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidBodyException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Body is not mentions this webhook can publish", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException ex) {
		return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> keyReused(IdempotencyStore.KeyReusedException ex) {
		return problem(HttpStatus.CONFLICT, "Idempotency key reused", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notPublished(NotPublishedException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Mentions not published", ex.getMessage());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status).body(problem);
	}

	/**
	 * The answer to a request whose mentions were published.
	 *
	 * @param instance the webhook instance, {@code webhook:<name>}
	 * @param accepted the ids of the published mentions, in the order sent
	 */
	record Accepted(String instance, List<String> accepted) {
	}

	/**
	 * Thrown when a request names no enabled webhook instance.
	 */
	static class UnknownWebhookException extends RuntimeException {

		UnknownWebhookException(String name) {
			super("There is no enabled webhook '" + name + "'; declare it in the organization file under sources "
					+ "with type webhook");
		}

	}

	/**
	 * Thrown when a request's signature or timestamp is missing, wrong or stale.
	 */
	static class UnauthenticatedRequestException extends RuntimeException {

		UnauthenticatedRequestException(String reason) {
			super(reason);
		}

	}

	/**
	 * Thrown when a body is not mentions the webhook can publish; it was set aside.
	 */
	static class InvalidBodyException extends RuntimeException {

		InvalidBodyException(String reason) {
			super(reason + "; the body was set aside on mentions.dlq and nothing was published");
		}

	}

	/**
	 * Thrown when a body is larger than the webhook accepts.
	 */
	static class BodyTooLargeException extends RuntimeException {

		BodyTooLargeException(WebhookEndpoint endpoint) {
			super("The body is larger than the " + endpoint.maxBodyBytes() + " bytes webhook " + endpoint.instanceId()
					+ " accepts (setting max-body-size); send fewer mentions per request");
		}

	}

	/**
	 * Thrown when Kafka did not acknowledge the mentions of a request.
	 */
	static class NotPublishedException extends RuntimeException {

		NotPublishedException(WebhookEndpoint endpoint, Throwable cause) {
			super("The mentions sent to webhook " + endpoint.instanceId() + " could not be published ("
					+ cause.getClass().getSimpleName() + "); send the request again with the same Idempotency-Key",
					cause);
		}

	}

}
