package io.grapevine.digest.analytics;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriBuilder;

import io.grapevine.digest.composition.AnalyticsSummary;
import io.grapevine.digest.audience.Period;
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
	 * Read the summary of a department's day or week.
	 * @param department the department id
	 * @param period the day or week
	 * @param top how many top mentions to ask for (1..50)
	 * @return the summary; fails with {@link AnalyticsUnavailableException} or
	 * {@link AnalyticsFailedException}
	 */
	public Mono<AnalyticsSummary> summary(String department, Period period, int top) {
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
	public Mono<AnalyticsSummary> summary(Optional<String> department, Optional<String> query, Period period, int top) {
		String what = "analytics of " + department.orElse("the whole organization")
				+ query.map((q) -> " matching " + q).orElse("") + " for " + period.label() + " (" + period.zone() + ")";
		return read((uri) -> uri.path("/api/analytics/summary")
			.queryParamIfPresent("department", department)
			.queryParamIfPresent("q", query)
			.queryParam("from", period.from().toString())
			.queryParam("to", period.to().toString())
			.queryParam("zone", period.zone().getId())
			.queryParam("top", top)
			.build(), AnalyticsSummary.class, what, false)
			.doOnNext((summary) -> logger.debug("Read {}: {} mentions", what, summary.total()));
	}

	/**
	 * Read one answer of search-service's API.
	 * @param <T> the type of the answer
	 * @param uri the path and query of the request
	 * @param type the type of the answer
	 * @param what what is asked, for messages ("analytics of operations for ...")
	 * @param emptyWhenNotFound whether a 404 means the API is not there (an empty answer)
	 * rather than a failure
	 * @return the answer; fails with {@link AnalyticsUnavailableException} or
	 * {@link AnalyticsFailedException}
	 */
	<T> Mono<T> read(Function<UriBuilder, URI> uri, Class<T> type, String what, boolean emptyWhenNotFound) {
		return this.webClient.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchangeToMono((response) -> {
			if (emptyWhenNotFound && response.statusCode().value() == 404) {
				return response.releaseBody().then(Mono.<String>empty());
			}
			if (response.statusCode().isError()) {
				return response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.flatMap((body) -> Mono.<String>error(new AnalyticsFailedException(
							"search-service at " + this.searchUrl + " answered " + response.statusCode().value()
									+ " to the " + what + detail(body) + signInHint(response.statusCode()))));
			}
			return response.bodyToMono(String.class)
				.switchIfEmpty(Mono.error(() -> new AnalyticsFailedException(
						"search-service at " + this.searchUrl + " answered the " + what + " with an empty body")));
		})
			.map((body) -> parse(body, type, what))
			.timeout(this.timeout)
			.onErrorMap(WebClientRequestException.class,
					(ex) -> new AnalyticsUnavailableException("search-service at " + this.searchUrl
							+ " cannot be reached for the " + what + ": " + reason(ex)
							+ "; check grapevine.digest.search-url and that search-service is running", ex))
			.onErrorMap(TimeoutException.class, (ex) -> new AnalyticsUnavailableException(
					"search-service at " + this.searchUrl + " did not answer the " + what + " within " + this.timeout,
					ex));
	}

	private <T> T parse(String body, Class<T> type, String what) {
		try {
			return MentionJson.mapper().readValue(body, type);
		}
		catch (JsonProcessingException | RuntimeException ex) {
			throw new AnalyticsFailedException("search-service at " + this.searchUrl + " answered the " + what
					+ " with a body that is not " + noun(type) + ": "
					+ ((ex instanceof JsonProcessingException json) ? json.getOriginalMessage() : ex.getMessage()), ex);
		}
	}

	private static String noun(Class<?> type) {
		return (type == AnalyticsSummary.class) ? "an analytics summary"
				: "the expected " + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
	}

	private static String reason(Throwable ex) {
		Throwable cause = (ex instanceof WebClientRequestException request) ? request.getMostSpecificCause() : ex;
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	private static String signInHint(HttpStatusCode status) {
		return (status.value() == 401 || status.value() == 403)
				? "; check grapevine.search.token (the API token digest-service calls with), or "
						+ "grapevine.search.username and grapevine.search.password, the member it signs in as"
				: "";
	}

	private static String detail(String body) {
		if (body.isBlank()) {
			return "";
		}
		String flat = body.strip().replaceAll("\\s+", " ");
		return ": " + ((flat.length() > 300) ? flat.substring(0, 300) + "…" : flat);
	}

}
