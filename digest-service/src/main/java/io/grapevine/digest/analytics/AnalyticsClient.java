package io.grapevine.digest.analytics;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.grapevine.digest.composition.AnalyticsSummary;
import io.grapevine.digest.composition.DailyPeriod;
import io.grapevine.digest.composition.DigestPeriod;
import io.grapevine.listening.mention.MentionJson;

/**
 * Reads a department's analytics summary for one day from search-service
 * ({@code GET /api/analytics/summary}).
 */
public class AnalyticsClient {

	private static final Logger logger = LoggerFactory.getLogger(AnalyticsClient.class);

	private final WebClient webClient;

	private final URI searchUrl;

	private final Duration timeout;

	/**
	 * Create a client.
	 * @param builder the WebClient builder
	 * @param searchUrl the base URL of search-service
	 * @param timeout how long to wait for an answer
	 */
	public AnalyticsClient(WebClient.Builder builder, URI searchUrl, Duration timeout) {
		this.webClient = builder.baseUrl(searchUrl.toString()).build();
		this.searchUrl = searchUrl;
		this.timeout = timeout;
	}

	/**
	 * Read the summary of a department's day.
	 * @param department the department id
	 * @param period the day
	 * @param top how many top mentions to ask for (1..50)
	 * @return the summary; fails with {@link AnalyticsUnavailableException} or
	 * {@link AnalyticsFailedException}
	 */
	public Mono<AnalyticsSummary> summary(String department, DailyPeriod period, int top) {
		return summary(department, DigestPeriod.of(period), top);
	}

	/**
	 * Read the summary of a department's day or week.
	 * @param department the department id
	 * @param period the day or week
	 * @param top how many top mentions to ask for (1..50)
	 * @return the summary; fails with {@link AnalyticsUnavailableException} or
	 * {@link AnalyticsFailedException}
	 */
	public Mono<AnalyticsSummary> summary(String department, DigestPeriod period, int top) {
		return summary(Optional.of(department), Optional.empty(), period, top);
	}

	/**
	 * Read the summary of the whole organization's or one department's day or week,
	 * optionally of the mentions a listening query matches.
	 * @param department the department id, or empty for the whole organization
	 * @param query a query in the listening query language ({@code q}), if any
	 * @param period the day or week
	 * @param top how many top mentions to ask for (1..50)
	 * @return the summary; fails with {@link AnalyticsUnavailableException} or
	 * {@link AnalyticsFailedException}
	 */
	public Mono<AnalyticsSummary> summary(Optional<String> department, Optional<String> query, DigestPeriod period,
			int top) {
		String what = "analytics of " + department.orElse("the whole organization")
				+ query.map((q) -> " matching " + q).orElse("") + " for " + period.label() + " (" + period.zone() + ")";
		return this.webClient.get()
			.uri((uri) -> uri.path("/api/analytics/summary")
				.queryParamIfPresent("department", department)
				.queryParamIfPresent("q", query)
				.queryParam("from", period.from().toString())
				.queryParam("to", period.to().toString())
				.queryParam("zone", period.zone().getId())
				.queryParam("top", top)
				.build())
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.onStatus(HttpStatusCode::isError,
					(response) -> response.bodyToMono(String.class)
						.defaultIfEmpty("")
						.map((body) -> new AnalyticsFailedException("search-service at " + this.searchUrl + " answered "
								+ response.statusCode().value() + " to the " + what + detail(body))))
			.bodyToMono(String.class)
			.switchIfEmpty(Mono.error(() -> new AnalyticsFailedException(
					"search-service at " + this.searchUrl + " answered the " + what + " with an empty body")))
			.map((body) -> parse(body, what))
			.timeout(this.timeout)
			.doOnNext((summary) -> logger.debug("Read {}: {} mentions", what, summary.total()))
			.onErrorMap(WebClientRequestException.class,
					(ex) -> new AnalyticsUnavailableException("search-service at " + this.searchUrl
							+ " cannot be reached for the " + what + ": " + reason(ex)
							+ "; check grapevine.digest.search-url and that search-service is running", ex))
			.onErrorMap(TimeoutException.class, (ex) -> new AnalyticsUnavailableException(
					"search-service at " + this.searchUrl + " did not answer the " + what + " within " + this.timeout,
					ex));
	}

	private AnalyticsSummary parse(String body, String what) {
		try {
			return MentionJson.mapper().readValue(body, AnalyticsSummary.class);
		}
		catch (JsonProcessingException | RuntimeException ex) {
			throw new AnalyticsFailedException("search-service at " + this.searchUrl + " answered the " + what
					+ " with a body that is not an analytics summary: "
					+ ((ex instanceof JsonProcessingException json) ? json.getOriginalMessage() : ex.getMessage()), ex);
		}
	}

	private static String reason(Throwable ex) {
		Throwable cause = (ex instanceof WebClientRequestException request) ? request.getMostSpecificCause() : ex;
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	private static String detail(String body) {
		if (body.isBlank()) {
			return "";
		}
		String flat = body.strip().replaceAll("\\s+", " ");
		return ": " + ((flat.length() > 300) ? flat.substring(0, 300) + "…" : flat);
	}

}
