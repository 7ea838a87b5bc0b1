package io.grapevine.digest.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.grapevine.listening.organization.Organization;

/**
 * The alerts API: {@code GET /api/alerts} lists the latest alerts, {@code GET
 * /api/alerts/mutes} the mutes, and {@code POST /api/alerts/mute} with {@code {"topic":
 * "delays", "for": "PT2H"}} (or {@code "until"}: an instant) mutes a topic.
 */
public final class AlertRoutes {

	private static final Duration LONGEST_MUTE = Duration.ofDays(90);

	private AlertRoutes() {
	}

	/**
	 * The routes.
	 * @param archive the alert archive
	 * @param mutes the mutes of this replica
	 * @param organization the organization
	 * @param clock the clock
	 * @return the router
	 */
	public static RouterFunction<ServerResponse> routes(AlertArchive archive, AlertMutes mutes,
			Organization organization, Clock clock) {
		return RouterFunctions.route()
			.GET("/api/alerts", (request) -> archive
				.latest(request.queryParam("size").map(AlertRoutes::size).orElse(50))
				.flatMap((alerts) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(alerts)))
			.GET("/api/alerts/mutes", (request) -> archive.mutes()
				.flatMap((stored) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(stored)))
			.POST("/api/alerts/mute", (request) -> mute(request, archive, mutes, organization, clock))
			.build();
	}

	private static int size(String value) {
		try {
			return Math.max(1, Math.min(500, Integer.parseInt(value)));
		}
		catch (NumberFormatException ex) {
			return 50;
		}
	}

	private static Mono<ServerResponse> mute(ServerRequest request, AlertArchive archive, AlertMutes mutes,
			Organization organization, Clock clock) {
		return request.bodyToMono(JsonNode.class)
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(com.fasterxml.jackson.databind.node.NullNode.getInstance())
			.flatMap((body) -> {
				String topic = body.path("topic").asText("");
				if (organization.topic(topic).isEmpty()) {
					return problem("topic must name a topic of the organization file, not '" + topic + "'");
				}
				Instant now = clock.instant();
				Instant until;
				try {
					if (body.hasNonNull("until")) {
						until = Instant.parse(body.get("until").asText());
					}
					else if (body.hasNonNull("for")) {
						until = now.plus(Duration.parse(body.get("for").asText()));
					}
					else {
						return problem(
								"give either until (an instant such as 2026-11-22T18:00:00Z) or for (a duration such as PT2H)");
					}
				}
				catch (DateTimeParseException ex) {
					return problem(
							"until must be an instant such as 2026-11-22T18:00:00Z and for a duration such as PT2H");
				}
				if (!until.isAfter(now) || until.isAfter(now.plus(LONGEST_MUTE))) {
					return problem("a mute must end in the future and within " + LONGEST_MUTE.toDays() + " days");
				}
				mutes.mute(topic, until);
				return archive.mute(topic, until)
					.then(ServerResponse.ok()
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("topic", topic, "until", until.toString())));
			});
	}

	private static Mono<ServerResponse> problem(String detail) {
		return ServerResponse.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
	}

}
