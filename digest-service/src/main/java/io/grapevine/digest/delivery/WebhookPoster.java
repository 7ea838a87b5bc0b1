package io.grapevine.digest.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Posts a JSON message to a chat webhook (Slack, Teams) and tries again with backoff
 * while the webhook is down or asks to slow down (429, honouring {@code Retry-After}); a
 * refusal (another 4xx) fails at once, because sending it again would not help. Webhook
 * URLs are secrets: messages name the channel and department, never the URL.
 */
public class WebhookPoster {

	private static final Logger logger = LoggerFactory.getLogger(WebhookPoster.class);

	private final WebClient client;

	private final int attempts;

	private final Duration firstBackoff;

	private final Duration maxBackoff;

	/**
	 * Create a poster.
	 * @param builder the web client builder
	 * @param attempts how many times to try a message before giving up (1 or more)
	 * @param firstBackoff the wait before the second try; it doubles up to
	 * {@code maxBackoff}
	 * @param maxBackoff the longest wait between tries
	 * @param timeout how long one request may take
	 */
	public WebhookPoster(WebClient.Builder builder, int attempts, Duration firstBackoff, Duration maxBackoff,
			Duration timeout) {
		this.client = builder.clone()
			.defaultHeader(HttpHeaders.USER_AGENT, "Grapevine digest-service")
			.filter((request, next) -> next.exchange(request).timeout(timeout))
			.build();
		this.attempts = attempts;
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Post a message.
	 * @param webhook the webhook URL
	 * @param body the JSON body
	 * @param channel what it is, for messages, e.g. {@code Slack webhook of operations
	 * (OPERATIONS_SLACK_WEBHOOK)}
	 * @return completes once the webhook accepted the message; fails with
	 * {@link DeliveryFailedException} when it refused it or stayed down
	 */
	public Mono<Void> post(URI webhook, JsonNode body, String channel) {
		return Mono.defer(() -> this.client.post()
			.uri(webhook)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchangeToMono((response) -> response.bodyToMono(String.class).defaultIfEmpty("").flatMap((answer) -> {
				int status = response.statusCode().value();
				if (response.statusCode().is2xxSuccessful()) {
					return Mono.<Void>empty();
				}
				String said = answer.isBlank() ? "" : ": " + abbreviate(answer);
				if (status == 429 || response.statusCode().is5xxServerError()) {
					Optional<Duration> after = retryAfter(response.headers().asHttpHeaders());
					return Mono.error(new Unavailable(channel + " answered " + status + said, after));
				}
				return Mono.error(new DeliveryFailedException(channel + " refused the message with " + status + said
						+ "; check that the variable holds the webhook URL the channel gave", null));
			})))
			.onErrorMap(WebClientRequestException.class,
					(ex) -> new Unavailable(
							channel + " could not be reached: " + ex.getMostSpecificCause().getMessage(),
							Optional.empty()))
			.retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
				if (!(signal.failure() instanceof Unavailable unavailable)
						|| signal.totalRetries() + 1 >= this.attempts) {
					return Mono.error(signal.failure());
				}
				Duration backoff = this.firstBackoff.multipliedBy(1L << Math.min(20, signal.totalRetries()));
				Duration wait = unavailable.after
					.orElse(backoff.compareTo(this.maxBackoff) > 0 ? this.maxBackoff : backoff);
				logger.warn("{}; trying again in {} (try {} of {})", unavailable.getMessage(), wait,
						signal.totalRetries() + 2, this.attempts);
				return Mono.delay(wait);
			})))
			.onErrorMap(Unavailable.class,
					(ex) -> new DeliveryFailedException(ex.getMessage() + "; gave up after " + this.attempts + " tries",
							ex));
	}

	private static Optional<Duration> retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null) {
			return Optional.empty();
		}
		try {
			long seconds = Long.parseLong(value.strip());
			return (seconds >= 0 && seconds <= 3600) ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static String abbreviate(String answer) {
		String line = answer.strip().lines().findFirst().orElse("");
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

	private static final class Unavailable extends RuntimeException {

		private final Optional<Duration> after;

		Unavailable(String message, Optional<Duration> after) {
			super(message, null, false, false);
			this.after = after;
		}

	}

}
