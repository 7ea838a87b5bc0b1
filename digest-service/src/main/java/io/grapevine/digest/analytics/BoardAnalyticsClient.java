package io.grapevine.digest.analytics;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.grapevine.digest.composition.BoardFigures;
import io.grapevine.digest.composition.BoardMonth;
import io.grapevine.digest.audience.Period;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.mention.MentionJson;
import io.grapevine.listening.organization.Competitor;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriBuilder;

/**
 * Reads what a board digest is made of from search-service: the share of voice
 * ({@code GET /api/analytics/share-of-voice}), each department's summary
 * ({@code GET /api/analytics/summary}) and the widest-reaching mentions
 * ({@code GET /api/mentions?sort=reach}).
 */
public class BoardAnalyticsClient {

	private final WebClient webClient;

	private final URI searchUrl;

	private final Duration timeout;

	/**
	 * Create a client.
	 * @param builder the WebClient builder
	 * @param searchUrl the base URL of search-service
	 * @param timeout how long to wait for each answer
	 */
	public BoardAnalyticsClient(WebClient.Builder builder, URI searchUrl, Duration timeout) {
		this.webClient = builder.baseUrl(searchUrl.toString()).build();
		this.searchUrl = searchUrl;
		this.timeout = timeout;
	}

	/**
	 * Read one month's share of voice and each department's mentions and sentiment, one
	 * call after the other.
	 * @param organization the organization
	 * @param period the month
	 * @return the month; fails with {@link AnalyticsUnavailableException} or
	 * {@link AnalyticsFailedException}
	 */
	public Mono<BoardMonth> month(Organization organization, Period period) {
		Mono<JsonNode> shareOfVoice = get("share of voice for " + period.label(),
				(uri) -> uri.path("/api/analytics/share-of-voice")
					.queryParam("from", period.from().toString())
					.queryParam("to", period.to().toString())
					.build());
		Mono<Map<String, BoardMonth.Count>> departments = Flux.fromIterable(organization.departments())
			.concatMap((department) -> departmentMonth(department, period)
				.map((count) -> Map.entry(department.id(), count)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		return shareOfVoice.flatMap((voices) -> departments.map((counts) -> {
			BoardMonth.Count own = count(voices.path("organization"));
			Map<String, BoardMonth.Count> competitors = new HashMap<>();
			for (JsonNode voice : voices.path("competitors")) {
				String id = voice.path("id").asText("");
				if (!id.isEmpty()) {
					competitors.put(id, count(voice));
				}
			}
			for (Competitor competitor : organization.competitors()) {
				competitors.putIfAbsent(competitor.id(), BoardMonth.Count.NONE);
			}
			return new BoardMonth(own, competitors, counts);
		}));
	}

	/**
	 * Read the organization's mentions of a month with the widest reach: those tagged
	 * with any department.
	 * @param organization the organization
	 * @param period the month
	 * @param size how many (1..100)
	 * @return the mentions, widest reach first
	 */
	public Mono<List<Mention>> widestReach(Organization organization, Period period, int size) {
		if (organization.departments().isEmpty()) {
			return Mono.just(List.of());
		}
		return get("widest-reaching mentions of " + period.label(),
				(uri) -> uri.path("/api/mentions")
					.queryParam("from", period.from().toString())
					.queryParam("to", period.to().toString())
					.queryParam("sort", "reach")
					.queryParam("owned", false)
					.queryParam("size", size)
					.queryParam("department", organization.departments().stream().map(Department::id).toArray())
					.build())
			.map((page) -> {
				List<Mention> mentions = new ArrayList<>();
				for (JsonNode found : page.path("mentions")) {
					mentions.add(mention(found.path("mention")));
				}
				return List.copyOf(mentions);
			});
	}

	private Mono<BoardMonth.Count> departmentMonth(Department department, Period period) {
		return get("analytics of " + department.id() + " for " + period.label(),
				(uri) -> uri.path("/api/analytics/summary")
					.queryParam("department", department.id())
					.queryParam("from", period.from().toString())
					.queryParam("to", period.to().toString())
					.queryParam("zone", period.zone().getId())
					.queryParam("top", 1)
					.build())
			.map((summary) -> new BoardMonth.Count(summary.path("total").asLong(),
					sentiment(summary.path("sentiment"))));
	}

	private static BoardMonth.Count count(JsonNode voice) {
		return new BoardMonth.Count(Math.max(0, voice.path("mentions").asLong()), sentiment(voice.path("sentiment")));
	}

	private static BoardFigures.Sentiment sentiment(JsonNode split) {
		JsonNode average = split.path("averageScore");
		return new BoardFigures.Sentiment(split.path("positive").asLong(), split.path("negative").asLong(),
				split.path("neutral").asLong(),
				average.isNumber() ? Optional.of(average.asDouble()) : Optional.empty());
	}

	private Mention mention(JsonNode json) {
		try {
			return MentionJson.mapper().treeToValue(json, Mention.class);
		}
		catch (JsonProcessingException | RuntimeException ex) {
			throw new AnalyticsFailedException("search-service at " + this.searchUrl
					+ " answered with a mention that is not valid Mention JSON: " + ex.getMessage(), ex);
		}
	}

	private Mono<JsonNode> get(String what, Function<UriBuilder, URI> uri) {
		return this.webClient.get()
			.uri(uri)
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
			.onErrorMap(WebClientRequestException.class,
					(ex) -> new AnalyticsUnavailableException("search-service at " + this.searchUrl
							+ " cannot be reached for the " + what + ": " + ex.getMostSpecificCause().getMessage()
							+ "; check grapevine.digest.search-url and that search-service is running", ex))
			.onErrorMap(TimeoutException.class, (ex) -> new AnalyticsUnavailableException(
					"search-service at " + this.searchUrl + " did not answer the " + what + " within " + this.timeout,
					ex));
	}

	private JsonNode parse(String body, String what) {
		try {
			JsonNode json = MentionJson.mapper().readTree(body);
			if (json == null || !json.isObject()) {
				throw new AnalyticsFailedException("search-service at " + this.searchUrl + " answered the " + what
						+ " with something not a JSON object");
			}
			return json;
		}
		catch (JsonProcessingException ex) {
			throw new AnalyticsFailedException("search-service at " + this.searchUrl + " answered the " + what
					+ " with a body that is not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private static String detail(String body) {
		if (body.isBlank()) {
			return "";
		}
		String flat = body.strip().replaceAll("\\s+", " ");
		return ": " + ((flat.length() > 300) ? flat.substring(0, 300) + "…" : flat);
	}

}
